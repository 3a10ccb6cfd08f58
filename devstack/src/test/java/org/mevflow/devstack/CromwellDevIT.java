package org.mevflow.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mevflow.api.testing.Http;

/**
 * {@code ./mevflow dev --cromwell-sim}: both example operations (the WDL one on the simulator, "Row
 * sums" locally) run end to end over HTTP as WebMEV's front end runs them, and a running Cromwell
 * job is cancelled.
 */
class CromwellDevIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  static final Duration LIMIT = Duration.ofSeconds(120);

  @TempDir Path dir;

  @Test
  void theExampleCromwellOperationRunsAndARunningJobCanBeCancelled() throws Exception {
    int apiPort = Launcher.freePort();
    Path home = dir.resolve("home");
    Map<String, String> env =
        Map.of(
            "MEVFLOW_HOME", home.toString(),
            "SERVER_PORT", Integer.toString(apiPort),
            "MEVFLOW_TEMPORAL_PORT", Integer.toString(Launcher.freePort()),
            "MEVFLOW_CROMWELL_SIM_RUN_TIME", "PT8S",
            "MEVFLOW_EXAMPLES", System.getProperty("mevflow.examples"));
    try (Launcher dev = Launcher.start(dir.resolve("dev.log"), env, "dev", "--cromwell-sim")) {
      dev.awaitHttp200("http://127.0.0.1:" + apiPort + "/actuator/health");
      StackClient webmev = StackClient.devUser(apiPort);
      Http http = webmev.http;
      String auth = webmev.auth;
      String wid = webmev.workspace("means");
      String rid = webmev.matrixIn(wid);
      String op = webmev.operation("Row means (Cromwell)");

      String exec = webmev.run(op, wid, "means", "RowMeans.matrix", rid);

      JsonNode done = webmev.awaitExecution(exec, LIMIT);
      assertThat(done.get("status").asText())
          .as(done.toString())
          .isEqualTo("Completed successfully");
      assertThat(done.get("job_failed").asBoolean()).isFalse();
      assertThat(done.get("mode").asText()).isEqualToIgnoringCase("cromwell");
      String output = done.at("/outputs/RowMeans.means").asText();
      JsonNode rows = http.get("/api/resources/" + output + "/contents/", auth).json();
      // the means of 5.1, 3.2, 8.8 and of 0.5, 1.5, 2.5
      assertThat(rows.toString())
          .contains("TP53")
          .contains("5.7")
          .contains("BRCA1")
          .contains("1.5");

      // the local example on the same stack and matrix: Row sums
      String local = webmev.run(webmev.operation("Row sums"), wid, "sums", "matrix", rid);
      JsonNode summed = webmev.awaitExecution(local, LIMIT);
      assertThat(summed.get("status").asText())
          .as(summed.toString())
          .isEqualTo("Completed successfully");
      assertThat(summed.get("mode").asText()).isEqualTo("local");
      JsonNode sumRows =
          http.get("/api/resources/" + summed.at("/outputs/row_sums").asText() + "/contents/", auth)
              .json();
      // 5.1 + 3.2 + 8.8 and 0.5 + 1.5 + 2.5
      assertThat(sumRows.toString()).contains("17.1").contains("4.5");

      // a second job, cancelled while Cromwell runs it
      String second = webmev.run(op, wid, "cancel me", "RowMeans.matrix", rid);
      Instant until = Instant.now().plusSeconds(30);
      while (Instant.now().isBefore(until)
          && !http.get("/api/executed-operations/", auth)
              .json()
              .toString()
              .contains("\"Running\"")) {
        Thread.sleep(200);
      }
      // the live progress: the workflow's query and Cromwell's word for the job
      JsonNode progress = null;
      until = Instant.now().plusSeconds(30);
      while (Instant.now().isBefore(until)) {
        progress = http.get("/api/executed-operations/" + second + "/progress/", auth).json();
        if (progress.path("status_calls").asInt() >= 1) {
          break;
        }
        Thread.sleep(300);
      }
      assertThat(progress.get("step").asText()).as(progress.toString()).isEqualTo("running");
      assertThat(progress.get("runner_status").asText()).isEqualTo("Running");
      assertThat(progress.get("job_id").asText()).isNotEmpty();
      assertThat(progress.get("workflow_id").asText()).isEqualTo("analysis-" + second);

      Http.Response cancel =
          http.postJson("/api/executed-operations/" + second + "/cancel/", auth, "{}");
      assertThat(cancel.status()).as(cancel.toString()).isEqualTo(202);
      JsonNode aborted = webmev.awaitExecution(second, LIMIT);
      assertThat(aborted.get("status").asText()).isEqualTo("Aborted");
      assertThat(aborted.get("job_failed").asBoolean()).isTrue();

      // the simulator saw one submit per execution, one abort, and only valid requests
      Properties stack = new Properties();
      try (var in = Files.newBufferedReader(home.resolve("stack.properties"))) {
        stack.load(in);
      }
      JsonNode stats = StackClient.simStats(stack.getProperty("cromwell.url"));
      assertThat(stats.get("submits").asInt()).isEqualTo(2); // the local run never reaches it
      assertThat(stats.at("/callsByOperation/abort").asInt()).isEqualTo(1);
      assertThat(stats.get("violations")).isEmpty();
      // the dev server's timers take real time: the first job was polled 5 s, then 10 s apart
      // (a server that skipped time would have polled it back to back, hundreds of times)
      String firstJob = done.get("job_id").asText();
      java.util.List<Long> polls = new java.util.ArrayList<>();
      for (JsonNode c : stats.get("calls")) {
        if (c.get(1).asText().equals("status") && c.get(2).asText().equals(firstJob)) {
          polls.add(c.get(0).asLong());
        }
      }
      assertThat(polls).hasSize(2);
      assertThat(polls.get(1) - polls.get(0)).isGreaterThanOrEqualTo(9_000);
      // metrics: ours and the Temporal SDK's, the worker's too, at the API's Prometheus endpoint
      HttpResponse<String> scrape =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create("http://127.0.0.1:" + apiPort + "/actuator/prometheus"))
                      // metrics are for operators: the dev user is an admin
                      .header("Authorization", webmev.auth)
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(scrape.statusCode()).as(scrape.body()).isEqualTo(200);
      String metrics = scrape.body();
      assertThat(metrics)
          .contains("mevflow_cromwell_calls_total{")
          .contains("operation=\"submit\"")
          .contains("mevflow_executions_finished_total{status=\"SUCCEEDED\"")
          .contains("mevflow_executions_finished_total{status=\"ABORTED\"")
          .contains("temporal_");
      dev.stop();
    }
  }
}
