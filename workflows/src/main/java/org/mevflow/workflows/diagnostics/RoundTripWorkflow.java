package org.mevflow.workflows.diagnostics;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Proves, end to end, that a worker polls a task queue and can reach its database: the API starts
 * this on the queue it wants to check, and the answer names the worker that ran it.
 */
@WorkflowInterface
public interface RoundTripWorkflow {
  @WorkflowMethod
  Probe run(String taskQueue);
}
