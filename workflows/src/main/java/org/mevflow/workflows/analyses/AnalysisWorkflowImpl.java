package org.mevflow.workflows.analyses;

import io.temporal.activity.ActivityCancellationType;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.TimerOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mevflow.db.type.ExecutionStatus;
import org.mevflow.db.type.Runner;
import org.mevflow.workflows.Failures;
import org.mevflow.workflows.RecordOptions;
import org.mevflow.workflows.Summarized;
import org.mevflow.workflows.operators.Search;

/**
 * One execution: run it on its runner, finalize (outputs become resources), record the end.
 *
 * <p>On Cromwell the job is submitted under an id derived from the execution, then tracked with
 * workflow timers that grow from {@link #FIRST_POLL} to {@link #LONGEST_POLL} (no thread is held
 * while a job runs), up to the operation's time limit. Cromwell errors on a status call are retried
 * and, if they persist, logged in the progress and tried again at the next poll; only a 404 ends
 * tracking early. Cancelling aborts the job from a detached scope and records ABORTED. A long track
 * continues as new before its history grows large, picking up the job from its row.
 */
public class AnalysisWorkflowImpl implements AnalysisWorkflow {
  static final Duration FIRST_POLL = Duration.ofSeconds(5);
  static final Duration LONGEST_POLL = Duration.ofSeconds(60);
  static final Duration ABORT_WAIT = Duration.ofMinutes(10);
  static final int HISTORY_LIMIT = 4000;

  /** Beyond the run's own limit: the runner stops the tool and says why before Temporal would. */
  public static final Duration LOCAL_RUN_MARGIN = Duration.ofMinutes(5);

  /**
   * A local run: bounded by the plan's limit (the runner's own, plus a margin so that its message
   * wins), heartbeating, killed when cancelled. A tool error is a result, not a failure, and is
   * final; a failure is the worker's (it died: the heartbeat stops; its scratch space failed), so
   * the run starts again from the beginning on a live worker, a few times.
   */
  static ActivityOptions localRun(ExecutionPlan plan) {
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(Duration.ofSeconds(plan.timeLimitSeconds()).plus(LOCAL_RUN_MARGIN))
        .setHeartbeatTimeout(Duration.ofSeconds(30))
        .setCancellationType(ActivityCancellationType.WAIT_CANCELLATION_COMPLETED)
        .setRetryOptions(
            RetryOptions.newBuilder()
                .setInitialInterval(Duration.ofSeconds(5))
                .setMaximumAttempts(3)
                .build())
        .build();
  }

  /** Cromwell calls: short attempts, backoff 5 s to 60 s, refusals and unknown jobs not retried. */
  private static ActivityOptions cromwellCalls(Duration attempt, Duration total) {
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(attempt)
        .setScheduleToCloseTimeout(total)
        .setRetryOptions(
            RetryOptions.newBuilder()
                .setInitialInterval(Duration.ofSeconds(5))
                .setBackoffCoefficient(2)
                .setMaximumInterval(Duration.ofSeconds(60))
                .setDoNotRetry(CromwellActivities.REFUSED, CromwellActivities.UNKNOWN_JOB)
                .build())
        // a cancelled submit is waited for, so that the abort that follows cannot overtake it
        .setCancellationType(ActivityCancellationType.WAIT_CANCELLATION_COMPLETED)
        .build();
  }

  private final ExecutionActivities records =
      Workflow.newActivityStub(ExecutionActivities.class, RecordOptions.RECORDS);
  private static final ActivityOptions CALLS =
      cromwellCalls(Duration.ofMinutes(2), Duration.ofMinutes(30));

  /**
   * Copying a job's outputs: long attempts, heartbeating, so that a worker that died mid-copy, or a
   * task whose start never reached a worker (seen under a burst of 1,000 runs), is tried again
   * after a minute, not at the attempt's 2-hour limit.
   */
  private static final ActivityOptions COPIES =
      ActivityOptions.newBuilder(cromwellCalls(Duration.ofHours(2), Duration.ofHours(12)))
          .setHeartbeatTimeout(Duration.ofMinutes(1))
          .build();

