package org.mevflow.activities.analyses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.mevflow.activities.testing.AnalysisFixture;
import org.mevflow.core.cromwell.CromwellClient;
import org.mevflow.core.storage.ObjectRef;
import org.mevflow.db.jooq.tables.records.ExecutionsRecord;
import org.mevflow.db.type.ExecutionStatus;
import org.mevflow.db.type.Runner;
import org.mevflow.simulators.cromwell.CromwellSimulator;
import org.mevflow.simulators.cromwell.Scenario;
import org.mevflow.workflows.TaskQueues;
import org.mevflow.workflows.analyses.AnalysisStart;
import org.mevflow.workflows.analyses.AnalysisWorkflow;
import org.mevflow.workflows.analyses.AnalysisWorkflowImpl;
import org.mevflow.workflows.analyses.CromwellJobs;
import org.mevflow.workflows.operators.Search;

/**
 * Executions of the example WDL operation, end to end: the real workflow on Temporal's test server,
 * a real PostgreSQL, local storage, and the simulator over HTTP, one scenario per test.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES) // a hang guard, not a speed check
class CromwellExecutionTest extends AnalysisFixture {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Path EXAMPLE = Path.of("../examples/operations/row-means-cromwell");

  CromwellSimulator sim;

  @BeforeEach
  void startSimulatorAndWorker() throws IOException {
    sim =
        new CromwellSimulator(
            storage,
            "cromwell-executions",
            dir.resolve("sim"),
            0,
            Scenario.succeed(),
            Clock.systemUTC());
    register(env.newWorker(TaskQueues.ANALYSES));
    env.start();
  }

  /**
   * How long the client waits for each Cromwell answer: long enough that a loaded machine never
   * turns a loopback answer into a timeout (the counts below are of answered calls); the test of
   * timeouts runs its own worker with a short one.
   */
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(20);

  private void register(Worker worker) {
    register(worker, CALL_TIMEOUT);
  }

  /** Runs execution {@code exec} to its end on a worker of its own (then stopped). */
  private ExecutionStatus runOn(
      WorkerFactory factory, Duration callTimeout, String queue, UUID exec) {
    register(factory.newWorker(queue), callTimeout);
    factory.start();
    try {
      return env.getWorkflowClient()
          .newWorkflowStub(
              AnalysisWorkflow.class,
              WorkflowOptions.newBuilder()
                  .setTaskQueue(queue)
                  .setWorkflowId("analysis-" + exec)
                  .build())
          .run(exec.toString());
    } finally {
      factory.shutdownNow();
    }
  }

  private void register(Worker worker, Duration callTimeout) {
    worker.registerWorkflowImplementationTypes(AnalysisWorkflowImpl.class);
    worker.registerActivitiesImplementations(
        executionActivities(Duration.ofHours(72), Duration.ofHours(6)),
        new CromwellActivitiesImpl(
            new CromwellClient(
                new CromwellClient.Settings(sim.base(), null, callTimeout),
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()),
            storage,
            executions,
            operations,
            resources,
            "mevflow-resources"));
  }

  @AfterEach
  void tearDown(org.junit.jupiter.api.TestInfo test) {
    recordHistory(last, "cromwell", test);
    env.close();
    sim.close();
    assertThat(sim.violations()).as("requests the API document does not allow").isEmpty();
  }

  private UUID execution(Path operationFolder) throws Exception {
    UUID op = catalog.ingest(operationFolder, null, null).operation().getId();
    UUID input = matrix("gene\tS1\tS2\nTP53\t1.5\t2\nEGFR\t3\tNA\n");
    return execution(op, Runner.CROMWELL, "means job", "RowMeans.matrix", input);
  }

  /** The example operation with changes to its spec (e.g. a time limit). */
  private Path example(String specReplace, String with) throws IOException {
    Path folder = Files.createDirectories(dir.resolve("op-" + UUID.randomUUID()));
    for (String f : List.of("main.wdl", "inputs.json", "operation_spec.json")) {
      Files.writeString(
          folder.resolve(f), Files.readString(EXAMPLE.resolve(f)).replace(specReplace, with));
    }
    return folder;
  }

  /** Started as the run route starts it. */
  private AnalysisWorkflow stub(UUID id) {
    last = id;
    return env.getWorkflowClient()
        .newWorkflowStub(
            AnalysisWorkflow.class,
            AnalysisStart.options(
                "analysis-" + id, id.toString(), "a", "Row means (Cromwell)", "means job"));
  }

  private UUID last;

  private ExecutionsRecord row(UUID id) {
    return executions.find(id).orElseThrow();
  }

  private static String jobOf(UUID exec) {
    return CromwellJobs.requestedId(exec.toString());
  }

  private long calls(String operation, String jobId) {
    return sim.calls().stream()
        .filter(c -> c.operation().equals(operation) && jobId.equals(c.jobId()))
        .count();
  }

  /** The workflow's last event is a timer started after a completed status call. */
  private boolean waitingOnATimerAfterAStatusCall(String workflowId) {
    var events = env.getWorkflowClient().fetchHistory(workflowId).getEvents();
    boolean statusDone = false;
    for (var e : events) {
      if (e.hasActivityTaskCompletedEventAttributes()) {
        statusDone = true;
      }
    }
    var last = events.get(events.size() - 1);
    return statusDone && last.hasTimerStartedEventAttributes();
  }

  private static void await(BooleanSupplier condition) throws InterruptedException {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > until) {
        throw new AssertionError("condition not met within 60 s");
      }
      Thread.sleep(50);
    }
  }

  @Test
  void theExampleRunsOnCromwellAndItsOutputBecomesAResource() throws Exception {
    UUID exec = execution(EXAMPLE);
    assertThat(stub(exec).run(exec.toString())).isEqualTo(ExecutionStatus.SUCCEEDED);

    ExecutionsRecord row = row(exec);
    assertThat(row.getStatus()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(row.getRunnerJobId()).isEqualTo(jobOf(exec));
    // the repository's inputs.json holds a placeholder ("File"), as WebMEV's do: the submit
    // carries the converted input, where Cromwell reads the matrix, and nothing else: on local
    // storage the file's path (a Cromwell on this machine reads local files as paths)
    JsonNode sent =
        new CromwellClient(
                new CromwellClient.Settings(sim.base(), null, Duration.ofSeconds(5)),
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build())
            .metadata(jobOf(exec))
            .path("inputs");
    assertThat(sent.size()).isEqualTo(1);
    UUID input =
        UUID.fromString(JSON.readTree(row.getInputs().data()).get("RowMeans.matrix").asText());
    var matrixRow = resources.find(input).orElseThrow();
    assertThat(sent.path("RowMeans.matrix").asText())
        .isEqualTo(
            storage
                .localFile(
                    org.mevflow.core.storage.ObjectRef.fromUri(
                        java.net.URI.create(matrixRow.getStorageUri())))
                .orElseThrow()
                .toString())
        .startsWith(dir.toString());
    // what an operator finds it by in the Web UI, kept current to the end
    var described = env.getWorkflowClient().newUntypedWorkflowStub("analysis-" + exec).describe();
    var attributes = described.getTypedSearchAttributes();
    assertThat(attributes.get(Search.KIND)).isEqualTo("analysis");
    assertThat(attributes.get(Search.STATUS)).isEqualTo("SUCCEEDED");
    assertThat(attributes.get(Search.EXECUTION_ID)).isEqualTo(exec.toString());
    assertThat(attributes.get(Search.OWNER)).isEqualTo("a");
    assertThat(attributes.get(Search.OPERATION)).isEqualTo("Row means (Cromwell)");
    assertThat(described.getMemo(Search.SUMMARY, String.class))
        .isEqualTo("analysis 'means job': Row means (Cromwell) for a");
    assertThat(described.getStaticSummary())
        .isEqualTo(described.getMemo(Search.SUMMARY, String.class));
    assertThat(sim.submits()).isEqualTo(1);
    String outputId = JSON.readTree(row.getOutputs().data()).path("RowMeans.means").asText();
    var output = resources.find(UUID.fromString(outputId)).orElseThrow();
    assertThat(output.getProducedBy()).isEqualTo(exec);
    assertThat(output.getResourceType()).isEqualTo("FT");
    assertThat(workspaces.resources(workspace)).contains(output.getId());
    // copied out of Cromwell's bucket into the user's storage
    assertThat(output.getStorageUri()).contains("://mevflow-resources/outputs/" + exec + "/");
    try (InputStream in = storage.get(ObjectRef.fromUri(URI.create(output.getStorageUri())))) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
          .isEqualTo("gene\trow_mean\nTP53\t1.75\nEGFR\t3\n");
    }
  }

  @Test
  void otherWdlFilesGoAsAZipAndOptionsAsWorkflowOptions() throws Exception {
    Path op = example("\"mode\": \"cromwell\",", "\"mode\": \"cromwell\",");
    Files.createDirectories(op.resolve("lib"));
    Files.writeString(op.resolve("lib/util.wdl"), "task noop { command { true } }\n");
    Files.writeString(op.resolve("options.json"), "{\"final_workflow_log_dir\": \"gs://logs\"}");
    UUID exec = execution(op);
    assertThat(stub(exec).run(exec.toString())).isEqualTo(ExecutionStatus.SUCCEEDED);
    CromwellSimulator.Submitted sent = sim.submitted(jobOf(exec)).orElseThrow();
    assertThat(sent.dependencies()).containsExactly("lib/util.wdl");
    assertThat(sent.options()).contains("final_workflow_log_dir");
    assertThat(sent.typeVersion()).isEqualTo("draft-2");
  }

  @Test
  void pollingBacksOffFromFiveSecondsToAMinute() throws Exception {
    sim.next(Scenario.succeed().polls(9));
    UUID exec = execution(EXAMPLE);
    assertThat(stub(exec).run(exec.toString())).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(calls("status", jobOf(exec))).isEqualTo(9);
    List<Long> timers =
        env.getWorkflowClient().fetchHistory("analysis-" + exec).getEvents().stream()
            .filter(e -> e.getEventType() == EventType.EVENT_TYPE_TIMER_STARTED)
            .map(HistoryEvent::getTimerStartedEventAttributes)
            .map(a -> a.getStartToFireTimeout().getSeconds())
            .toList();
    assertThat(timers).containsExactly(5L, 10L, 20L, 40L, 60L, 60L, 60L, 60L, 60L);
    // each call is named in the Web UI's timeline
    String job = jobOf(exec);
    List<String> summaries =
        env.getWorkflowClient().fetchHistory("analysis-" + exec).getEvents().stream()
            .filter(e -> e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)
            .filter(HistoryEvent::hasUserMetadata)
            .map(
                e ->
                    DefaultDataConverter.STANDARD_INSTANCE.fromPayload(
                        e.getUserMetadata().getSummary(), String.class, String.class))
            .toList();
    assertThat(summaries)
        .startsWith("submit execution " + exec + " to Cromwell")
        .contains(
            "Cromwell status of job " + job + " (call 1)",
            "Cromwell status of job " + job + " (call 9)",
            "copy the outputs of Cromwell job " + job);
  }

  @Test
  void aFailedJobIsAFailedExecutionWithCromwellsMessages() throws Exception {
    sim.next(Scenario.fail("Task RowMeans.compute:NA:1 failed: disk full").polls(1));
    UUID exec = execution(EXAMPLE);
    assertThat(stub(exec).run(exec.toString())).isEqualTo(ExecutionStatus.FAILED);
    ExecutionsRecord row = row(exec);
    assertThat(row.getStatus()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(JSON.readTree(row.getErrorMessages().data()).toString())
        .contains("Task RowMeans.compute:NA:1 failed: disk full");
    assertThat(resources.producedBy(exec)).isEmpty();
  }

  @Test
  void aCommandThatFailsOnCromwellCarriesItsError() throws Exception {
    UUID exec = execution(example("print $1 \"\\trow_mean\"; next", "exit 3"));
    assertThat(stub(exec).run(exec.toString())).isEqualTo(ExecutionStatus.FAILED);
    assertThat(row(exec).getErrorMessages().data())
        .contains("exited with return code 3")
        .contains("RowMeans.compute");
  }

  @Test
  void aJobAbortedOnTheServerIsAbortedHere() throws Exception {
    sim.next(Scenario.abortedExternally().polls(2));
    UUID exec = execution(EXAMPLE);
    assertThat(stub(exec).run(exec.toString())).isEqualTo(ExecutionStatus.ABORTED);
    assertThat(row(exec).getErrorMessages().data()).contains("aborted on the Cromwell server");
  }

  @Test
  void aJobCromwellForgetsFailsWithA404Reason() throws Exception {
    sim.next(Scenario.vanish().polls(2));
    UUID exec = execution(EXAMPLE);
    assertThatThrownBy(() -> stub(exec).run(exec.toString()))
        .isInstanceOf(WorkflowFailedException.class);
    ExecutionsRecord row = row(exec);
    assertThat(row.getStatus()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(row.getErrorMessages().data()).contains("404").contains("Unrecognized workflow ID");
    assertThat(calls("status", jobOf(exec))).isEqualTo(2); // the second is the 404, not retried
  }

  @Test
  void burstsOfServerErrorsAreRetriedWithoutASecondJob() throws Exception {
    sim.serverErrors(3); // the submit itself fails three times
    sim.next(Scenario.succeed().errorBurst(4));
    UUID exec = execution(EXAMPLE);
    assertThat(stub(exec).run(exec.toString())).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(sim.submits()).isEqualTo(1);
    assertThat(sim.calls().stream().filter(c -> c.status() == 500).count()).isEqualTo(7);
  }

  @Test
  void aSubmitThatTimesOutAndIsRetriedFindsTheJobItMade() throws Exception {
    // the first answer comes after the client gave up (2 s): the job exists, the retry is refused
    // as a duplicate, and the client then answers the existing job
    sim.next(Scenario.succeed().slowSubmit(Duration.ofSeconds(3)));
    UUID exec = execution(EXAMPLE);
    last = exec;
    assertThat(
            runOn(
                WorkerFactory.newInstance(env.getWorkflowClient()),
                Duration.ofSeconds(2),
                "analyses-short-timeout",
                exec))
        .isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(sim.submits()).isEqualTo(1);
    // the duplicate was refused; the slow first answer is recorded once it has been written
    assertThat(
            sim.calls().stream()
                .filter(c -> c.operation().equals("submit") && c.status() == 400)
                .count())
        .isEqualTo(1);
    await(() -> calls("submit", jobOf(exec)) == 2);
  }

  @Test
  void finalizeThatFailsOnceSucceedsAndRegistersOnce() throws Exception {
    sim.next(Scenario.succeed().metadataFailures(1));
    UUID exec = execution(EXAMPLE);
    assertThat(stub(exec).run(exec.toString())).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(calls("metadata", jobOf(exec))).isEqualTo(2);
    assertThat(resources.producedBy(exec)).hasSize(1);
  }

  @Test
  void aJobOverItsTimeLimitIsAbortedAndFails() throws Exception {
    sim.next(Scenario.succeed().polls(10_000));
    UUID exec =
        execution(
            example(
                "\"mode\": \"cromwell\",", "\"mode\": \"cromwell\", \"time_limit\": \"PT10M\","));
    assertThat(stub(exec).run(exec.toString())).isEqualTo(ExecutionStatus.FAILED);
    assertThat(row(exec).getErrorMessages().data()).contains("longer than its limit of 10m");
    assertThat(sim.state(jobOf(exec))).contains("Aborting");
    assertThat(calls("abort", jobOf(exec))).isEqualTo(1);
    // 5+10+20+40+60*9 = 615 s > 600 s: the last poll is cut to the deadline
    assertThat(calls("status", jobOf(exec))).isEqualTo(13);
  }

  @Test
  void cancellingARunningJobAbortsItOnCromwell() throws Exception {
    sim.next(Scenario.succeed().polls(10_000));
    UUID exec = execution(EXAMPLE);
    AnalysisWorkflow workflow = stub(exec);
    WorkflowClient.start(workflow::run, exec.toString());
    await(() -> calls("status", jobOf(exec)) >= 1);
    // cancel while the workflow waits on its next poll's timer: the Java test server loses a
    // workflow whose cancel races an activity's completion (FAILED_PRECONDITION ACTIVITY_UNKNOWN)
    await(() -> waitingOnATimerAfterAStatusCall("analysis-" + exec));
    WorkflowStub.fromTyped(workflow).cancel();
    assertThatThrownBy(() -> WorkflowStub.fromTyped(workflow).getResult(String.class))
        .isInstanceOf(WorkflowFailedException.class);
    assertThat(row(exec).getStatus()).isEqualTo(ExecutionStatus.ABORTED);
    assertThat(row(exec).getErrorMessages().data()).contains("cancelled by the user");
    assertThat(sim.state(jobOf(exec))).contains("Aborted");
    assertThat(calls("abort", jobOf(exec))).isEqualTo(1);
  }

  @Test
  void cancellingWhileTheSubmitIsInFlightAbortsTheJobItMade() throws Exception {
    sim.next(Scenario.succeed().polls(10_000).slowSubmit(Duration.ofMillis(1500)));
    UUID exec = execution(EXAMPLE);
    AnalysisWorkflow workflow = stub(exec);
    WorkflowClient.start(workflow::run, exec.toString());
    await(() -> sim.state(jobOf(exec)).isPresent()); // the submit reached Cromwell, no answer yet
    WorkflowStub.fromTyped(workflow).cancel();
    assertThatThrownBy(() -> WorkflowStub.fromTyped(workflow).getResult(String.class))
        .isInstanceOf(WorkflowFailedException.class);
    assertThat(row(exec).getStatus()).isEqualTo(ExecutionStatus.ABORTED);
    assertThat(sim.submits()).isEqualTo(1);
    assertThat(calls("abort", jobOf(exec))).isEqualTo(1);
    assertThat(sim.state(jobOf(exec))).contains("Aborted");
  }

  /**
   * A restarted worker has no workflow state, only the history it replays. A worker with no cache
   * does exactly that on every workflow task, so each step of the tracking below is a restart; then
   * the whole history is replayed once more by Temporal's replayer, as a new worker version would.
   */
  @Test
  void aWorkerThatRestartsWhileTrackingDoesNotSubmitAgain() throws Exception {
    sim.next(Scenario.succeed().polls(4));
    UUID exec = execution(EXAMPLE);
    WorkerFactory stateless =
        WorkerFactory.newInstance(
            env.getWorkflowClient(),
            io.temporal.worker.WorkerFactoryOptions.newBuilder().setWorkflowCacheSize(0).build());
    assertThat(runOn(stateless, CALL_TIMEOUT, "analyses-no-cache", exec))
        .isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(sim.submits()).isEqualTo(1);
    assertThat(calls("submit", jobOf(exec))).isEqualTo(1);
    assertThat(calls("status", jobOf(exec))).isEqualTo(4);
    assertThat(resources.producedBy(exec)).hasSize(1);
    WorkflowReplayer.replayWorkflowExecution(
        env.getWorkflowClient().fetchHistory("analysis-" + exec), AnalysisWorkflowImpl.class);
  }
}
