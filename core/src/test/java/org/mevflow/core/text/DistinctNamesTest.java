package org.mevflow.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The duplicate check agrees with a set of the names themselves. */
class DistinctNamesTest {
  @Test
  void agreesWithASetOfStringsThroughManyGrowths() {
    Random random = new Random(7);
    DistinctNames names = new DistinctNames();
    Set<String> reference = new HashSet<>();
    for (int i = 0; i < 300_000; i++) {
      String name = "g" + random.nextInt(200_000);
      assertThat(names.add(name)).as(name).isEqualTo(reference.add(name));
    }
    assertThat(names.size()).isEqualTo(reference.size());
  }

  @Test
  void emptyAndUnicodeNamesAreNamesToo() {
    DistinctNames names = new DistinctNames();
    assertThat(names.add("")).isTrue();
    assertThat(names.add("")).isFalse();
    assertThat(names.add("gène")).isTrue();
    assertThat(names.add("gene")).isTrue();
    assertThat(names.add("gène")).isFalse();
  }
}
