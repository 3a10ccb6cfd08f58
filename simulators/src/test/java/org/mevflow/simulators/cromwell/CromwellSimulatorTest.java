package org.mevflow.simulators.cromwell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mevflow.core.cromwell.CromwellClient;
import org.mevflow.core.cromwell.CromwellException;
import org.mevflow.core.storage.Content;
import org.mevflow.core.storage.LocalObjectStorage;
import org.mevflow.core.storage.ObjectRef;

/**
 * The simulator and mevflow's Cromwell client over real HTTP: what the simulator refuses, each
 * scenario as the client sees it, and how the client classifies what it hears (final or retryable).
 */
@Tag("component")
class CromwellSimulatorTest {
  static final String ROW_MEANS = "../examples/operations/row-means-cromwell/main.wdl";
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  LocalObjectStorage storage;
  CromwellSimulator sim;
  CromwellClient client;
  HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @BeforeEach
  void setUp() throws IOException {
    storage = new LocalObjectStorage(dir.resolve("storage"));
    sim =
        new CromwellSimulator(
            storage,
            "cromwell-executions",
            dir.resolve("sim"),
            0,
            Scenario.succeed(),
            Clock.systemUTC());
    client =
        new CromwellClient(
            new CromwellClient.Settings(sim.base(), null, Duration.ofSeconds(5)), http);
  }

  @AfterEach
  void tearDown() {
    sim.close();
  }

  private String matrixUri() throws IOException {
    ObjectRef ref = new ObjectRef("mevflow-resources", "in/m.tsv");
    storage.put(
        ref,
        Files.writeString(dir.resolve("m.tsv"), "gene\tS1\tS2\nTP53\t1.5\t2\nEGFR\t3\tNA\n"),
        Content.OCTET_STREAM);
    return storage.uri(ref).toString();
  }

  private CromwellClient.Submission rowMeans(UUID id, String inputs) throws IOException {
    return new CromwellClient.Submission(
        id, Files.readString(Path.of(ROW_MEANS)), inputs, null, "draft-2", null);
  }

  private static final String BOUNDARY = "b0undary";

  /** A part as a browser sends a file: with a filename. */
  private static String file(String name, String filename, String value) {
    return "Content-Disposition: form-data; name=\""
        + name
        + "\"; filename=\""
        + filename
        + "\"\r\n\r\n"
        + value;
  }

  /** A plain form field. */
  private static String field(String name, String value) {
    return "Content-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value;
  }

