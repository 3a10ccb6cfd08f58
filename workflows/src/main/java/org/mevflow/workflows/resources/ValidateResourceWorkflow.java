package org.mevflow.workflows.resources;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** Setting a resource's type: check the file, keep a standard copy, record the verdict. */
@WorkflowInterface
public interface ValidateResourceWorkflow {
  @WorkflowMethod
  ValidationOutcome validate(ValidateRequest request);
}
