package org.mevflow.workflows.analyses;

import io.temporal.activity.ActivityInterface;
import java.util.List;
import java.util.Map;
import org.mevflow.db.type.ExecutionStatus;

/** The execution's row, and its outputs registered as resources; every call is idempotent. */
@ActivityInterface
public interface ExecutionActivities {
  /** What the workflow needs from the execution's row (runner, job id, start, time limit). */
  ExecutionPlan plan(String executionId);

  /** Moves the execution to a non-final status (RUNNING, FINALIZING, ABORTING). */
  void status(String executionId, ExecutionStatus status);

  /** Registers each output file as a resource (once per execution and key); key to resource id. */
  Map<String, Object> register(String executionId, Map<String, String> files);

  /**
   * Registers each output file as a resource, once per execution and resource key, checked against
   * its declared type (or the type the tool named, among those the spec allows); output key to
   * resource id, or to the list of ids of a list output.
   */
  Map<String, Object> registerFiles(String executionId, List<OutputFile> files);

  /** The final status (SUCCEEDED, FAILED, ABORTED) with outputs or error messages. */
  void finish(
      String executionId, ExecutionStatus status, Map<String, Object> outputs, List<String> errors);
}
