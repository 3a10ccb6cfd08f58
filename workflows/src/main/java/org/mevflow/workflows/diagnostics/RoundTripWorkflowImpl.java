package org.mevflow.workflows.diagnostics;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;

public class RoundTripWorkflowImpl implements RoundTripWorkflow {
  private static final RetryOptions RETRY =
      RetryOptions.newBuilder()
          .setInitialInterval(Duration.ofMillis(200))
          .setMaximumAttempts(3)
          .build();

  @Override
  public Probe run(String taskQueue) {
    DiagnosticsActivities activities =
        Workflow.newActivityStub(
            DiagnosticsActivities.class,
            ActivityOptions.newBuilder()
                .setTaskQueue(taskQueue)
                .setScheduleToCloseTimeout(Duration.ofSeconds(30))
                .setStartToCloseTimeout(Duration.ofSeconds(10))
                .setRetryOptions(RETRY)
                .build());
    return activities.probe(taskQueue);
  }
}
