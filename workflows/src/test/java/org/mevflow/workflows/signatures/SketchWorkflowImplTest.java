package org.mevflow.workflows.signatures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import io.temporal.client.WorkflowFailedException;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkflowImplementationOptions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.mevflow.workflows.TaskQueues;
import org.mevflow.workflows.operators.Search;

/**
 * The sketch workflow's decisions with its activities mocked, on Temporal's in-memory test server
 * with time skipped: which queue sketches a run of a given size, what is recorded for a run found,
 * missing or failed, and that a retried sketch is recorded once. The real activities are tested in
 * the activities module.
 */
@Timeout(
    value = 1,
    unit = TimeUnit.MINUTES) // a hang guard (a failing workflow task retries forever)
class SketchWorkflowImplTest {
  static final SketchedSignature SIGNATURE =
      new SketchedSignature(
          "file://sigs/sigs/SRR0000001.sig",
          100,
          10,
          1000,
          List.of(new SketchedSignature.Sketch(21, 5, "md5")),
          null);

  TestWorkflowEnvironment env;
  DatasetActivities records = mock(DatasetActivities.class, withSettings().withoutAnnotations());
  SourceActivities sources = mock(SourceActivities.class, withSettings().withoutAnnotations());
  SketchActivities sketcher = mock(SketchActivities.class, withSettings().withoutAnnotations());

  @BeforeEach
  void start() {
    env = TestWorkflowEnvironment.newInstance();
    Search.registrations().forEach(env::registerSearchAttribute);
    Worker workflows = env.newWorker(TaskQueues.SIGNATURES);
    workflows.registerWorkflowImplementationTypes(SketchWorkflowImpl.class);
    workflows.registerActivitiesImplementations(records, sources);
    for (String queue :
        List.of(
            TaskQueues.SKETCH_SMALL,
            TaskQueues.SKETCH_MEDIUM,
            TaskQueues.SKETCH_LARGE,
            TaskQueues.SKETCH_GENOMES)) {
      env.newWorker(queue).registerActivitiesImplementations(new OnQueue(queue, sketcher));
    }
    env.start();
  }

  @AfterEach
  void stop() {
    env.close();
  }

  private SketchOutcome compute(String database, String accession) {
    SketchRequest request = new SketchRequest(database, accession, false);
    return env.getWorkflowClient()
        .newWorkflowStub(SketchWorkflow.class, request.startOptions())
        .compute(request);
  }

  @Test
  void aRunIsSketchedOnTheQueueForItsSizeAndRecordedComputed() {
    when(sources.lookupRun("SRR0000001")).thenReturn(new RunInfo("SRR0000001", true, 900, "x"));
    when(sketcher.sketchRun("SRR0000001")).thenReturn(SIGNATURE);

    SketchOutcome outcome = compute(SketchRequest.SRA, "SRR0000001");

    assertThat(outcome.status()).isEqualTo(SketchOutcome.Status.COMPUTED);
    assertThat(outcome.signature()).isEqualTo(SIGNATURE);
    verify(records).markComputing("sra", "SRR0000001", TaskQueues.SKETCH_MEDIUM, 900);
    verify(records).markComputed("sra", "SRR0000001", SIGNATURE);
    assertThat(OnQueue.last).isEqualTo(TaskQueues.SKETCH_MEDIUM);
  }

  @Test
  void queuesFollowNcbisSize() {
    assertThat(SignatureOptions.queueFor(300)).isEqualTo(TaskQueues.SKETCH_SMALL);
    assertThat(SignatureOptions.queueFor(301)).isEqualTo(TaskQueues.SKETCH_MEDIUM);
    assertThat(SignatureOptions.queueFor(1600)).isEqualTo(TaskQueues.SKETCH_MEDIUM);
    assertThat(SignatureOptions.queueFor(1601)).isEqualTo(TaskQueues.SKETCH_LARGE);
  }

