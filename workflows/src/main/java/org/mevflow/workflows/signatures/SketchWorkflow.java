package org.mevflow.workflows.signatures;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** wort's compute task as a durable workflow: look up, sketch on the right queue, store, record. */
@WorkflowInterface
public interface SketchWorkflow {
  @WorkflowMethod
  SketchOutcome compute(SketchRequest request);

  @QueryMethod
  SketchProgress progress();
}
