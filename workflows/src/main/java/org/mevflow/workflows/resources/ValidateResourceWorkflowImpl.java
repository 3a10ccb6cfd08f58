package org.mevflow.workflows.resources;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import org.mevflow.workflows.RecordOptions;
import org.mevflow.workflows.operators.Search;

public class ValidateResourceWorkflowImpl implements ValidateResourceWorkflow {
  /**
   * Reading a file of up to a few GB; retried for storage hiccups, a bounded number of times. It
   * heartbeats, so an attempt whose worker died is retried within 30 s, not after 30 minutes.
   */
  private static final ActivityOptions CHECK =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofMinutes(30))
          .setHeartbeatTimeout(Duration.ofSeconds(30))
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(Duration.ofSeconds(5))
                  .setMaximumInterval(Duration.ofMinutes(2))
                  .setMaximumAttempts(3)
                  .build())
          .build();

  private final ResourceActivities checking =
      Workflow.newActivityStub(ResourceActivities.class, CHECK);
  private final ResourceActivities records =
      Workflow.newActivityStub(ResourceActivities.class, RecordOptions.RECORDS);

  @Override
  public ValidationOutcome validate(ValidateRequest request) {
    ValidationOutcome outcome;
    try {
      outcome = checking.check(request);
    } catch (ActivityFailure failure) {
      // the file could not be read at all: the resource must not stay "Validating..." for ever
      outcome = new ValidationOutcome(false, "the file could not be read for validation", null, 0);
    }
    records.record(request, outcome);
    Search.status(outcome.valid() ? "VALID" : "INVALID");
    return outcome;
  }
}
