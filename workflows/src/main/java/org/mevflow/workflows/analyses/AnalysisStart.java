package org.mevflow.workflows.analyses;

import io.temporal.client.WorkflowOptions;
import java.util.Map;
import org.mevflow.db.type.JobKind;
import org.mevflow.workflows.TaskQueues;
import org.mevflow.workflows.operators.Search;

/** How every caller (the run route, the reconciler) starts an execution's workflow. */
public final class AnalysisStart {
  private AnalysisStart() {}

  public static WorkflowOptions options(
      String workflowId, String executionId, String owner, String operation, String jobName) {
    return Search.tag(
            WorkflowOptions.newBuilder()
                .setTaskQueue(TaskQueues.ANALYSES)
                .setWorkflowId(workflowId),
            JobKind.ANALYSIS,
            "analysis '" + jobName + "': " + operation + " for " + owner,
            Map.of(
                Search.EXECUTION_ID, executionId,
                Search.OWNER, owner,
                Search.OPERATION, operation))
        .build();
  }
}
