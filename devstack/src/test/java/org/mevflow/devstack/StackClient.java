package org.mevflow.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mevflow.api.testing.Http.bearer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.mevflow.api.testing.Http;

/**
 * What the ITs do on a running stack, as WebMEV's front end and wort's clients do it: log in, put a
 * matrix in a workspace, run an operation, poll an execution or a dataset until it ends.
 */
final class StackClient {
  private static final ObjectMapper JSON = new ObjectMapper();

  final Http http;
  final String auth;

  StackClient(Http http, String auth) {
    this.http = http;
    this.auth = auth;
  }

  /** No one logged in: wort's public routes. */
  static StackClient anonymous(int port) {
    return new StackClient(Http.local(port), null);
  }

  /** The dev user's WebMEV JWT on the API at {@code port}. */
  static StackClient devUser(int port) {
    Http http = Http.local(port);
    String access =
        http.postJson("/api/token/", null, "{\"email\":\"dev@localhost\",\"password\":\"dev\"}")
            .json()
            .get("access")
            .asText();
    return new StackClient(http, bearer(access));
  }

  String workspace(String name) {
    return http.postJson("/api/workspaces/", auth, "{\"workspace_name\":\"" + name + "\"}")
        .json()
        .get("id")
        .asText();
  }

  /**
   * Uploads a file as the Files tab does, sets its type (format tsv), and waits until its
   * validation ended; the resource's id.
   */
  String typed(String fileName, String content, String type) throws InterruptedException {
    String rid = typing(fileName, content.getBytes(StandardCharsets.UTF_8), type);
    awaitValidation(rid, Duration.ofSeconds(60));
    return rid;
  }

  /** Uploads a file and sets its type (format tsv): its validation has started; the id. */
  String typing(String fileName, byte[] content, String type) {
    String rid =
        http.postFile("/api/resources/upload/", auth, "datafile", fileName, content)
            .json()
            .get("id")
            .asText();
    Http.Response typed =
        http.send(
            http.request("/api/resources/" + rid + "/", auth)
                .header("Content-Type", "application/json")
                .method(
                    "PATCH",
                    HttpRequest.BodyPublishers.ofString(
                        "{\"resource_type\":\"" + type + "\",\"file_format\":\"tsv\"}")));
    assertThat(typed.status()).as(typed.toString()).isEqualTo(200);
    return rid;
  }

  /** Polls a resource (bounded) until its validation ended; the resource. */
  JsonNode awaitValidation(String rid, Duration limit) throws InterruptedException {
    Instant until = Instant.now().plus(limit);
    JsonNode r = http.get("/api/resources/" + rid + "/", auth).json();
    while (Instant.now().isBefore(until) && r.get("status").asText().equals("Validating...")) {
      Thread.sleep(300);
      r = http.get("/api/resources/" + rid + "/", auth).json();
    }
    return r;
  }

  /** Polls a submission (bounded) until the verifier has decided it. */
  JsonNode awaitDecision(String wortToken, String id, Duration limit) throws InterruptedException {
    Instant deadline = Instant.now().plus(limit);
    while (Instant.now().isBefore(deadline)) {
      Http.Response r = http.get("/v1/submissions/" + id, bearer(wortToken));
      // a stack restarting answers 503 for a moment; anything else but 200 is a defect
      if (r.status() == 503) {
        Thread.sleep(300);
        continue;
      }
      assertThat(r.status()).as("GET /v1/submissions/%s: %s", id, r.body()).isEqualTo(200);
      JsonNode s = r.json();
      String status = s.get("status").asText();
      if (!status.equals("PENDING") && !status.equals("VERIFYING")) {
        return s;
      }
      Thread.sleep(300);
    }
    throw new AssertionError("submission " + id + " was not decided within " + limit);
  }

  /** A signature as a user makes one to submit: {@code ./mevflow sketch dna} with wort's. */
  static java.nio.file.Path sketched(java.nio.file.Path dir, String name, java.nio.file.Path input)
      throws Exception {
    java.nio.file.Path out = dir.resolve(name + ".sig");
    Launcher.Result r =
        Launcher.run(
            "",
            java.util.Map.of(),
            "sketch",
            "dna",
            "-p",
            "k=21,k=31,k=51,scaled=1000,abund",
            "--name",
            name,
            "-o",
            out.toString(),
            input.toString());
    assertThat(r.exitCode()).as(r.output()).isZero();
    return out;
  }