  /** A submit written by hand, so that it can be wrong in ways our client never is. */
  private HttpResponse<String> rawSubmit(String... parts) throws IOException, InterruptedException {
    StringBuilder body = new StringBuilder();
    for (String part : parts) {
      body.append("--").append(BOUNDARY).append("\r\n").append(part).append("\r\n");
    }
    body.append("--").append(BOUNDARY).append("--\r\n");
    return http.send(
        HttpRequest.newBuilder(sim.base().resolve("/api/workflows/v1"))
            .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
            .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /**
   * A draft-2 workflow in the shape of WebMEV's published Cromwell demo (written by us): two files
   * concatenated, a workflow declaration with a default naming the output, a task declaration with
   * a default the command uses.
   */
  static final String CONCAT =
      """
      workflow Concatenate {
          File first
          File second
          String output_name = "joined.txt"
          call Join {
              input: a = first, b = second, name = output_name
          }
          output {
              File joined = Join.out
          }
      }
      task Join {
          File a
          File b
          String name
          String separator = "---"
          command {
              cat ${a} > ${name}
              echo "${separator}" >> ${name}
              cat ${b} >> ${name}
          }
          output {
              File out = "${name}"
          }
      }
      """;

  private String text(String name, String content) throws IOException {
    ObjectRef ref = new ObjectRef("mevflow-resources", "in/" + name);
    storage.put(ref, Files.writeString(dir.resolve(name), content), Content.OCTET_STREAM);
    return storage.uri(ref).toString();
  }

  private JsonNode ended(UUID id, String inputs) throws Exception {
    return ended(id, CONCAT, "draft-2", inputs);
  }

  private JsonNode ended(UUID id, String wdl, String version, String inputs) throws Exception {
    client.submit(new CromwellClient.Submission(id, wdl, inputs, null, version, null));
    String status = client.status(id.toString());
    for (int i = 0; i < 5 && !status.equals("Succeeded") && !status.equals("Failed"); i++) {
      status = client.status(id.toString());
    }
    return client.metadata(id.toString());
  }

  @Test
  void declarationsWithDefaultsAreEvaluatedAsCromwellWould() throws Exception {
    UUID id = UUID.randomUUID();
    String inputs =
        "{\"Concatenate.first\":\""
            + text("a.txt", "one\n")
            + "\",\"Concatenate.second\":\""
            + text("b.txt", "two\n")
            + "\"}";
    JsonNode metadata = ended(id, inputs);
    assertThat(metadata.path("status").asText()).as(metadata.toString()).isEqualTo("Succeeded");
    String out = metadata.path("outputs").path("Concatenate.joined").asText();
    assertThat(out).endsWith("/joined.txt");
    try (InputStream data = java.nio.file.Files.newInputStream(Path.of(out))) {
      assertThat(new String(data.readAllBytes(), StandardCharsets.UTF_8))
          .isEqualTo("one\n---\ntwo\n");
    }
  }

  /** WDL 1.0: a scatter over a file array, two tasks, arrays of outputs (as Cromwell runs it). */
  private static final String SCATTER =
      """
      version 1.0
      workflow Sizes {
        input {
          Array[File] files
          String tool_image = "docker.io/library/debian:12"
        }
        scatter (f in files) {
          call size { input: f = f, image = tool_image }
        }
        call total { input: sizes = size.n, image = tool_image }
        output {
          Array[Int] sizes = size.n
          Array[File] copies = size.copy
          Int sum = total.n
        }
      }
      task size {
        input {
          File f
          String image
        }
        command <<<
          wc -c < ~{f} | tr -d ' '
          cp ~{f} copy.txt
        >>>
        output {
          Int n = read_int(stdout())
          File copy = "copy.txt"
        }
        runtime { docker: image }
      }
      task total {
        input {
          Array[Int] sizes
          String image
        }
        command <<<
          echo $(( ~{sep='+' sizes} ))
        >>>
        output { Int n = read_int(stdout()) }
        runtime { docker: image }
      }
      """;

  @Test
  void workflowsOfSeveralCallsRunWithMiniwdlsInterpreter() throws Exception {
    String a = text("a.txt", "four");
    String b = text("b.txt", "sixsix");
    JsonNode done =
        ended(UUID.randomUUID(), SCATTER, "1.0", "{\"Sizes.files\":[\"" + a + "\",\"" + b + "\"]}");
    assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("Succeeded");
    assertThat(done.at("/outputs/Sizes.sizes").toString()).isEqualTo("[4,6]");
    assertThat(done.at("/outputs/Sizes.sum").asInt()).isEqualTo(10);
    JsonNode copies = done.at("/outputs/Sizes.copies");
    assertThat(copies).hasSize(2);
    try (InputStream data = java.nio.file.Files.newInputStream(Path.of(copies.get(1).asText()))) {
      assertThat(new String(data.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("sixsix");
    }
  }

  @Test
  void aTaskWhoseImageCannotRunHereFailsSayingWhichContainerItNeeds() throws Exception {
    String a = text("a.txt", "four");
    JsonNode failed =
        ended(
            UUID.randomUUID(),
            SCATTER,
            "1.0",
            "{\"Sizes.files\":[\"" + a + "\"],\"Sizes.tool_image\":\"ghcr.io/web-mev/pca:sha-1\"}");
    assertThat(failed.path("status").asText()).isEqualTo("Failed");
    assertThat(failed.toString())
        .contains("this task needs container ghcr.io/web-mev/pca:sha-1")
        .contains("which the simulator cannot run");
    // an operator can let the repository's own image run on the host
    sim.hostImages(java.util.List.of("debian", "ghcr.io/web-mev/pca"));
    JsonNode allowed =
        ended(
            UUID.randomUUID(),
            SCATTER,
            "1.0",
            "{\"Sizes.files\":[\"" + a + "\"],\"Sizes.tool_image\":\"ghcr.io/web-mev/pca:sha-1\"}");
    assertThat(allowed.path("status").asText()).as(allowed.toString()).isEqualTo("Succeeded");
  }

  private static String cause(JsonNode metadata) {
    return metadata.path("failures").get(0).path("causedBy").get(0).path("message").asText();
  }

  @Test
  void inputsAreCheckedAgainstTheWorkflowsDeclarationsAsCromwellChecksThem() throws Exception {
    String a = text("a.txt", "one\n");
    JsonNode unknown =
        ended(
            UUID.randomUUID(),
            "{\"Concatenate.first\":\""
                + a
                + "\",\"Concatenate.second\":\""
                + a
                + "\",\"Concatenate.third\":\""
                + a
                + "\"}");
    assertThat(unknown.path("status").asText()).isEqualTo("Failed");
    assertThat(unknown.path("failures").get(0).path("message").asText())
        .isEqualTo("Workflow input processing failed");
    assertThat(cause(unknown)).startsWith("Unexpected input provided: Concatenate.third");

    JsonNode missing = ended(UUID.randomUUID(), "{\"Concatenate.first\":\"" + a + "\"}");
    assertThat(cause(missing))
        .isEqualTo("Required workflow input 'Concatenate.second' not specified");

    JsonNode wrongType =
        ended(
            UUID.randomUUID(),
            "{\"Concatenate.first\":\"" + a + "\",\"Concatenate.second\":[1,2]}");
    assertThat(cause(wrongType)).startsWith("Failed to evaluate input 'Concatenate.second'");
  }

  @Test
  void aSuccessfulJobRunsItsCommandAndLeavesItsOutputInStorage() throws Exception {
    UUID id = UUID.randomUUID();
    String in = matrixUri();
    assertThat(client.submit(rowMeans(id, "{\"RowMeans.matrix\":\"" + in + "\"}")).status())
        .isEqualTo("Submitted");
    assertThat(client.status(id.toString())).isEqualTo("Running");
    assertThat(client.status(id.toString())).isEqualTo("Succeeded");

    JsonNode metadata = client.metadata(id.toString());
    assertThat(metadata.path("status").asText()).isEqualTo("Succeeded");
    assertThat(metadata.path("end").asText()).isNotEmpty();
    assertThat(metadata.path("inputs").path("RowMeans.matrix").asText()).isEqualTo(in);
    String out = metadata.path("outputs").path("RowMeans.means").asText();
    // on local storage, a path, as Cromwell's local backend names its outputs
    assertThat(out)
        .startsWith(dir.resolve("storage/cromwell-executions/RowMeans/" + id + "/").toString());
    try (InputStream data = java.nio.file.Files.newInputStream(Path.of(out))) {
      // the means of (1.5, 2) and of (3) with NA skipped, as awk prints them
      assertThat(new String(data.readAllBytes(), StandardCharsets.UTF_8))
          .isEqualTo("gene\trow_mean\nTP53\t1.75\nEGFR\t3\n");
    }
    assertThat(sim.violations()).isEmpty();
  }

  @Test
  void itRefusesWhatCromwellRefuses() throws Exception {
    HttpResponse<String> noSource = rawSubmit(file("workflowInputs", "i.json", "{}"));
    assertThat(noSource.statusCode()).isEqualTo(400);
    assertThat(noSource.body()).contains("workflowSource");

    HttpResponse<String> badJson =
        rawSubmit(
            file("workflowSource", "m.wdl", "workflow W {}"),
            file("workflowInputs", "i.json", "{\"W.x\": "));
    assertThat(badJson.statusCode()).isEqualTo(400);
    assertThat(badJson.body()).contains("not a valid yaml or json");

    HttpResponse<String> notAnObject =
        rawSubmit(field("workflowSource", "workflow W {}"), field("workflowInputs", "[1,2]"));
    assertThat(notAnObject.statusCode()).isEqualTo(400);

    HttpResponse<String> unknownField =
        rawSubmit(field("workflowSource", "workflow W {}"), field("workflowType", "CWL"));
    assertThat(unknownField.statusCode()).isEqualTo(400);
    assertThat(unknownField.body()).contains("workflowType");

    HttpResponse<String> badId =
        http.send(
            HttpRequest.newBuilder(sim.base().resolve("/api/workflows/v1/12345/status")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(badId.statusCode()).isEqualTo(400);

    assertThat(sim.submits()).isZero();
    // Cromwell's own refusals are valid requests; the enum and the id pattern break the document
    assertThat(sim.violations())
        .hasSize(2)
        .anySatisfy(v -> assertThat(v).contains("workflowType").contains("CWL"))
        .anySatisfy(v -> assertThat(v).contains("'id' must match"));
  }

  @Test
  void theClientSaysWhichAnswersAreFinalAndWhichAreWorthRetrying() throws Exception {
    assertThatThrownBy(() -> client.submit(rowMeans(UUID.randomUUID(), "[1, 2")))
        .isInstanceOfSatisfying(
            CromwellException.class,
            e -> {
              assertThat(e.retryable()).isFalse();
              assertThat(e.status()).isEqualTo(400);
            });
    assertThatThrownBy(() -> client.status(UUID.randomUUID().toString()))
        .isInstanceOfSatisfying(
            CromwellException.class,
            e -> {
              assertThat(e.notFound()).isTrue();
              assertThat(e.retryable()).isFalse();
            });
    sim.serverErrors(1);
    assertThatThrownBy(() -> client.status(UUID.randomUUID().toString()))
        .isInstanceOfSatisfying(
            CromwellException.class,
            e -> {
              assertThat(e.status()).isEqualTo(500);
              assertThat(e.retryable()).isTrue();
            });
    CromwellClient nowhere =
        new CromwellClient(
            new CromwellClient.Settings(
                URI.create("http://127.0.0.1:1"), null, Duration.ofSeconds(2)),
            http);
    assertThatThrownBy(() -> nowhere.status(UUID.randomUUID().toString()))
        .isInstanceOfSatisfying(
            CromwellException.class,
            e -> {
              assertThat(e.status()).isZero();
              assertThat(e.retryable()).isTrue();
            });
  }

  @Test
  void theConfiguredAuthorizationHeaderGoesWithEveryCall() throws Exception {
    UUID id = UUID.randomUUID();
    client.submit(rowMeans(id, "{\"RowMeans.matrix\":\"" + matrixUri() + "\"}"));
    assertThat(sim.lastAuthorization()).isEmpty();
    CromwellClient withAuth =
        new CromwellClient(
            new CromwellClient.Settings(sim.base(), "Bearer s3cret", Duration.ofSeconds(5)), http);
    withAuth.status(id.toString());
    assertThat(sim.lastAuthorization()).contains("Bearer s3cret");
  }

  @Test
  void aSecondSubmitUnderTheSameIdMakesNoSecondJob() throws Exception {
    UUID id = UUID.randomUUID();
    String inputs = "{\"RowMeans.matrix\":\"" + matrixUri() + "\"}";
    client.submit(rowMeans(id, inputs));
    // the client sees the refusal of the duplicate and answers the existing job
    assertThat(client.submit(rowMeans(id, inputs)).id()).isEqualTo(id.toString());
    assertThat(sim.submits()).isEqualTo(1);
  }

  @Test
  void failuresExternalAbortsAndForgottenJobs() throws Exception {
    String inputs = "{\"RowMeans.matrix\":\"" + matrixUri() + "\"}";
    sim.next(
        Scenario.fail("Task RowMeans.compute failed: out of memory").polls(1),
        Scenario.abortedExternally().polls(1),
        Scenario.vanish().polls(1));
    UUID failed = UUID.randomUUID();
    UUID aborted = UUID.randomUUID();
    UUID vanished = UUID.randomUUID();
    client.submit(rowMeans(failed, inputs));
    client.submit(rowMeans(aborted, inputs));
    client.submit(rowMeans(vanished, inputs));

    assertThat(client.status(failed.toString())).isEqualTo("Failed");
    JsonNode failures = client.metadata(failed.toString()).path("failures");
    assertThat(failures.toString()).contains("Task RowMeans.compute failed: out of memory");
    assertThat(client.status(aborted.toString())).isEqualTo("Aborted");
    assertThatThrownBy(() -> client.status(vanished.toString()))
        .isInstanceOfSatisfying(CromwellException.class, e -> assertThat(e.notFound()).isTrue());
  }

  @Test
  void burstsOfServerErrorsAndFailingMetadataEnd() throws Exception {
    UUID id = UUID.randomUUID();
    sim.next(Scenario.succeed().polls(1).errorBurst(2).metadataFailures(1));
    client.submit(rowMeans(id, "{\"RowMeans.matrix\":\"" + matrixUri() + "\"}"));
    for (int i = 0; i < 2; i++) {
      assertThatThrownBy(() -> client.status(id.toString()))
          .isInstanceOfSatisfying(CromwellException.class, e -> assertThat(e.retryable()).isTrue());
    }
    assertThat(client.status(id.toString())).isEqualTo("Succeeded");
    assertThatThrownBy(() -> client.metadata(id.toString()))
        .isInstanceOfSatisfying(
            CromwellException.class, e -> assertThat(e.status()).isEqualTo(500));
    assertThat(client.metadata(id.toString()).path("status").asText()).isEqualTo("Succeeded");
  }

  @Test
  void anAbortedJobEndsAbortedAndAnEndedOneCannotBeAborted() throws Exception {
    String inputs = "{\"RowMeans.matrix\":\"" + matrixUri() + "\"}";
    UUID running = UUID.randomUUID();
    sim.next(Scenario.succeed().polls(100));
    client.submit(rowMeans(running, inputs));
    assertThat(client.status(running.toString())).isEqualTo("Running");
    assertThat(client.abort(running.toString())).isEqualTo("Aborting");
    assertThat(client.status(running.toString())).isEqualTo("Aborted");
    assertThatThrownBy(() -> client.abort(running.toString()))
        .isInstanceOfSatisfying(
            CromwellException.class, e -> assertThat(e.status()).isEqualTo(403));
    assertThat(sim.violations()).isEmpty();
  }

  @Test
  void slowAnswersOutlastAShortClientTimeout() throws Exception {
    UUID id = UUID.randomUUID();
    sim.next(Scenario.succeed().slowAnswers(Duration.ofMillis(1500)));
    client.submit(rowMeans(id, "{\"RowMeans.matrix\":\"" + matrixUri() + "\"}"));
    CromwellClient impatient =
        new CromwellClient(
            new CromwellClient.Settings(sim.base(), null, Duration.ofMillis(300)), http);
    assertThatThrownBy(() -> impatient.status(id.toString()))
        .isInstanceOfSatisfying(
            CromwellException.class,
            e -> {
              assertThat(e.retryable()).isTrue();
              assertThat(e.status()).isZero();
            });
  }
}
