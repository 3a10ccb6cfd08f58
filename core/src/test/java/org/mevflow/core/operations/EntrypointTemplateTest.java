package org.mevflow.core.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * entrypoint.txt rendered as WebMEV renders it, compared with Jinja2 itself (pinned in the Python
 * environment scripts/setup makes) on the same templates and values.
 */
@Tag("component")
class EntrypointTemplateTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String PCA =
      "python3 /usr/local/bin/run_pca.py -i {{input_matrix}} {% if samples %} -s \"{{samples}}\""
          + " {% endif %} \n";

  @Test
  void rendersAsJinjaDoes() throws Exception {
    ArrayNode cases = JSON.createArrayNode();
    add(cases, PCA, "{\"input_matrix\": \"/ops/x/m.tsv\", \"samples\": \"s1,s2\"}");
    add(cases, PCA, "{\"input_matrix\": \"/ops/x/m.tsv\", \"samples\": \"\"}");
    add(cases, PCA, "{\"input_matrix\": \"/ops/x/m.tsv\"}");
    add(
        cases,
        "run -n {{n}} -f {{f}} -g {{g}} -h {{h}} -b {{b}} -c {{c}} -z {{z}} -l {{l}} -d {{d}}"
            + " -e {{e}} -q {{ q }}",
        "{\"n\": 5, \"f\": 0.5, \"g\": 2.0, \"h\": -3, \"b\": true, \"c\": false, \"z\": null,"
            + " \"l\": [\"a\", \"b's\", 3, 1.5, true, null], \"d\": {\"k\": \"v\", \"n\": 1},"
            + " \"e\": [], \"q\": \"x y\"}");
    add(
        cases,
        "{# a comment #}tool {% if not flag %}--off{% elif other %}--other {{other}}{% else %}--on"
            + "{% endif %} {% if a %}A{% if b %}B{% else %}b{% endif %}a{% else %}x{% endif %}.",
        "{\"flag\": 0, \"other\": \"o\", \"a\": [1], \"b\": {}}");
    add(
        cases,
        "tool {% if not flag %}--off{% elif other %}--other {{other}}{% else %}--on{% endif %}",
        "{\"flag\": 1, \"other\": \"\"}");
    add(cases, "tool {% if flag %}--on{% elif other %}--o{% endif %}|", "{\"other\": 2}");
    add(cases, "{%- if a -%} A {%- endif -%} B", "{\"a\": true}");
    JsonNode expected =
        PythonOracle.run(
            "import json, sys, jinja2\n"
                + "print(json.dumps([jinja2.Template(c['t']).render(**c['v'])"
                + " for c in json.load(sys.stdin)]))",
            cases);
    for (int i = 0; i < cases.size(); i++) {
      JsonNode c = cases.get(i);
      Map<String, JsonNode> values = new LinkedHashMap<>();
      c.get("v").fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue()));
      assertThat(EntrypointTemplate.parse(c.get("t").asText()).render(values))
          .as("case %d: %s with %s", i, c.get("t").asText(), c.get("v"))
          .isEqualTo(expected.get(i).asText());
    }
  }

  @Test
  void whatItWouldNotRenderAsJinjaIsRefusedNamingIt() {
    assertThatThrownBy(() -> EntrypointTemplate.parse("a {% for x in xs %}{{x}}{% endfor %}"))
        .hasMessageContaining("{% for x in xs %}")
        .hasMessageContaining("does not render");
    assertThatThrownBy(() -> EntrypointTemplate.parse("a {{ x | join(',') }}"))
        .hasMessageContaining("join");
    assertThatThrownBy(() -> EntrypointTemplate.parse("a {% if x %}b"))
        .hasMessageContaining("no {% endif %}");
    assertThatThrownBy(() -> EntrypointTemplate.parse("a {% endif %}"))
        .hasMessageContaining("without {% if %}");
  }

  private static void add(ArrayNode cases, String template, String values) throws Exception {
    ObjectNode c = cases.addObject();
    c.put("t", template);
    c.set("v", JSON.readTree(values));
  }
}
