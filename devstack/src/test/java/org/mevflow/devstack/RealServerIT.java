package org.mevflow.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mevflow.api.testing.Http.basic;
import static org.mevflow.api.testing.Http.bearer;

import com.fasterxml.jackson.databind.JsonNode;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mevflow.api.testing.Http;
import org.mevflow.core.ncbi.NcbiStandIn;
import org.mevflow.workflows.discovery.DiscoveryRequest;
import org.mevflow.workflows.discovery.DiscoveryWorkflow;

/**
 * What only a real Temporal server does, on {@code ./mevflow dev} with Temporal's own dev server:
 * visibility queries by mevflow's search attributes (as operators type them in the Web UI and as
 * {@code ./mevflow jobs} asks), cancel, {@code ./mevflow replay} resetting a failed sketch and a
 * failed execution after their fix, and continue-as-new.
 */
class RealServerIT {
  static final Duration LIMIT = Duration.ofMinutes(2);

  @TempDir Path dir;

  @Test
  void visibilityCancelResetAndContinueAsNew() throws Exception {
    Path shared = Path.of(System.getProperty("mevflow.shared"));
    Path golden = shared.resolve("testdata/sourmash");
    Path home = dir.resolve("home");
    Path broken = dir.resolve("broken");
    try (NcbiStandIn ncbi = new NcbiStandIn(shared.resolve("testdata/ncbi/runinfo-sample.csv"))) {
      // NCBI knows the assembly (wort answers 404 "Metadata not available" otherwise)
      ncbi.putAssembly(
          "GCA_000000001.1",
          "ASM1v1",
          "K-12",
          Files.readAllBytes(golden.resolve("genome-s10.fa.gz")));
      ncbi.runSizes.put("SRR0000001", 120L);
      Path fastqDump =
          Launcher.executable(
              dir.resolve("fastq-dump"),
              "if [ -e '"
                  + broken
                  + "' ]; then printf '@r1\\nACGT\\n-\\n'; exit 0; fi\nzcat '"
                  + golden.resolve("genome-s11.fa.gz")
                  + "'\n");
      Files.createFile(broken);
      LocalDate day = LocalDate.now(ZoneOffset.UTC).minusDays(3);
      List<String> discovered =
          ncbi.putSearch(DiscoveryDevIT.genomicQuery(day), "SRR", 60_000_001, 6, 20);

      int apiPort = Launcher.freePort();
      Map<String, String> env = Launcher.devEnv(home, apiPort, "cli");
      int temporalPort = Integer.parseInt(env.get("MEVFLOW_TEMPORAL_PORT"));
      env.put("MEVFLOW_CROMWELL_SIM_RUN_TIME", "PT20S");
      env.put("MEVFLOW_GENOMES_URL_TEMPLATE", ncbi.base() + "/files/{accession}.fna.gz");
      env.put("MEVFLOW_EUTILS_URL", ncbi.eutils());
      env.put("MEVFLOW_FASTQ_DUMP", fastqDump.toString());
      env.put("MEVFLOW_EXAMPLES", System.getProperty("mevflow.examples"));
      WorkflowServiceStubs stubs =
          WorkflowServiceStubs.newServiceStubs(
              WorkflowServiceStubsOptions.newBuilder()
                  .setTarget("127.0.0.1:" + temporalPort)
                  .build());
      try (Launcher dev = Launcher.start(dir.resolve("dev.log"), env, "dev", "--cromwell-sim")) {
        dev.awaitHttp200("http://127.0.0.1:" + apiPort + "/actuator/health");
        assertThat(dev.output()).contains("namespace default (Temporal's dev server, data in");
        StackClient webmev = StackClient.devUser(apiPort);
        Http http = webmev.http;
        String token = http.post("/v1/auth/tokens", basic("dev", "dev")).body();

        // a genome sketched, an SRA run that fails (its data is malformed)
        http.post("/v1/compute/genomes/GCA_000000001.1", bearer(token));
        http.post("/v1/compute/sra/SRR0000001", bearer(token));
        assertThat(webmev.awaitDataset("genomes", "GCA_000000001.1", LIMIT).get("status").asText())
            .isEqualTo("COMPUTED");
        assertThat(webmev.awaitDataset("sra", "SRR0000001", LIMIT).get("status").asText())
            .isEqualTo("FAILED");

        // the Web UI's searches, on the server's visibility store
        List<WorkflowExecutionInfo> byAccession =
            await(stubs, "MevflowAccession = \"GCA_000000001.1\"", l -> l.size() == 1);
        assertThat(byAccession.get(0).getExecution().getWorkflowId())
            .isEqualTo("sketch-genomes-GCA_000000001.1");
        assertThat(byAccession.get(0).getMemo().getFieldsMap()).containsKey("summary");
        List<WorkflowExecutionInfo> failedSketches =
            await(
                stubs,
                "MevflowKind = \"sketch\" AND MevflowStatus = \"FAILED\"",
                l -> l.size() == 1);
        assertThat(failedSketches.get(0).getExecution().getWorkflowId())
            .isEqualTo("sketch-sra-SRR0000001");

        // an owner's running analyses; then cancelled, and found as such
        String ws = webmev.workspace("real");
        String matrix = webmev.matrixIn(ws);
        String running =
            webmev.run(
                webmev.operation("Row means (Cromwell)"),
                ws,
                "to cancel",
                "RowMeans.matrix",
                matrix);
        await(
            stubs,
            "MevflowKind = \"analysis\" AND MevflowOwner = \"dev\" AND ExecutionStatus = \"Running\"",
            l -> l.stream().anyMatch(i -> i.getExecution().getWorkflowId().endsWith(running)));
        Instant until = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(until)
            && !http.get("/api/executed-operations/" + running + "/", webmev.auth)
                .toString()
                .contains("Running")) {
          Thread.sleep(250);
        }
        assertThat(
                http.postJson("/api/executed-operations/" + running + "/cancel/", webmev.auth, "{}")
                    .status())
            .isEqualTo(202);
        assertThat(webmev.awaitExecution(running, LIMIT).get("status").asText())
            .isEqualTo("Aborted");
        List<WorkflowExecutionInfo> cancelled =
            await(
                stubs,
                "MevflowExecutionId = \"" + running + "\" AND ExecutionStatus = \"Canceled\"",
                l -> l.size() == 1);
        assertThat(cancelled.get(0).getSearchAttributes().getIndexedFieldsMap())
            .containsKey("MevflowStatus");

        // an execution that fails in our own step (its operation's files are gone from storage)
        Path operations = home.resolve("storage/mevflow-operations");
        Path away = home.resolve("storage-away");
        Files.move(operations, away);
        String sums = webmev.run(webmev.operation("Row sums"), ws, "sums", "matrix", matrix);
        JsonNode failed = webmev.awaitExecution(sums, LIMIT);
        assertThat(failed.get("status").asText()).as(failed.toString()).isEqualTo("Failed");

        // both failures, as ./mevflow jobs --failed lists them from the visibility store
        Instant seen = Instant.now().plusSeconds(30);
        Launcher.Result jobs = Launcher.run("", env, "jobs", "--failed");
        while (Instant.now().isBefore(seen) && !jobs.output().contains("analysis-" + sums)) {
          Thread.sleep(500);
          jobs = Launcher.run("", env, "jobs", "--failed");
        }
        assertThat(jobs.output())
            .contains("from Temporal's visibility store")
            .contains("sketch-sra-SRR0000001")
            .contains("analysis-" + sums)
            .doesNotContain("sketch-genomes-GCA_000000001.1");

        // an operator in the Web UI finds each by the search attribute, with its summary line
        String ui = "http://127.0.0.1:" + env.get("MEVFLOW_TEMPORAL_UI_PORT");
        Path shots = Path.of("target/webui");
        Files.createDirectories(shots);
        assertThat(
                WebUi.find(
                    ui,
                    "MevflowAccession=\"SRR0000001\"",
                    "sketch-sra-SRR0000001",
                    "sketch sra SRR0000001",
                    shots.resolve("sketch-by-accession")))
            .contains("\"found\":true");
        assertThat(
                WebUi.find(
                    ui,
                    "MevflowExecutionId=\"" + sums + "\"",
                    "analysis-" + sums,
                    "Row sums for dev",
                    shots.resolve("failed-analysis-by-execution-id")))
            .contains("\"found\":true");
        assertThat(shots.resolve("failed-analysis-by-execution-id-workflow.png")).isNotEmptyFile();

        // the fixes, then ./mevflow replay: each workflow is reset to the step that failed
        Files.delete(broken);
        Files.move(away, operations);
        Launcher.Result sketch = Launcher.run("", env, "replay", "sketch-sra-SRR0000001");
        assertThat(sketch.exitCode()).as(sketch.output()).isZero();
        assertThat(sketch.output()).contains("reset sketch-sra-SRR0000001");
        assertThat(webmev.awaitDataset("sra", "SRR0000001", LIMIT).get("status").asText())
            .isEqualTo("COMPUTED");
        Launcher.Result analysis = Launcher.run("", env, "replay", "analysis-" + sums);
        assertThat(analysis.exitCode()).as(analysis.output()).isZero();
        assertThat(analysis.output()).contains("reset analysis-" + sums);
        JsonNode fixed = webmev.awaitExecution(sums, LIMIT);
        assertThat(fixed.get("status").asText())
            .as(fixed.toString())
            .isEqualTo("Completed successfully");
        assertThat(fixed.at("/outputs/row_sums").asText()).isNotEmpty();

        // continue-as-new: a discovery whose history is cut every few events
        WorkflowClient client =
            WorkflowClient.newInstance(
                stubs, WorkflowClientOptions.newBuilder().setNamespace("default").build());
        DiscoveryRequest request =
            DiscoveryRequest.of(day, ZoneOffset.UTC, 2, 2).withEventsPerRun(25);
        String id = DiscoveryRequest.workflowId(day);
        DiscoveryWorkflow discovery =
            client.newWorkflowStub(
                DiscoveryWorkflow.class,
                request.startOptions(
                    id,
                    io.temporal.api.enums.v1.WorkflowIdReusePolicy
                        .WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE));
        String firstRun = WorkflowClient.start(discovery::discover, request).getRunId();
        client
            .newUntypedWorkflowStub(id)
            .getResult(180, java.util.concurrent.TimeUnit.SECONDS, Object.class);
        var firstHistory = client.fetchHistory(id, firstRun).getEvents();
        assertThat(firstHistory.get(firstHistory.size() - 1).getEventType())
            .isEqualTo(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW);
        for (String accession : discovered) {
          assertThat(http.get("/v1/status/sra/" + accession, null).json().get("status").asText())
              .isEqualTo("COMPUTED");
        }
        assertThat(Launcher.run("", env, "discovery", "list").output())
            .containsPattern(day + " +COMPLETED +6 +6 ");
        dev.stop();
      } finally {
        stubs.shutdownNow();
      }
    }
  }

  /** Lists by {@code query} until the answer satisfies {@code done} (visibility lags a little). */
  static List<WorkflowExecutionInfo> await(
      WorkflowServiceStubs stubs, String query, Predicate<List<WorkflowExecutionInfo>> done)
      throws InterruptedException {
    Instant until = Instant.now().plusSeconds(30);
    List<WorkflowExecutionInfo> found = List.of();
    while (Instant.now().isBefore(until)) {
      found =
          stubs
              .blockingStub()
              .listWorkflowExecutions(
                  ListWorkflowExecutionsRequest.newBuilder()
                      .setNamespace("default")
                      .setQuery(query)
                      .build())
              .getExecutionsList();
      if (done.test(found)) {
        return found;
      }
      Thread.sleep(300);
    }
    throw new AssertionError("visibility query never matched: " + query + "\n" + found);
  }
}
