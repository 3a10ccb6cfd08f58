package org.mevflow.api.temporal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.workflow.v1.PendingActivityInfo;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.common.converter.DefaultDataConverter;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * What a running workflow says about itself, for status routes: its pending activity (type,
 * attempt, last attempt's error, heartbeat) from the server, and its own {@code progress} query.
 * Every look-up is bounded; what does not answer in time is left out, never waited for.
 */
@Component
public class LiveWorkflows {
  static final Duration LOOKUP = Duration.ofSeconds(2);

  private final WorkflowClient client;

  public LiveWorkflows(WorkflowClient client) {
    this.client = client;
  }

  /**
   * The pending activity of an open workflow ({@code activity}, {@code attempt}, {@code
   * last_attempt_error}), with its last heartbeat read as {@code heartbeatType} if asked; empty if
   * the workflow is closed or the server did not answer in time.
   */
  public <H> Optional<Pending<H>> pending(String workflowId, Class<H> heartbeatType) {
    try {
      var described =
          client
              .getWorkflowServiceStubs()
              .blockingStub()
              .withDeadlineAfter(LOOKUP.toMillis(), TimeUnit.MILLISECONDS)
              .describeWorkflowExecution(
                  DescribeWorkflowExecutionRequest.newBuilder()
                      .setNamespace(client.getOptions().getNamespace())
                      .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId))
                      .build());
      if (described.getWorkflowExecutionInfo().hasCloseTime()) {
        return Optional.empty();
      }
      PendingActivity activity = PendingActivity.NONE;
      H heartbeat = null;
      for (PendingActivityInfo a : described.getPendingActivitiesList()) {
        activity =
            new PendingActivity(
                a.getActivityType().getName(),
                a.getAttempt(),
                a.hasLastFailure() ? a.getLastFailure().getMessage() : null);
        if (heartbeatType != null && a.hasHeartbeatDetails()) {
          heartbeat = decode(a.getHeartbeatDetails(), heartbeatType);
        }
      }
      return Optional.of(new Pending<>(activity, heartbeat));
    } catch (RuntimeException unavailable) {
      return Optional.empty();
    }
  }

  /** An open workflow's pending activity, and the heartbeat it last sent (or null). */
  public record Pending<H>(PendingActivity activity, H heartbeat) {}

  /**
   * The activity a workflow waits on: its type, attempt and the last attempt's error; members
   * without a value are left out of the body they are unwrapped into.
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record PendingActivity(String activity, Integer attempt, String lastAttemptError) {
    static final PendingActivity NONE = new PendingActivity(null, null, null);
  }

  /** A query's answer, if a worker gives it in time. */
  public <T> Optional<T> query(Supplier<T> query) {
    try {
      return Optional.ofNullable(
          CompletableFuture.supplyAsync(query).get(LOOKUP.toMillis(), TimeUnit.MILLISECONDS));
    } catch (Exception noAnswer) {
      return Optional.empty();
    }
  }

  private static <H> H decode(Payloads payloads, Class<H> type) {
    return DefaultDataConverter.newDefaultInstance()
        .fromPayloads(0, Optional.of(payloads), type, type);
  }
}
