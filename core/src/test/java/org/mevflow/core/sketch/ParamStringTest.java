package org.mevflow.core.sketch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ParamStringTest {
  @Test
  void wortsParametersMakeThreeAbundanceSketches() {
    List<SketchParams> p = ParamString.parse("k=21,k=31,k=51,scaled=1000,abund");
    assertThat(p)
        .extracting(SketchParams::ksize, SketchParams::scaled, SketchParams::trackAbundance)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(21, 1000L, true),
            org.assertj.core.groups.Tuple.tuple(31, 1000L, true),
            org.assertj.core.groups.Tuple.tuple(51, 1000L, true));
    assertThat(p.get(0).maxHash()).isEqualTo(18446744073709552L);
    assertThat(p.get(0).seed()).isEqualTo(42);
  }

  @Test
  void defaultsAreK31Scaled1000WithoutAbundance() {
    assertThat(ParamString.parse(ParamString.DEFAULT)).isEqualTo(ParamString.parse(""));
    assertThat(ParamString.parse("dna")).containsExactly(new SketchParams(31, 42, 1000, 0, false));
    assertThat(ParamString.parse("num=500,k=21"))
        .containsExactly(new SketchParams(21, 42, 0, 500, false));
  }

  @Test
  void sourmashsMaxHashValues() {
    assertThat(SketchParams.maxHashFor(1000)).isEqualTo(18446744073709552L);
    assertThat(SketchParams.maxHashFor(10000)).isEqualTo(1844674407370955L);
    assertThat(SketchParams.maxHashFor(100)).isEqualTo(184467440737095520L);
    assertThat(SketchParams.maxHashFor(1)).isEqualTo(-1L);
    assertThat(SketchParams.maxHashFor(0)).isZero();
  }

  @Test
  void mistakesAreNamed() {
    assertThatThrownBy(() -> ParamString.parse("k=31,scaled=1000,num=10"))
        .hasMessageContaining("sets both num and scaled");
    assertThatThrownBy(() -> ParamString.parse("k=31,sclaed=1000"))
        .hasMessageContaining("unknown parameter 'sclaed=1000'");
    assertThatThrownBy(() -> ParamString.parse("k=x")).hasMessageContaining("not a whole number");
    assertThatThrownBy(() -> ParamString.parse("k=0")).hasMessageContaining("between 1 and");
    assertThatThrownBy(() -> ParamString.parse("abund=1")).hasMessageContaining("takes no value");
    assertThatThrownBy(() -> ParamString.parse("protein,k=10"))
        .hasMessageContaining("only DNA sketches");
  }
}
