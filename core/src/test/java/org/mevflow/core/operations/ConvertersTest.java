package org.mevflow.core.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each of WebMEV's converters on a checked value, as WebMEV's classes convert it. */
class ConvertersTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final UUID A = UUID.fromString("00000000-0000-0000-0000-00000000000a");
  static final UUID B = UUID.fromString("00000000-0000-0000-0000-00000000000b");

  static final Converters.Resources FILES =
      new Converters.Resources() {
        @Override
        public String localPath(UUID resource) {
          return "/staging/" + resource.toString().substring(35) + ".tsv";
        }

        @Override
        public String uri(UUID resource) {
          return "gs://bucket/" + resource.toString().substring(35);
        }

        @Override
        public String type(UUID resource) {
          return Map.of(A, "RNASEQ_COUNT_MTX", B, "ANN").get(resource);
        }
      };

  @ParameterizedTest(name = "{0}: {1} -> {2}")
  @CsvSource(
      delimiter = ';',
      value = {
        "basic_attributes.StringConverter; '\"case_1\"'; '\"case_1\"'",
        "basic_attributes.UnrestrictedStringConverter; '\"any text!\"'; '\"any text!\"'",
        "basic_attributes.NormalizingStringConverter; '\" my group \"'; '\"my_group\"'",
        "basic_attributes.IntegerConverter; 5; 5",
        "basic_attributes.FloatConverter; 0.05; 0.05",
        "basic_attributes.BooleanAsIntegerConverter; true; 1",
        "basic_attributes.BooleanAsIntegerConverter; false; 0",
        "basic_attributes.StringListConverter; '[\"a\",\"b\"]'; '[\"a\",\"b\"]'",
        "basic_attributes.StringListToCsvConverter; '[\"a\",\"b\"]'; '\"a,b\"'",
        "basic_attributes.UnrestrictedStringListConverter; '[\"a b\",\"c\"]'; '[\"a b\",\"c\"]'",
        "basic_attributes.UnrestrictedStringListToCsvConverter; '[\"a b\",\"c\"]'; '\"a b,c\"'",
        "basic_attributes.NormalizingListToCsvConverter; '[\"a b\",\"c\"]'; '\"a_b,c\"'",
        "element_set.ObservationSetCsvConverter; '{\"elements\":[{\"id\":\"S1\",\"attributes\":{}},{\"id\":\"S2\",\"attributes\":{}}]}'; '\"S1,S2\"'",
        "element_set.FeatureSetListConverter; '{\"elements\":[{\"id\":\"TP53\",\"attributes\":{}}]}'; '[\"TP53\"]'",
        "data_resource.LocalDockerSingleDataResourceConverter; '\"00000000-0000-0000-0000-00000000000a\"'; '\"/staging/a.tsv\"'",
        "data_resource.LocalDockerSingleVariableDataResourceConverter; '\"00000000-0000-0000-0000-00000000000b\"'; '\"/staging/b.tsv\"'",
        "data_resource.LocalDockerSingleDataResourceWithTypeConverter; '\"00000000-0000-0000-0000-00000000000a\"'; '\"/staging/a.tsv:::RNASEQ_COUNT_MTX\"'",
        "data_resource.LocalDockerMultipleDataResourceConverter; '[\"00000000-0000-0000-0000-00000000000a\",\"00000000-0000-0000-0000-00000000000b\"]'; '[\"/staging/a.tsv\",\"/staging/b.tsv\"]'",
        "data_resource.LocalDockerCsvResourceConverter; '[\"00000000-0000-0000-0000-00000000000a\",\"00000000-0000-0000-0000-00000000000b\"]'; '\"/staging/a.tsv,/staging/b.tsv\"'",
        "data_resource.LocalDockerSpaceDelimResourceConverter; '[\"00000000-0000-0000-0000-00000000000a\",\"00000000-0000-0000-0000-00000000000b\"]'; '\"/staging/a.tsv /staging/b.tsv\"'",
        "data_resource.CromwellSingleDataResourceConverter; '\"00000000-0000-0000-0000-00000000000a\"'; '\"gs://bucket/a\"'",
        "data_resource.CromwellMultipleDataResourceConverter; '[\"00000000-0000-0000-0000-00000000000a\",\"00000000-0000-0000-0000-00000000000b\"]'; '[\"gs://bucket/a\",\"gs://bucket/b\"]'"
      })
  void convertsInputsAsWebMevDoes(String converter, String value, String expected)
      throws Exception {
    JsonNode out = Converters.input("api.converters." + converter, JSON.readTree(value), FILES);
    assertThat(out).isEqualTo(JSON.readTree(expected));
  }

  @Test
  void outputsComeBackAsTheirConverterSays() throws Exception {
    assertThat(
            Converters.output(
                "api.converters.json_converters.JsonConverter",
                JSON.readTree("\"{\\\"a\\\": [1, 2]}\"")))
        .isEqualTo(JSON.readTree("{\"a\": [1, 2]}"));
    assertThat(
            Converters.output(
                "api.converters.basic_attributes.IntegerConverter", JSON.readTree("7")))
        .isEqualTo(JSON.readTree("7"));
  }

  @Test
  void anUnknownConverterIsRefusedAtIngestionNamingIt() {
    assertThatThrownBy(
            () ->
                OperationSpec.parse(
                    "{\"name\":\"x\",\"inputs\":{\"a\":{\"converter\":\"api.converters.basic_attributes.NoSuchConverter\","
                        + "\"spec\":{\"attribute_type\":\"Integer\"}}}}"))
        .hasMessageContaining(
            "input 'a': unknown converter 'api.converters.basic_attributes.NoSuchConverter'");
    assertThatThrownBy(
            () ->
                OperationSpec.parse(
                    "{\"name\":\"x\",\"outputs\":{\"o\":{\"converter\":\"nope.Converter\","
                        + "\"spec\":{\"attribute_type\":\"Integer\"}}}}"))
        .hasMessageContaining("output 'o': unknown converter 'nope.Converter'");
    assertThatThrownBy(() -> Converters.input("nope", JSON.readTree("1"), FILES))
        .hasMessageContaining("unknown converter 'nope'");
  }
}