  @Test
  void anAssemblyIsDownloadedOnTheGenomesQueue() {
    when(sources.resolveGenome("GCA_000000001.1")).thenReturn("https://ncbi.example/a.fna.gz");
    when(sketcher.sketchGenome("GCA_000000001.1", "https://ncbi.example/a.fna.gz"))
        .thenReturn(SIGNATURE);

    assertThat(compute(SketchRequest.GENOMES, "GCA_000000001.1").status())
        .isEqualTo(SketchOutcome.Status.COMPUTED);
    assertThat(OnQueue.last).isEqualTo(TaskQueues.SKETCH_GENOMES);
    verify(records).markComputing("genomes", "GCA_000000001.1", TaskQueues.SKETCH_GENOMES, 0);
  }

  @Test
  void aRunSraDoesNotKnowIsMissingWithoutASketch() {
    when(sources.lookupRun("SRR0000002")).thenReturn(new RunInfo("SRR0000002", false, 0, null));

    SketchOutcome outcome = compute(SketchRequest.SRA, "SRR0000002");

    assertThat(outcome.status()).isEqualTo(SketchOutcome.Status.MISSING);
    assertThat(outcome.detail()).isEqualTo("run SRR0000002 not found in SRA runinfo");
    verify(records).markMissing("sra", "SRR0000002", "run SRR0000002 not found in SRA runinfo");
    verify(sketcher, never()).sketchRun(anyString());
    verify(records, never()).markComputing(anyString(), anyString(), anyString(), any(Long.class));
  }

  @Test
  void fastqDumpSayingTheRunIsMissingIsMissingNotFailed() {
    when(sources.lookupRun("SRR0000003")).thenReturn(new RunInfo("SRR0000003", true, 10, "x"));
    when(sketcher.sketchRun("SRR0000003"))
        .thenThrow(
            ApplicationFailure.newNonRetryableFailure(
                "accession SRR0000003 not found in SRA (fastq-dump exit 3)",
                SketchActivities.MISSING));

    SketchOutcome outcome = compute(SketchRequest.SRA, "SRR0000003");

    assertThat(outcome.status()).isEqualTo(SketchOutcome.Status.MISSING);
    assertThat(outcome.detail()).contains("fastq-dump exit 3");
    verify(records).markMissing(anyString(), anyString(), anyString());
    verify(records, never()).markFailed(anyString(), anyString(), anyString());
    verify(sketcher, times(1)).sketchRun("SRR0000003");
  }

  @Test
  void aSketchThatFailsOnceIsRetriedAndRecordedOnce() {
    when(sources.lookupRun("SRR0000004")).thenReturn(new RunInfo("SRR0000004", true, 10, "x"));
    when(sketcher.sketchRun("SRR0000004"))
        .thenThrow(ApplicationFailure.newFailure("fastq-dump's stream ended early", "IOException"))
        .thenReturn(SIGNATURE);

    assertThat(compute(SketchRequest.SRA, "SRR0000004").status())
        .isEqualTo(SketchOutcome.Status.COMPUTED);
    verify(sketcher, times(2)).sketchRun("SRR0000004");
    verify(records, times(1)).markComputed("sra", "SRR0000004", SIGNATURE);
  }

  @Test
  void aSketchThatKeepsFailingIsRecordedFailedWithItsReasonAndTheWorkflowFails() {
    when(sources.lookupRun("SRR0000005")).thenReturn(new RunInfo("SRR0000005", true, 10, "x"));
    when(sketcher.sketchRun("SRR0000005"))
        .thenThrow(ApplicationFailure.newFailure("fastq-dump exited with 1", "IOException"));

    assertThatThrownBy(() -> compute(SketchRequest.SRA, "SRR0000005"))
        .isInstanceOf(WorkflowFailedException.class)
        .rootCause()
        .hasMessageContaining("fastq-dump exited with 1");
    // every attempt the policy allows, then one FAILED record with the activity's words
    verify(sketcher, times(4)).sketchRun("SRR0000005");
    verify(records)
        .markFailed(
            anyString(),
            anyString(),
            org.mockito.ArgumentMatchers.contains("fastq-dump exited with 1"));
    verify(records, never()).markComputed(anyString(), anyString(), any());
  }

