package org.mevflow.workflows.analyses;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import org.mevflow.db.type.ExecutionStatus;

/** One execution of an operation: run, finalize, record; cancellable at any point. */
@WorkflowInterface
public interface AnalysisWorkflow {
  @WorkflowMethod
  ExecutionStatus run(String executionId);

  @QueryMethod
  AnalysisProgress progress();
}
