package org.mevflow.simulators.cromwell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The validator reads the real document and holds requests to it. */
class CromwellApiSpecTest {
  private final CromwellApiSpec spec = CromwellApiSpec.bundled();

  private static CromwellApiSpec.Part field(String name, String value) {
    return new CromwellApiSpec.Part(name, false, value.getBytes(StandardCharsets.UTF_8));
  }

  private static CromwellApiSpec.Part file(String name, String value) {
    return new CromwellApiSpec.Part(name, true, value.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void theBundledDocumentIsTheSharedOneByteForByte() throws IOException {
    Path shared =
        Path.of(System.getProperty("mevflow.shared", "../../shared"), "spec/cromwell-api.yaml");
    try (InputStream bundled = CromwellApiSpec.class.getResourceAsStream("cromwell-api.yaml")) {
      assertThat(bundled.readAllBytes()).isEqualTo(Files.readAllBytes(shared));
    }
  }

  @Test
  void everyOperationOfTheDocumentIsRead() {
    assertThat(spec.operations())
        .extracting(CromwellApiSpec.Operation::id)
        .contains("submit", "status", "metadata", "abort", "outputs", "queryGet", "RunWorkflow");
  }

  @Test
  void aSubmitAsMevflowSendsItIsValid() {
    var check =
        spec.check(
            "POST",
            "/api/workflows/v1",
            Map.of(),
            List.of(
                file("workflowSource", "workflow W {}"),
                file("workflowInputs", "{}"),
                field("workflowType", "WDL"),
                field("workflowTypeVersion", "draft-2"),
                field("requestedWorkflowId", "0b0e3f3c-7f43-3a8c-9a0c-3e2b9e5d6a11")));
    assertThat(check.violations()).isEmpty();
    assertThat(check.operation().orElseThrow().id()).isEqualTo("submit");
  }

  @Test
  void unknownFieldsWrongEnumsAndRepeatsAreRefused() {
    var check =
        spec.check(
            "POST",
            "/api/workflows/v1",
            Map.of(),
            List.of(
                file("workflowSource", "x"),
                field("workflowType", "CWL"),
                field("workflowTypeVersion", "2.0"),
                field("workflowOnHold", "maybe"),
                field("colour", "blue"),
                file("workflowInputs", "{}"),
                file("workflowInputs", "{}")));
    assertThat(check.violations())
        .anySatisfy(v -> assertThat(v).contains("workflowType").contains("CWL"))
        .anySatisfy(v -> assertThat(v).contains("workflowTypeVersion").contains("2.0"))
        .anySatisfy(v -> assertThat(v).contains("workflowOnHold").contains("true or false"))
        .anySatisfy(v -> assertThat(v).contains("'colour' is not in the API"))
        .anySatisfy(v -> assertThat(v).contains("'workflowInputs' appears 2 times"));
  }

  @Test
  void pathParametersAreHeldToTheirPattern() {
    assertThat(
            spec.check("GET", "/api/workflows/v1/not-a-uuid/status", Map.of(), List.of())
                .violations())
        .singleElement()
        .satisfies(v -> assertThat(v).contains("'id' must match"));
    assertThat(
            spec.check(
                    "GET",
                    "/api/workflows/v1/0b0e3f3c-7f43-3a8c-9a0c-3e2b9e5d6a11/status",
                    Map.of(),
                    List.of())
                .violations())
        .isEmpty();
  }

  @Test
  void unknownQueryParametersMethodsAndPathsAreRefused() {
    String id = "0b0e3f3c-7f43-3a8c-9a0c-3e2b9e5d6a11";
    assertThat(
            spec.check(
                    "GET",
                    "/api/workflows/v1/" + id + "/metadata",
                    Map.of("includeKey", List.of("outputs", "status"), "verbose", List.of("1")),
                    List.of())
                .violations())
        .containsExactly("query parameter 'verbose' is not in the API");
    assertThat(spec.check("DELETE", "/api/workflows/v1/" + id + "/status", Map.of(), List.of()))
        .satisfies(c -> assertThat(c.operation()).isEmpty())
        .satisfies(c -> assertThat(c.violations().get(0)).contains("DELETE is not allowed"));
    assertThat(spec.check("GET", "/api/workflow/v1", Map.of(), List.of()).violations().get(0))
        .contains("no operation has the path");
  }

  @Test
  void answersAreHeldToTheDeclaredCodesAndRequiredFields() {
    var status = spec.operations().stream().filter(o -> o.id().equals("status")).findFirst().get();
    var json = new com.fasterxml.jackson.databind.ObjectMapper();
    assertThat(spec.checkResponse(status, 200, json.createObjectNode().put("id", "x")))
        .singleElement()
        .satisfies(v -> assertThat(v).contains("'status'"));
    assertThat(spec.checkResponse(status, 409, null))
        .singleElement()
        .satisfies(v -> assertThat(v).contains("does not declare the answer 409"));
  }
}