  @Test
  void aWorkerSettingPutsItsOwnRetryIntervalAndHeartbeatTimeoutOverTheWorkflowsForSketchesOnly() {
    try (TestWorkflowEnvironment own = TestWorkflowEnvironment.newInstance()) {
      Search.registrations().forEach(own::registerSearchAttribute);
      Worker workflows = own.newWorker(TaskQueues.SIGNATURES);
      workflows.registerWorkflowImplementationTypes(
          WorkflowImplementationOptions.newBuilder()
              .setActivityOptions(
                  SketchRetries.after(Duration.ofSeconds(2), Duration.ofSeconds(20)))
              .build(),
          SketchWorkflowImpl.class);
      workflows.registerActivitiesImplementations(records, sources);
      own.newWorker(TaskQueues.SKETCH_SMALL)
          .registerActivitiesImplementations(new OnQueue(TaskQueues.SKETCH_SMALL, sketcher));
      own.start();
      when(sources.lookupRun("SRR0000006")).thenReturn(new RunInfo("SRR0000006", true, 10, "x"));
      when(sketcher.sketchRun("SRR0000006")).thenReturn(SIGNATURE);
      SketchRequest request = new SketchRequest(SketchRequest.SRA, "SRR0000006", false);
      own.getWorkflowClient()
          .newWorkflowStub(SketchWorkflow.class, request.startOptions())
          .compute(request);

      var scheduled =
          own.getWorkflowClient().fetchHistory(request.workflowId()).getEvents().stream()
              .filter(e -> e.hasActivityTaskScheduledEventAttributes())
              .map(e -> e.getActivityTaskScheduledEventAttributes())
              .toList();
      var sketch =
          scheduled.stream()
              .filter(a -> a.getActivityType().getName().equals("SketchRun"))
              .findFirst()
              .orElseThrow();
      assertThat(sketch.getRetryPolicy().getInitialInterval().getSeconds()).isEqualTo(2);
      // the rest of the sketch's policy, and its queue, are the workflow's
      assertThat(sketch.getRetryPolicy().getMaximumAttempts()).isEqualTo(4);
      assertThat(sketch.getRetryPolicy().getNonRetryableErrorTypesList())
          .contains(SketchActivities.MISSING);
      assertThat(sketch.getTaskQueue().getName()).isEqualTo(TaskQueues.SKETCH_SMALL);
      assertThat(sketch.getHeartbeatTimeout().getSeconds()).isEqualTo(20);
      // records and look-ups keep their own policy
      var lookup =
          scheduled.stream()
              .filter(a -> a.getActivityType().getName().equals("LookupRun"))
              .findFirst()
              .orElseThrow();
      assertThat(lookup.getRetryPolicy().getInitialInterval().getSeconds()).isEqualTo(10);
    }
    // without a heartbeat setting, the workflow's own timeout (45 s) stands
    assertThat(SketchRetries.after(Duration.ofSeconds(2)).get("SketchRun").getHeartbeatTimeout())
        .isNull();
    assertThat(SketchRetries.TYPES)
        .containsExactlyInAnyOrderElementsOf(
            java.util.Arrays.stream(SketchActivities.class.getDeclaredMethods())
                .map(m -> Character.toUpperCase(m.getName().charAt(0)) + m.getName().substring(1))
                .toList());
  }

  /** The sketcher as registered on one queue: says which queue last ran a sketch. */
  static final class OnQueue implements SketchActivities {
    static volatile String last;
    private final String queue;
    private final SketchActivities delegate;

    OnQueue(String queue, SketchActivities delegate) {
      this.queue = queue;
      this.delegate = delegate;
    }

    @Override
    public SketchedSignature sketchRun(String accession) {
      last = queue;
      return delegate.sketchRun(accession);
    }

    @Override
    public SketchedSignature sketchGenome(String accession, String url) {
      last = queue;
      return delegate.sketchGenome(accession, url);
    }

    @Override
    public SketchedSignature recomputeRun(String accession, String key) {
      return delegate.recomputeRun(accession, key);
    }

    @Override
    public SketchedSignature recomputeGenome(String accession, String url, String key) {
      return delegate.recomputeGenome(accession, url, key);
    }

    @Override
    public SketchedSignature recomputeWithSourmash(String accession, String genomeUrl, String key) {
      return delegate.recomputeWithSourmash(accession, genomeUrl, key);
    }
  }
}
