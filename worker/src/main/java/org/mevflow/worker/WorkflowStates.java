package org.mevflow.worker;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.client.WorkflowClient;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** What Temporal says of a workflow id, as the healers ask it. */
public final class WorkflowStates {
  private WorkflowStates() {}

  /**
   * The latest run's status; empty when Temporal has no workflow of that id. Temporal unreachable
   * throws: nothing can be told now, and the next pass tries again.
   */
  public static Optional<WorkflowExecutionStatus> of(WorkflowClient client, String workflowId) {
    try {
      return Optional.of(
          client
              .getWorkflowServiceStubs()
              .blockingStub()
              .withDeadlineAfter(10, TimeUnit.SECONDS)
              .describeWorkflowExecution(
                  DescribeWorkflowExecutionRequest.newBuilder()
                      .setNamespace(client.getOptions().getNamespace())
                      .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId))
                      .build())
              .getWorkflowExecutionInfo()
              .getStatus());
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /** "ended (terminated)" and the like, for a closed status. */
  public static String ended(WorkflowExecutionStatus status) {
    String word = status.name().replace("WORKFLOW_EXECUTION_STATUS_", "").toLowerCase();
    return "ended (" + word.replace('_', ' ') + ")";
  }
}
