package org.mevflow.core.operations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each attribute type's accept and reject cases, and the resource rules. */
class InputValidatorTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final long ME = 7;
  static final UUID WS = UUID.randomUUID();
  static final UUID MINE = UUID.randomUUID();
  static final UUID MINE_ANN = UUID.randomUUID();
  static final UUID NOT_IN_WS = UUID.randomUUID();
  static final UUID THEIRS = UUID.randomUUID();
  static final UUID UNVALIDATED = UUID.randomUUID();

  static final InputValidator.Resources LOOKUP =
      id ->
          Optional.ofNullable(
              Map.of(
                      MINE,
                          new InputValidator.ResourceFacts(
                              MINE, ME, false, true, "EXP_MTX", Set.of(WS)),
                      MINE_ANN,
                          new InputValidator.ResourceFacts(
                              MINE_ANN, ME, false, true, "ANN", Set.of(WS)),
                      NOT_IN_WS,
                          new InputValidator.ResourceFacts(
                              NOT_IN_WS, ME, false, true, "EXP_MTX", Set.of()),
                      THEIRS,
                          new InputValidator.ResourceFacts(
                              THEIRS, 99L, false, true, "EXP_MTX", Set.of(WS)),
                      UNVALIDATED,
                          new InputValidator.ResourceFacts(
                              UNVALIDATED, ME, false, false, null, Set.of(WS)))
                  .get(id));

  private static OperationSpec spec(String type, String extra, boolean required) throws Exception {
    return OperationSpec.parse(
        "{\"name\":\"t\",\"inputs\":{\"x\":{\"required\":"
            + required
            + ",\"spec\":{\"attribute_type\":\""
            + type
            + "\""
            + extra
            + "}}}}");
  }

  private static InputValidator.Result run(OperationSpec spec, String inputs) throws Exception {
    JsonNode node = JSON.readTree(inputs);
    return InputValidator.validate(spec, node, ME, WS, LOOKUP);
  }

  /** WebMEV's accept cases, by attribute type (its data_structures' rules). */
  @ParameterizedTest(name = "{0} {1} accepts {2}")
  @CsvSource(
      delimiter = ';',
      value = {
        "Integer; ''; -3; -3",
        "PositiveInteger; ''; 1; 1",
        "NonNegativeInteger; ''; 0; 0",
        "BoundedInteger; ,\"min\":1,\"max\":10; 10; 10",
        "Float; ''; -2.5; -2.5",
        "Float; ''; 3; 3.0",
        "Float; ''; '\"--inf--\"'; '\"--inf--\"'",
        "PositiveFloat; ''; 0.001; 0.001",
        "PositiveFloat; ''; '\"++inf++\"'; '\"++inf++\"'",
        "NonNegativeFloat; ''; 0; 0.0",
        "BoundedFloat; ,\"min\":0,\"max\":1; 0.05; 0.05",
        "String; ''; '\" case group \"'; '\"case_group\"'",
        "String; ''; '\"ENSG0001.5:x-y\"'; '\"ENSG0001.5:x-y\"'",
        "UnrestrictedString; ''; '\"any text, (even) this!\"'; '\"any text, (even) this!\"'",
        "Boolean; ''; true; true",
        "Boolean; ''; '\"False\"'; false",
        "Boolean; ''; 1; true",
        "OptionString; ,\"options\":[\"a\",\"b\"]; '\"b\"'; '\"b\"'",
        "OptionString; ,\"options\":[\"a\",\"b\"],\"many\":true; '[\"a\",\"b\"]'; '[\"a\",\"b\"]'",
        "IntegerOption; ,\"options\":[5,10]; 10; 10",
        "FloatOption; ,\"options\":[0.5,1]; 1; 1",
        "MixedOption; ,\"options\":[\"auto\",3,0.5]; 3; 3",
        "StringList; ''; '[\"a b\",\"c\"]'; '[\"a_b\",\"c\"]'",
        "UnrestrictedStringList; ''; '[\"a b\",\"c!\"]'; '[\"a b\",\"c!\"]'",
        "BoundedIntegerList; ,\"min\":0,\"max\":5; '[0,5]'; '[0,5]'",
        "BoundedFloatList; ,\"min\":0,\"max\":1; '[0.1,1]'; '[0.1,1]'",
        "Observation; ''; '{\"id\":\"S1\",\"attributes\":{\"age\":{\"attribute_type\":\"PositiveInteger\",\"value\":5}}}'; '{\"id\":\"S1\",\"attributes\":{\"age\":{\"attribute_type\":\"PositiveInteger\",\"value\":5}}}'",
        "Feature; ''; '{\"id\":\"TP53\"}'; '{\"id\":\"TP53\",\"attributes\":{}}'",
        "ObservationSet; ''; '{\"name\":\"cases\",\"type\":\"Observation set\",\"elements\":[{\"id\":\"S1\"},{\"id\":\"S2\"}]}'; '{\"elements\":[{\"id\":\"S1\",\"attributes\":{}},{\"id\":\"S2\",\"attributes\":{}}]}'",
        "FeatureSet; ''; '{\"elements\":[]}'; '{\"elements\":[]}'"
      })
  void accepts(String type, String extra, String value, String stored) throws Exception {
    InputValidator.Result r = run(spec(type, extra, true), "{\"x\":" + value + "}");
    assertThat(r.errors()).isEmpty();
    assertThat(r.values().get("x")).isEqualTo(JSON.readTree(stored));
  }

  /** WebMEV's reject cases, with its wording where the front end shows it. */
  @ParameterizedTest(name = "{0} {1} rejects {2}")
  @CsvSource(
      delimiter = ';',
      value = {
        "Integer; ''; 1.5; 'could not be cast as an integer'",
        "Integer; ''; '\"12\"'; 'could not be cast as an integer'",
        "Integer; ''; '\" 5 \"'; 'could not be cast as an integer'",
        "Integer; ''; true; 'could not be cast as an integer'",
        "PositiveInteger; ''; 0; 'The value 0 was not a positive integer.'",
        "NonNegativeInteger; ''; -1; 'The value -1 is not a non-negative integer.'",
        "BoundedInteger; ,\"min\":1,\"max\":10; 11; 'The value 11 is not within the bounds of [1,10]'",
        "Float; ''; '\"1e3\"'; 'A float attribute was expected, but received \"1e3\"'",
        "PositiveFloat; ''; 0; 'Received a valid float (0), but it was not > 0.'",
        "PositiveFloat; ''; '\"--inf--\"'; 'A positive float attribute was expected'",
        "NonNegativeFloat; ''; -0.1; 'Received a valid float (-0.1), but it was not >= 0.'",
        "BoundedFloat; ,\"min\":0,\"max\":1; 1.5; 'The value 1.5 is not within the bounds of [0,1]'",
        "BoundedFloat; ,\"min\":0,\"max\":1; '\"++inf++\"'; 'A bounded float attribute was expected'",
        "String; ''; 5; 'was not a string'",
        "String; ''; '\"a/b\"'; 'did not match the naming requirements'",
        "Boolean; ''; '\"yes\"'; 'cannot be interpreted as such'",
        "Boolean; ''; 2; 'cannot be interpreted as such'",
        "OptionString; ,\"options\":[\"a\",\"b\"]; '\"c\"'; 'was not among the valid options'",
        "OptionString; ,\"options\":[\"a\",\"b\"]; '[\"a\",\"b\"]'; 'only one option may be chosen'",
        "IntegerOption; ,\"options\":[5,10]; 5.5; 'was not among the valid options'",
        "StringList; ''; '\"a\"'; 'expects a list of values'",
        "BoundedIntegerList; ,\"min\":0,\"max\":5; '[1,6]'; 'item 1: The value 6 is not within the bounds of [0,5]'",
        "Observation; ''; '{\"attributes\":{}}'; 'requires an \"id\" key'",
        "Observation; ''; '{\"id\":\"S1\",\"attributes\":{\"age\":{\"attribute_type\":\"PositiveInteger\",\"value\":-5}}}'; 'The value -5 was not a positive integer.'",
        "ObservationSet; ''; '{\"elements\":[{\"id\":\"S1\"},{\"id\":\"S1\"}]}'; 'Tried to add a duplicate entry to an ObservationSet.'",
        "ObservationSet; ''; '[\"S1\"]'; 'expects a dictionary'",
        "FeatureSet; ''; '{\"names\":[]}'; 'requires an \"elements\" key'"
      })
  void rejects(String type, String extra, String value, String reason) throws Exception {
    InputValidator.Result r = run(spec(type, extra, true), "{\"x\":" + value + "}");
    assertThat(r.errors()).containsKey("x");
    assertThat(r.errors().get("x")).contains(reason);
  }

  @Test
  void requiredDefaultsAndKeysThatAreNotInputs() throws Exception {
    assertThat(run(spec("Integer", "", true), "{}").errors())
        .containsEntry("x", "this input is required");
    assertThat(run(spec("Integer", "", false), "{}").errors()).isEmpty();
    // the front end sends "" for a field left empty: not given, so the default applies
    InputValidator.Result withDefault =
        run(spec("BoundedFloat", ",\"min\":0,\"max\":1,\"default\":0.05", true), "{\"x\":\"\"}");
    assertThat(withDefault.values().get("x").asDouble()).isEqualTo(0.05);
    // the front end posts its job_name among the inputs: WebMEV ignores keys that are no input
    InputValidator.Result extra =
        run(spec("Integer", "", false), "{\"job_name\":\"my run\",\"x\":1}");
    assertThat(extra.errors()).isEmpty();
    assertThat(extra.values()).containsOnlyKeys("x");
    assertThat(run(spec("Integer", "", false), "[1]").errors()).containsKey("inputs");
  }

  @Test
  void anOperationsOwnFilesAreNotHeldHere() throws Exception {
    OperationSpec own =
        spec("OperationDataResource", ",\"resource_type\":\"*\",\"many\":false", true);
    assertThat(run(own, "{\"x\":\"" + UUID.randomUUID() + "\"}").errors().get("x"))
        .contains("OperationDataResource");
  }

  @Test
  void resourcesMustBeTheCallersValidatedOfAnAllowedTypeAndInTheWorkspace() throws Exception {
    OperationSpec one =
        spec(
            "VariableDataResource",
            ",\"resource_types\":[\"EXP_MTX\",\"I_MTX\"],\"many\":false",
            true);
    InputValidator.Result ok = run(one, "{\"x\":\"" + MINE + "\"}");
    assertThat(ok.errors()).isEmpty();
    assertThat(ok.values().get("x").asText()).isEqualTo(MINE.toString());
    OperationSpec single = spec("DataResource", ",\"resource_type\":\"ANN\",\"many\":false", true);
    assertThat(run(single, "{\"x\":\"" + MINE_ANN + "\"}").errors()).isEmpty();
    assertThat(run(single, "{\"x\":\"" + MINE + "\"}").errors().get("x"))
        .contains("is EXP_MTX; this input takes [ANN]");
    assertThat(ok.resources()).containsExactly(java.util.Map.entry(MINE, "x"));

    assertThat(run(one, "{\"x\":\"" + THEIRS + "\"}").errors().get("x"))
        .contains("no resource " + THEIRS + " of yours");
    assertThat(run(one, "{\"x\":\"" + UUID.randomUUID() + "\"}").errors().get("x"))
        .contains("of yours");
    assertThat(run(one, "{\"x\":\"not-a-uuid\"}").errors().get("x"))
        .contains("is not a resource id");
    assertThat(run(one, "{\"x\":\"" + UNVALIDATED + "\"}").errors().get("x"))
        .contains("no validated type");
    assertThat(run(one, "{\"x\":\"" + MINE_ANN + "\"}").errors().get("x"))
        .contains("is ANN; this input takes [EXP_MTX, I_MTX]");
    assertThat(run(one, "{\"x\":\"" + NOT_IN_WS + "\"}").errors().get("x"))
        .contains("not in this workspace");
    assertThat(run(one, "{\"x\":[\"" + MINE + "\"]}").errors().get("x"))
        .contains("takes one resource");

    OperationSpec many =
        spec("VariableDataResource", ",\"resource_types\":[\"*\"],\"many\":true", true);
    InputValidator.Result both = run(many, "{\"x\":[\"" + MINE + "\",\"" + MINE_ANN + "\"]}");
    assertThat(both.errors()).isEmpty();
    assertThat(both.resources().keySet()).containsExactly(MINE, MINE_ANN);
    assertThat(run(many, "{\"x\":[]}").errors().get("x")).contains("at least one");

    // a non-workspace operation takes resources from anywhere the caller owns
    InputValidator.Result anywhere =
        InputValidator.validate(
            one, JSON.readTree("{\"x\":\"" + NOT_IN_WS + "\"}"), ME, null, LOOKUP);
    assertThat(anywhere.errors()).isEmpty();
  }
}
