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

  @ParameterizedTest(name = "{0} {1} accepts {2}")
  @CsvSource(
      delimiter = ';',
      value = {
        "Integer; ''; -3",
        "Integer; ''; '\"12\"'",
        "PositiveInteger; ''; 1",
        "NonNegativeInteger; ''; 0",
        "BoundedInteger; ,\"min\":1,\"max\":10; 10",
        "Float; ''; -2.5",
        "Float; ''; '\"1e3\"'",
        "PositiveFloat; ''; 0.001",
        "NonNegativeFloat; ''; 0",
        "BoundedFloat; ,\"min\":0,\"max\":1; 0.05",
        "String; ''; '\"hello world\"'",
        "Boolean; ''; true",
        "Boolean; ''; '\"false\"'",
        "Option; ,\"options\":[\"a\",\"b\"]; '\"b\"'"
      })
  void accepts(String type, String extra, String value) throws Exception {
    InputValidator.Result r = run(spec(type, extra, true), "{\"x\":" + value + "}");
    assertThat(r.errors()).isEmpty();
    assertThat(r.values()).containsKey("x");
  }

  @ParameterizedTest(name = "{0} {1} rejects {2}")
  @CsvSource(
      delimiter = ';',
      value = {
        "Integer; ''; 1.5; is not a whole number",
        "Integer; ''; '\"abc\"'; is not a whole number",
        "PositiveInteger; ''; 0; is not positive",
        "NonNegativeInteger; ''; -1; is negative",
        "BoundedInteger; ,\"min\":1,\"max\":10; 11; is outside [1, 10]",
        "Float; ''; '\"NaN\"'; is not a number",
        "PositiveFloat; ''; 0; is not positive",
        "NonNegativeFloat; ''; -0.1; is negative",
        "BoundedFloat; ,\"min\":0,\"max\":1; 1.5; is outside [0, 1]",
        "String; ''; 5; expected text",
        "Boolean; ''; '\"yes\"'; expected true or false",
        "Option; ,\"options\":[\"a\",\"b\"]; '\"c\"'; is not one of [a, b]"
      })
  void rejects(String type, String extra, String value, String reason) throws Exception {
    InputValidator.Result r = run(spec(type, extra, true), "{\"x\":" + value + "}");
    assertThat(r.errors()).containsKey("x");
    assertThat(r.errors().get("x")).contains(reason);
  }

  @Test
  void requiredDefaultsAndUnknownKeys() throws Exception {
    assertThat(run(spec("Integer", "", true), "{}").errors())
        .containsEntry("x", "this input is required");
    assertThat(run(spec("Integer", "", false), "{}").errors()).isEmpty();
    InputValidator.Result withDefault =
        run(spec("BoundedFloat", ",\"min\":0,\"max\":1,\"default\":0.05", true), "{}");
    assertThat(withDefault.values()).containsEntry("x", 0.05);
    assertThat(run(spec("Integer", "", false), "{\"y\":1}").errors())
        .containsEntry("y", "this operation has no input 'y'");
    assertThat(run(spec("Integer", "", false), "[1]").errors()).containsKey("inputs");
  }

  @Test
  void resourcesMustBeTheCallersValidatedOfAnAllowedTypeAndInTheWorkspace() throws Exception {
    OperationSpec one = spec("DataResource", ",\"resource_types\":[\"EXP_MTX\",\"I_MTX\"]", true);
    InputValidator.Result ok = run(one, "{\"x\":\"" + MINE + "\"}");
    assertThat(ok.errors()).isEmpty();
    assertThat(ok.values()).containsEntry("x", MINE.toString());
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