  /** Adds a resource to a workspace (201). */
  void add(String workspace, String resource) {
    Http.Response added =
        http.postJson(
            "/api/workspaces/" + workspace + "/resources/add/",
            auth,
            "{\"resource_uuid\":\"" + resource + "\"}");
    assertThat(added.status()).as(added.toString()).isEqualTo(201);
  }

  /** Uploads a small expression matrix, types it EXP_MTX, waits for validation, adds it. */
  String matrixIn(String workspace) throws InterruptedException {
    String rid =
        typed(
            "expression.tsv",
            "gene\tS1\tS2\tS3\nTP53\t5.1\t3.2\t8.8\nBRCA1\t0.5\t1.5\t2.5\n",
            "EXP_MTX");
    add(workspace, rid);
    return rid;
  }

  String operation(String name) {
    for (JsonNode o : http.get("/api/operations/", auth).json()) {
      if (o.get("name").asText().equals(name)) {
        return o.get("id").asText();
      }
    }
    throw new AssertionError("no operation '" + name + "' in the catalog");
  }

  /** Runs an operation with one input; answers the execution's id. */
  String run(String operation, String workspace, String jobName, String input, String resource) {
    Http.Response started =
        http.postJson(
            "/api/operations/run/",
            auth,
            ("{\"operation_id\":\"%s\",\"workspace_id\":\"%s\",\"job_name\":\"%s\","
                    + "\"inputs\":{\"%s\":\"%s\"}}")
                .formatted(operation, workspace, jobName, input, resource));
    assertThat(started.status()).as(started.toString()).isEqualTo(200);
    return started.json().get("executed_operation_id").asText();
  }

  /** Runs an operation with these inputs (a JSON object); answers the execution's id. */
  String runWith(String operation, String workspace, String jobName, String inputs) {
    Http.Response started =
        http.postJson(
            "/api/operations/run/",
            auth,
            ("{\"operation_id\":\"%s\",\"workspace_id\":\"%s\",\"job_name\":\"%s\","
                    + "\"inputs\":%s}")
                .formatted(operation, workspace, jobName, inputs));
    assertThat(started.status()).as(started.toString()).isEqualTo(200);
    return started.json().get("executed_operation_id").asText();
  }

  /** As WebMEV's front end: poll while the answer is 202, 204 or 208. */
  JsonNode awaitExecution(String exec, Duration limit) throws InterruptedException {
    Instant until = Instant.now().plus(limit);
    while (Instant.now().isBefore(until)) {
      Http.Response r = http.get("/api/executed-operations/" + exec + "/", auth);
      if (r.status() != 202 && r.status() != 204 && r.status() != 208) {
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
      }
      Thread.sleep(500);
    }
    throw new AssertionError("execution " + exec + " did not finish within " + limit);
  }

  /** wort's /v1/status until the dataset leaves QUEUED and COMPUTING. */
  JsonNode awaitDataset(String db, String accession, Duration limit) throws InterruptedException {
    Instant deadline = Instant.now().plus(limit);
    while (Instant.now().isBefore(deadline)) {
      Http.Response r = http.get("/v1/status/" + db + "/" + accession, null);
      if (r.status() == 200) {
        String status = r.json().get("status").asText();
        if (!status.equals("QUEUED") && !status.equals("COMPUTING")) {
          return r.json();
        }
      }
      Thread.sleep(300);
    }
    throw new AssertionError(db + "/" + accession + " did not finish within " + limit);
  }

  /** What the Cromwell simulator at {@code base} was asked. */
  static JsonNode simStats(String base) throws IOException, InterruptedException {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(base + "/sim/stats")).build(),
                HttpResponse.BodyHandlers.ofString());
    return JSON.readTree(r.body());
  }

  /** The objects local storage holds in a bucket (its folder), temporary files left out. */
  static List<java.nio.file.Path> objects(java.nio.file.Path bucket) throws IOException {
    if (!java.nio.file.Files.isDirectory(bucket)) {
      return List.of();
    }
    try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.walk(bucket)) {
      return files
          .filter(java.nio.file.Files::isRegularFile)
          .filter(p -> !p.getFileName().toString().startsWith("."))
          .toList();
    }
  }

  /**
   * Submits a signature file as wort's clients do ({@code POST /v1/submit/sra/<accession>}, with a
   * wort token); the submission's id once accepted (202).
   */
  String submit(String wortToken, String accession, java.nio.file.Path signature)
      throws IOException {
    Http.Response accepted =
        http.postFile(
            "/v1/submit/sra/" + accession,
            bearer(wortToken),
            "file",
            accession + ".sig",
            java.nio.file.Files.readAllBytes(signature));
    assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
    return accepted.json().get("submission_id").asText();
  }
}
