package org.mevflow.core.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class OperationSpecTest {
  /** The shape of WebMEV's own spec files (inputs with specs, outputs, mode, repository). */
  static final String WEBMEV_SHAPE =
      """
      {"name": "Some name", "description": "Here is some description of the process",
       "inputs": {
         "count_matrix": {"description": "The count matrix of expressions", "name": "Count matrix:",
           "required": true, "converter": "api.converters.data_resource.LocalDockerSingleDataResourceConverter",
           "spec": {"attribute_type": "VariableDataResource", "resource_types": ["I_MTX", "EXP_MTX"], "many": false}},
         "p_val": {"description": "The filtering threshold for the p-value", "name": "P-value threshold:",
           "required": false, "spec": {"attribute_type": "BoundedFloat", "min": 0, "max": 1.0, "default": 0.05}}},
       "outputs": {
         "norm_counts": {"spec": {"attribute_type": "DataResource", "resource_type": "EXP_MTX", "many": false}}},
       "mode": "local_docker", "repository_url": "https://github.com/some-repo/", "git_hash": "abcd1234",
       "workspace_operation": false}
      """;

  @Test
  void readsWebMevsSpecShape() throws Exception {
    OperationSpec spec = OperationSpec.parse(WEBMEV_SHAPE);
    assertThat(spec.name()).isEqualTo("Some name");
    assertThat(spec.mode()).isEqualTo("local_docker");
    assertThat(spec.workspaceOperation()).isFalse();
    OperationSpec.Input counts = spec.inputs().get("count_matrix");
    assertThat(counts.required()).isTrue();
    assertThat(counts.spec().type()).isEqualTo(AttributeType.VariableDataResource);
    assertThat(counts.spec().resourceTypes()).containsExactly("I_MTX", "EXP_MTX");
    assertThat(counts.spec().converter()).endsWith("LocalDockerSingleDataResourceConverter");
    assertThat(spec.inputs().get("p_val").spec().defaultValue().asDouble()).isEqualTo(0.05);
    assertThat(spec.outputs().get("norm_counts").spec().resourceTypes()).containsExactly("EXP_MTX");
  }

  @Test
  void specsThatCouldNotBeRunAreRefusedWithTheKey() {
    assertThatThrownBy(() -> OperationSpec.parse("{\"inputs\":{}}"))
        .hasMessageContaining("needs a 'name'");
    assertThatThrownBy(() -> OperationSpec.parse("[1]")).hasMessageContaining("JSON object");
    assertThatThrownBy(() -> OperationSpec.parse("{nope")).hasMessageContaining("not valid JSON");
    assertThatThrownBy(
            () ->
                OperationSpec.parse(
                    "{\"name\":\"x\",\"inputs\":{\"a\":{\"spec\":{\"attribute_type\":\"Complex\"}}}}"))
        .hasMessageContaining("input 'a': unknown attribute_type 'Complex'");
    assertThatThrownBy(
            () ->
                OperationSpec.parse(
                    "{\"name\":\"x\",\"inputs\":{\"a\":{\"spec\":{\"attribute_type\":\"BoundedInteger\",\"min\":5,\"max\":1}}}}"))
        .hasMessageContaining("needs 'min' <= 'max'");
    assertThatThrownBy(
            () ->
                OperationSpec.parse(
                    "{\"name\":\"x\",\"inputs\":{\"a\":{\"spec\":{\"attribute_type\":\"OptionString\"}}}}"))
        .hasMessageContaining("non-empty 'options'");
    // WebMEV never had a plain "Option" type
    assertThatThrownBy(
            () ->
                OperationSpec.parse(
                    "{\"name\":\"x\",\"inputs\":{\"a\":{\"spec\":{\"attribute_type\":\"Option\",\"options\":[\"a\"]}}}}"))
        .hasMessageContaining("unknown attribute_type 'Option'");
    // a DataResource has one type; several is a VariableDataResource
    assertThatThrownBy(
            () ->
                OperationSpec.parse(
                    "{\"name\":\"x\",\"inputs\":{\"a\":{\"spec\":{\"attribute_type\":\"DataResource\",\"resource_types\":[\"MTX\"],\"many\":false}}}}"))
        .hasMessageContaining("DataResource needs one 'resource_type'");
    assertThatThrownBy(
            () ->
                OperationSpec.parse(
                    "{\"name\":\"x\",\"inputs\":{\"a\":{\"spec\":{\"attribute_type\":\"DataResource\",\"resource_type\":\"MTX\"}}}}"))
        .hasMessageContaining("needs 'many'");
    assertThatThrownBy(
            () ->
                OperationSpec.parse(
                    "{\"name\":\"x\",\"inputs\":{\"a\":{\"spec\":{\"attribute_type\":\"BoundedInteger\",\"min\":0.5,\"max\":3}}}}"))
        .hasMessageContaining("whole-number 'min' and 'max'");
    assertThatThrownBy(
            () ->
                OperationSpec.parse(
                    "{\"name\":\"x\",\"inputs\":{\"a\":{\"spec\":{\"attribute_type\":\"IntegerOption\",\"options\":[1,\"two\"]}}}}"))
        .hasMessageContaining("option \"two\" does not fit IntegerOption");
    assertThatThrownBy(
            () ->
                OperationSpec.parse(
                    "{\"name\":\"x\",\"inputs\":{\"a\":{\"spec\":{\"attribute_type\":\"BoundedFloat\",\"min\":0,\"max\":1,\"default\":2}}}}"))
        .hasMessageContaining(
            "its default 2 is not valid: The value 2 is not within the bounds of [0,1]");
    assertThatThrownBy(
            () ->
                OperationSpec.parse(
                    "{\"name\":\"x\",\"inputs\":{\"a\":{\"spec\":{\"attribute_type\":\"VariableDataResource\",\"resource_types\":[\"XYZ\"],\"many\":false}}}}"))
        .hasMessageContaining("unknown resource type 'XYZ'");
    assertThatThrownBy(() -> OperationSpec.parse("{\"name\":\"x\",\"inputs\":{\"a\":{}}}"))
        .hasMessageContaining("input 'a' has no 'spec'");
  }

  @Test
  void aTimeLimitIsAnIsoDurationOfAtMostThirtyDays() throws Exception {
    assertThat(OperationSpec.parse("{\"name\":\"x\",\"time_limit\":\"PT6H\"}").timeLimit())
        .isEqualTo(java.time.Duration.ofHours(6));
    assertThat(OperationSpec.parse("{\"name\":\"x\"}").timeLimit()).isNull();
    assertThatThrownBy(() -> OperationSpec.parse("{\"name\":\"x\",\"time_limit\":\"6 hours\"}"))
        .hasMessageContaining("'time_limit' must be an ISO-8601 duration");
    assertThatThrownBy(() -> OperationSpec.parse("{\"name\":\"x\",\"time_limit\":\"P31D\"}"))
        .hasMessageContaining("at most 30 days");
    assertThatThrownBy(() -> OperationSpec.parse("{\"name\":\"x\",\"time_limit\":\"PT0S\"}"))
        .hasMessageContaining("positive");
  }
}
