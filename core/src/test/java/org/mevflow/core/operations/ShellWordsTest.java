package org.mevflow.core.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Splitting as Python's shlex.split, which WebMEV's docker run goes through: compared with it. */
class ShellWordsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Tag("component") // runs Python's shlex
  @Test
  void wordsAreThoseShlexSplitGives() throws Exception {
    List<String> lines =
        List.of(
            "python3 /usr/local/bin/run_pca.py -i /data/x/m.tsv   -s \"a,b c\"  ",
            "Rscript /usr/local/bin/limma.R /a/b.tsv /a/ann.tsv \"Control\" \"Treated group\" 5",
            "cmd 'single quoted \"inside\"' \"double 'inside'\" mixed'quo'\"tes\"",
            "escapes a\\ b \"c\\\"d\" \"e\\\\f\" \"g\\$h\" 'i\\j'",
            "tabs\tand\nnewlines  # not a comment",
            "empty '' \"\" args",
            "-l 1 --flag=value x=\"y z\"");
    ArrayNode input = JSON.createArrayNode();
    lines.forEach(input::add);
    var expected =
        PythonOracle.run(
            "import json, shlex, sys\n"
                + "print(json.dumps([shlex.split(l) for l in json.load(sys.stdin)]))",
            input);
    for (int i = 0; i < lines.size(); i++) {
      List<String> want = new ArrayList<>();
      expected.get(i).forEach(w -> want.add(w.asText()));
      assertThat(ShellWords.split(lines.get(i))).as(lines.get(i)).isEqualTo(want);
    }
  }

  @Test
  void anUnclosedQuoteIsRefusedAsShlexRefusesIt() {
    assertThatThrownBy(() -> ShellWords.split("a \"b"))
        .hasMessageContaining("No closing quotation");
    assertThatThrownBy(() -> ShellWords.split("a 'b")).hasMessageContaining("No closing quotation");
    assertThatThrownBy(() -> ShellWords.split("a \\")).hasMessageContaining("No escaped character");
  }
}
