package org.mevflow.workflows.analyses;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** How an execution names its Cromwell job. */
public final class CromwellJobs {
  private CromwellJobs() {}

  /**
   * The {@code requestedWorkflowId} for an execution: a name-based UUID of the execution id, the
   * same on every attempt, so a submit that is retried (or that raced a cancel) finds the job the
   * first attempt made instead of starting a second one.
   */
  public static String requestedId(String executionId) {
    return UUID.nameUUIDFromBytes(
            ("mevflow-analysis:" + executionId).getBytes(StandardCharsets.UTF_8))
        .toString();
  }
}