  private AnalysisProgress progress = AnalysisProgress.queued();
  private ExecutionPlan plan;
  private boolean submitting;
  private String jobId;

  @Override
  public ExecutionStatus run(String executionId) {
    try {
      plan = records.plan(executionId);
      if (plan.finished()) {
        progress = progress.withStep(step(plan.finalStatus())).withJob(plan.jobId());
        return plan.finalStatus();
      }
      return plan.runner() == Runner.CROMWELL ? onCromwell(executionId) : onLocal(executionId);
    } catch (TemporalFailure failure) {
      if (CancellationScope.current().isCancelRequested()) {
        // the workflow is being cancelled: abort and record from a scope that still may run
        Workflow.newDetachedCancellationScope(() -> abort(executionId)).run();
        throw new CanceledFailure("execution " + executionId + " cancelled by the user");
      }
      String reason = Failures.reason(failure);
      finish(executionId, ExecutionStatus.FAILED, Map.of(), List.of(reason));
      throw ApplicationFailure.newNonRetryableFailure(reason, "ExecutionFailed");
    }
  }

  private ExecutionStatus onLocal(String executionId) {
    step(executionId, ExecutionStatus.RUNNING);
    RunOutputs result =
        Summarized.stub(
                LocalRunnerActivities.class,
                localRun(plan),
                (plan.runner() == Runner.LOCAL_DOCKER ? "container run" : "run.sh")
                    + " of execution "
                    + executionId)
            .run(executionId);
    return finalize(executionId, result, true);
  }

  private ExecutionStatus onCromwell(String executionId) {
    jobId = plan.jobId();
    if (jobId == null) {
      step(executionId, ExecutionStatus.SUBMITTING);
      submitting = true;
      jobId = cromwell("submit execution " + executionId + " to Cromwell").submit(executionId);
    }
    progress = progress.withJob(jobId);
    step(executionId, ExecutionStatus.RUNNING);
    long started =
        plan.startedAtMillis() > 0 ? plan.startedAtMillis() : Workflow.currentTimeMillis();
    long deadline = started + plan.timeLimitSeconds() * 1000;
    CromwellStatus ended = track(executionId, deadline);
    if (ended == null) {
      String limit = Duration.ofSeconds(plan.timeLimitSeconds()).toString();
      CromwellStatus after = cromwell("abort Cromwell job " + jobId).abort(jobId);
      return finish(
          executionId,
          ExecutionStatus.FAILED,
          Map.of(),
          List.of(
              "the job ran longer than its limit of "
                  + limit.substring(2).toLowerCase()
                  + " and was aborted on Cromwell (now "
                  + after.word()
                  + ")"));
    }
    if (ended == CromwellStatus.ABORTED) {
      return finish(
          executionId,
          ExecutionStatus.ABORTED,
          Map.of(),
          List.of("the Cromwell job " + jobId + " was aborted on the Cromwell server"));
    }
    step(executionId, ExecutionStatus.FINALIZING);
    RunOutputs outputs =
        Summarized.stub(
                CromwellActivities.class, COPIES, "copy the outputs of Cromwell job " + jobId)
            .collect(executionId, jobId);
    return finalize(executionId, outputs, false);
  }

  /** Polls until the job ends (its status) or the deadline passes (null). */
  private CromwellStatus track(String executionId, long deadline) {
    Duration wait = FIRST_POLL;
    int polls = 0;
    while (true) {
      long left = deadline - Workflow.currentTimeMillis();
      if (left <= 0) {
        return null;
      }
      polls++;
      Workflow.newTimer(
              Duration.ofMillis(Math.min(wait.toMillis(), left)),
              TimerOptions.newBuilder()
                  .setSummary("before Cromwell status call " + polls + " for job " + jobId)
                  .build())
          .get();
      try {
        CromwellStatus s =
            cromwell("Cromwell status of job " + jobId + " (call " + polls + ")").status(jobId);
        progress = progress.withRunnerStatus(s.word(), polls);
        if (s.isTerminal()) {
          return s;
        }
      } catch (ActivityFailure f) {
        if (CancellationScope.current().isCancelRequested()
            || f.getCause() instanceof ApplicationFailure app && app.isNonRetryable()) {
          throw f;
        }
        // Cromwell has not answered for the whole retry window: note it, keep tracking
        progress = progress.withRunnerStatus(progress.runnerStatus(), polls);
        progress = progress.withLastError(Failures.reason(f));
      }
      wait = longer(wait);
      if (Workflow.getInfo().getHistoryLength() > HISTORY_LIMIT) {
        // the job and its start time are in the row; the next run picks them up
        Workflow.continueAsNew(executionId);
      }
    }
  }

