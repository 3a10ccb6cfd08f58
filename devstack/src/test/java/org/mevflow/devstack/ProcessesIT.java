package org.mevflow.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mevflow.api.testing.Http.basic;
import static org.mevflow.api.testing.Http.bearer;

import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mevflow.api.testing.Http;
import org.mevflow.core.ncbi.NcbiStandIn;

/**
 * mevflow as deployed, on Temporal's own server: the infrastructure ({@code dev --infra-only}), the
 * API and workers as separate processes. A worker killed with -9 in the middle of a sketch and of a
 * Cromwell analysis leaves both to the other worker, which finishes each exactly once; a worker
 * stopped with SIGTERM finishes the sketch it runs within its drain bound before it exits. (The
 * whole production topology on real servers is {@code ./mevflow cluster}, {@link ClusterIT}.)
 */
class ProcessesIT {
  static final Duration LIMIT = Duration.ofMinutes(4);

  @TempDir Path dir;

  @Test
  void aWorkerKilledMidJobLeavesItToTheOtherAndAStoppedOneDrains() throws Exception {
    Path shared = Path.of(System.getProperty("mevflow.shared"));
    Path golden = shared.resolve("testdata/sourmash");
    Path home = dir.resolve("home");
    try (NcbiStandIn ncbi = new NcbiStandIn(shared.resolve("testdata/ncbi/runinfo-sample.csv"));
        Launcher sim = Launcher.cromwellSim(dir, home.resolve("storage"), "PT20S")) {
      ncbi.runSizes.put("SRR0000001", 120L);
      ncbi.runSizes.put("SRR0000002", 120L);
      Path fastqDump =
          Launcher.executable(
              dir.resolve("fastq-dump"),
              "sleep 12\nzcat '" + golden.resolve("genome-s11.fa.gz") + "'\n");
      String simUrl = sim.simUrl();
      try (Topology topology =
          new Topology(
              dir,
              Map.of(
                  "MEVFLOW_CROMWELL_URL", simUrl,
                  "MEVFLOW_EUTILS_URL", ncbi.eutils(),
                  "MEVFLOW_FASTQ_DUMP", fastqDump.toString()))) {
        int apiPort = topology.apiPort;
        WorkflowServiceStubs stubs = topology.temporal();
        try (Launcher api = topology.api("api");
            Launcher first = topology.worker("worker-1");
            Launcher second = topology.worker("worker-2")) {
          StackClient webmev = StackClient.devUser(apiPort);
          Http http = webmev.http;
          String token = http.post("/v1/auth/tokens", basic("dev", "dev")).body();
          String ws = webmev.workspace("processes");
          String matrix = webmev.matrixIn(ws);
          String exec =
              webmev.run(
                  webmev.operation("Row means (Cromwell)"), ws, "means", "RowMeans.matrix", matrix);
          assertThat(http.post("/v1/compute/sra/SRR0000001", bearer(token)).status())
              .isEqualTo(202);

          // kill -9 the worker that runs the sketch, once the Cromwell job is submitted too
          long sketcher = runningActivityWorker(stubs, "sketch-sra-SRR0000001");
          Instant until = Instant.now().plusSeconds(60);
          while (Instant.now().isBefore(until)
              && StackClient.simStats(simUrl).get("submits").asInt() < 1) {
            Thread.sleep(250);
          }
          Launcher killed = sketcher == first.process.pid() ? first : second;
          Launcher survivor = killed == first ? second : first;
          killed.process.destroyForcibly();
          assertThat(killed.process.waitFor(10, TimeUnit.SECONDS)).isTrue();

          assertThat(webmev.awaitExecution(exec, LIMIT).get("status").asText())
              .isEqualTo("Completed successfully");
          assertThat(webmev.awaitDataset("sra", "SRR0000001", LIMIT).get("status").asText())
              .isEqualTo("COMPUTED");
          assertThat(StackClient.simStats(simUrl).get("submits").asInt()).isEqualTo(1);
          assertThat(http.get("/api/resources/", webmev.auth).json()).hasSize(2);

          // SIGTERM of the worker running a sketch: it finishes the sketch, then exits
          try (Launcher third = topology.worker("worker-3")) {
            assertThat(http.post("/v1/compute/sra/SRR0000002", bearer(token)).status())
                .isEqualTo(202);
            long running = runningActivityWorker(stubs, "sketch-sra-SRR0000002");
            Launcher stopping = running == third.process.pid() ? third : survivor;
            stopping.process.destroy();
            assertThat(stopping.process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(webmev.awaitDataset("sra", "SRR0000002", LIMIT).get("status").asText())
                .isEqualTo("COMPUTED");
            assertThat(attempts(stubs, "sketch-sra-SRR0000002")).isEqualTo(1);
          }
        } finally {
          stubs.shutdownNow();
        }
      }
    }
  }

  private static long runningActivityWorker(WorkflowServiceStubs stubs, String workflowId)
      throws InterruptedException {
    Instant until = Instant.now().plusSeconds(60);
    while (Instant.now().isBefore(until)) {
      var pending = describe(stubs, workflowId).getPendingActivitiesList();
      for (var a : pending) {
        if (a.getActivityType().getName().toLowerCase().contains("sketch")
            && !a.getLastWorkerIdentity().isEmpty()) {
          return Long.parseLong(a.getLastWorkerIdentity().split("@")[0]);
        }
      }
      Thread.sleep(200);
    }
    throw new AssertionError("no worker ran the sketch of " + workflowId);
  }

  /** Attempts of the sketch activity, from the workflow's history. */
  private static int attempts(WorkflowServiceStubs stubs, String workflowId) {
    var history =
        stubs
            .blockingStub()
            .getWorkflowExecutionHistory(
                io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryRequest.newBuilder()
                    .setNamespace("default")
                    .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId))
                    .build())
            .getHistory();
    int started = 0;
    for (var e : history.getEventsList()) {
      if (e.hasActivityTaskStartedEventAttributes()) {
        started = Math.max(started, e.getActivityTaskStartedEventAttributes().getAttempt());
      }
    }
    return started;
  }

  private static io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse describe(
      WorkflowServiceStubs stubs, String workflowId) {
    return stubs
        .blockingStub()
        .describeWorkflowExecution(
            DescribeWorkflowExecutionRequest.newBuilder()
                .setNamespace("default")
                .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId))
                .build());
  }
}
