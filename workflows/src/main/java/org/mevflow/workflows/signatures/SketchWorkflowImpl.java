package org.mevflow.workflows.signatures;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import org.mevflow.workflows.TaskQueues;

public class SketchWorkflowImpl implements SketchWorkflow {
  /** Runs up to this size (MB, NCBI's size_MB) go to sketch-small, then sketch-medium. */
  static final long SMALL_MB = 300;

  static final long MEDIUM_MB = 1600;

  // ---- every timeout and retry policy of a sketch, in one place

  private static final ActivityOptions RECORDS =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofSeconds(30))
          .setScheduleToCloseTimeout(Duration.ofHours(1))
          .setRetryOptions(backoff(Duration.ofSeconds(1), Duration.ofMinutes(5), 20))
          .build();

  private static final ActivityOptions LOOKUP =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofMinutes(2))
          .setScheduleToCloseTimeout(Duration.ofHours(2))
          .setRetryOptions(backoff(Duration.ofSeconds(10), Duration.ofMinutes(10), 10))
          .build();

  /** Sketching: a heartbeat at least every 2 minutes, a few attempts, a per-queue time limit. */
  static ActivityOptions sketchOn(String taskQueue) {
    Duration limit =
        switch (taskQueue) {
          case TaskQueues.SKETCH_SMALL -> Duration.ofHours(3);
          case TaskQueues.SKETCH_MEDIUM -> Duration.ofHours(12);
          case TaskQueues.SKETCH_LARGE -> Duration.ofHours(48);
          default -> Duration.ofHours(2);
        };
    return ActivityOptions.newBuilder()
        .setTaskQueue(taskQueue)
        .setStartToCloseTimeout(limit)
        .setHeartbeatTimeout(Duration.ofMinutes(2))
        .setRetryOptions(
            RetryOptions.newBuilder()
                .setInitialInterval(Duration.ofMinutes(1))
                .setBackoffCoefficient(3)
                .setMaximumInterval(Duration.ofHours(1))
                .setMaximumAttempts(4)
                .setDoNotRetry(
                    SketchActivities.MISSING, SketchActivities.EMPTY, SketchActivities.MALFORMED)
                .build())
        .build();
  }

  private static RetryOptions backoff(Duration first, Duration max, int attempts) {
    return RetryOptions.newBuilder()
        .setInitialInterval(first)
        .setBackoffCoefficient(2)
        .setMaximumInterval(max)
        .setMaximumAttempts(attempts)
        .build();
  }

  // ----

  private final DatasetActivities records =
      Workflow.newActivityStub(DatasetActivities.class, RECORDS);
  private final SourceActivities sources = Workflow.newActivityStub(SourceActivities.class, LOOKUP);
  private SketchProgress progress = new SketchProgress("starting", null, null);

  @Override
  public SketchOutcome compute(SketchRequest request) {
    String db = request.database();
    String accession = request.accession();
    try {
      step("looking up", null);
      String queue;
      long sizeMb = 0;
      String genomeUrl = null;
      if (SketchRequest.GENOMES.equals(db)) {
        genomeUrl = sources.resolveGenome(accession);
        if (genomeUrl == null) {
          return missing(db, accession, "assembly " + accession + " not found at NCBI");
        }
        queue = TaskQueues.SKETCH_GENOMES;
      } else {
        RunInfo run = sources.lookupRun(accession);
        if (!run.found()) {
          return missing(db, accession, "run " + accession + " not found in SRA runinfo");
        }
        sizeMb = run.sizeMb();
        queue = queueFor(sizeMb);
      }

      records.markComputing(db, accession, queue, sizeMb);
      step("sketching", queue);
      SketchActivities sketcher = Workflow.newActivityStub(SketchActivities.class, sketchOn(queue));
      SketchedSignature signature =
          genomeUrl != null
              ? sketcher.sketchGenome(accession, genomeUrl)
              : sketcher.sketchRun(accession);

      step("recording", queue);
      records.markComputed(db, accession, signature);
      step("done", queue);
      return new SketchOutcome(SketchOutcome.Status.COMPUTED, null, signature);
    } catch (ActivityFailure failure) {
      String reason = reason(failure);
      if (failure.getCause() instanceof ApplicationFailure app
          && SketchActivities.MISSING.equals(app.getType())) {
        return missing(db, accession, reason);
      }
      step("failed", progress.taskQueue(), reason);
      records.markFailed(db, accession, reason);
      // The workflow itself fails too, so operators find it among failed executions.
      throw ApplicationFailure.newNonRetryableFailure(reason, "SketchFailed");
    }
  }

  static String queueFor(long sizeMb) {
    if (sizeMb <= SMALL_MB) {
      return TaskQueues.SKETCH_SMALL;
    }
    return sizeMb <= MEDIUM_MB ? TaskQueues.SKETCH_MEDIUM : TaskQueues.SKETCH_LARGE;
  }

  private SketchOutcome missing(String db, String accession, String reason) {
    step("missing", progress.taskQueue(), reason);
    records.markMissing(db, accession, reason);
    return new SketchOutcome(SketchOutcome.Status.MISSING, reason, null);
  }

  /** The innermost message: what actually went wrong, not the chain of wrappers. */
  private static String reason(TemporalFailure failure) {
    Throwable t = failure;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    String message =
        t instanceof ApplicationFailure app ? app.getOriginalMessage() : t.getMessage();
    return message == null ? t.getClass().getSimpleName() : message;
  }

  private void step(String step, String queue) {
    step(step, queue, progress.lastError());
  }

  private void step(String step, String queue, String error) {
    progress = new SketchProgress(step, queue, error);
  }

  @Override
  public SketchProgress progress() {
    return progress;
  }
}