  private ExecutionStatus finalize(String executionId, RunOutputs result, boolean announce) {
    if (!result.succeeded()) {
      return finish(executionId, ExecutionStatus.FAILED, Map.of(), result.errors());
    }
    if (announce) {
      step(executionId, ExecutionStatus.FINALIZING);
    }
    // runs recorded before output files carried lists and types register the old way
    int version = Workflow.getVersion("output-files", Workflow.DEFAULT_VERSION, 1);
    Map<String, Object> outputs =
        new LinkedHashMap<>(
            version == Workflow.DEFAULT_VERSION
                ? records.register(executionId, result.files())
                : records.registerFiles(executionId, result.outputFilesOrNone()));
    // value outputs (numbers, text, element sets) are the execution's outputs as they are
    outputs.putAll(result.valuesOrNone());
    return finish(executionId, ExecutionStatus.SUCCEEDED, outputs, List.of());
  }

  /** Runs in a detached scope: stops the runner's job, then records ABORTED. */
  private void abort(String executionId) {
    if (plan == null) {
      // cancelled before the plan was read (a stranded ABORTING row restarted and cancelled)
      plan = records.plan(executionId);
      jobId = plan.jobId();
    }
    if (plan.runner() == Runner.CROMWELL && (submitting || jobId != null)) {
      step(executionId, ExecutionStatus.ABORTING);
      if (jobId == null) {
        // the submit was cancelled before it answered: the job, if any, has the requested id
        jobId = CromwellJobs.requestedId(executionId);
      }
      CromwellStatus s = cromwell("abort Cromwell job " + jobId).abort(jobId);
      long until = Workflow.currentTimeMillis() + ABORT_WAIT.toMillis();
      Duration wait = FIRST_POLL;
      while (!s.isTerminal() && Workflow.currentTimeMillis() < until) {
        Workflow.sleep(wait);
        try {
          s = cromwell("Cromwell status of job " + jobId + " while aborting").status(jobId);
        } catch (ActivityFailure gone) {
          break; // unknown now, or unreachable for the whole window: nothing more to wait for
        }
        wait = longer(wait);
      }
      progress = progress.withJob(jobId).withRunnerStatus(s.word(), progress.statusCalls());
    }
    finish(executionId, ExecutionStatus.ABORTED, Map.of(), List.of("cancelled by the user"));
  }

  /** A Cromwell call with the given summary. */
  private static CromwellActivities cromwell(String summary) {
    return Summarized.stub(CromwellActivities.class, CALLS, summary);
  }

  private void step(String executionId, ExecutionStatus status) {
    records.status(executionId, status);
    Search.status(status.name());
    progress = progress.withStep(step(status));
  }

  private ExecutionStatus finish(
      String executionId,
      ExecutionStatus status,
      Map<String, Object> outputs,
      List<String> errors) {
    records.finish(executionId, status, outputs, errors);
    Search.status(status.name());
    progress =
        progress.withStep(step(status)).withLastError(errors.isEmpty() ? null : errors.get(0));
    return status;
  }

  /** The progress's step word for a status: "running", "finalizing", "failed"... */
  private static String step(ExecutionStatus status) {
    return status.name().toLowerCase(Locale.ROOT);
  }

  /** The next wait between status calls: doubled, up to {@link #LONGEST_POLL}. */
  private static Duration longer(Duration wait) {
    Duration doubled = wait.multipliedBy(2);
    return doubled.compareTo(LONGEST_POLL) > 0 ? LONGEST_POLL : doubled;
  }

  @Override
  public AnalysisProgress progress() {
    return progress;
  }
}
