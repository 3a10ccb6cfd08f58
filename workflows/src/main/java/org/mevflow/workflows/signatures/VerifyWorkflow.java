package org.mevflow.workflows.signatures;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** The verifier wort never had: recompute from the same source, compare sketch by sketch. */
@WorkflowInterface
public interface VerifyWorkflow {
  @WorkflowMethod
  VerifyOutcome verify(VerifyRequest request);

  @QueryMethod
  SketchProgress progress();
}
