package org.mevflow.workflows.analyses;

import io.temporal.activity.ActivityCancellationType;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.mevflow.workflows.RecordOptions;

public class AnalysisWorkflowImpl implements AnalysisWorkflow {
  /**
   * A local run: bounded in time, heartbeating, killed when cancelled; not retried (a tool error is
   * final).
   */
  private static final ActivityOptions LOCAL_RUN =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofHours(6))
          .setHeartbeatTimeout(Duration.ofMinutes(1))
          .setCancellationType(ActivityCancellationType.WAIT_CANCELLATION_COMPLETED)
          .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
          .build();

  private final ExecutionActivities records =
      Workflow.newActivityStub(ExecutionActivities.class, RecordOptions.RECORDS);
  private final LocalRunnerActivities local =
      Workflow.newActivityStub(LocalRunnerActivities.class, LOCAL_RUN);
  private AnalysisProgress progress = new AnalysisProgress("queued", null);

  @Override
  public String run(String executionId) {
    try {
      step(executionId, "RUNNING");
      RunOutputs result = local.run(executionId);
      if (!result.succeeded()) {
        return finish(executionId, "FAILED", Map.of(), result.errors());
      }
      step(executionId, "FINALIZING");
      Map<String, Object> outputs = records.register(executionId, result.files());
      return finish(executionId, "SUCCEEDED", outputs, List.of());
    } catch (TemporalFailure failure) {
      if (CancellationScope.current().isCancelRequested()) {
        // the workflow is being cancelled: record the abort from a scope that still may run
        Workflow.newDetachedCancellationScope(
                () -> finish(executionId, "ABORTED", Map.of(), List.of("cancelled by the user")))
            .run();
        throw new CanceledFailure("execution " + executionId + " cancelled by the user");
      }
      String reason =
          failure.getCause() instanceof ApplicationFailure app
              ? app.getOriginalMessage()
              : failure.getMessage();
      finish(executionId, "FAILED", Map.of(), List.of(reason));
      throw ApplicationFailure.newNonRetryableFailure(reason, "ExecutionFailed");
    }
  }

  private void step(String executionId, String status) {
    records.status(executionId, status);
    progress = new AnalysisProgress(status.toLowerCase(), null);
  }

  private String finish(
      String executionId, String status, Map<String, Object> outputs, List<String> errors) {
    records.finish(executionId, status, outputs, errors);
    progress = new AnalysisProgress(status.toLowerCase(), null);
    return status;
  }

  @Override
  public AnalysisProgress progress() {
    return progress;
  }
}
