package org.mevflow.workflows.analyses;

/**
 * What an execution's workflow needs to know from its row: which runner, whether it already ended,
 * the runner's job id once submitted, when it started running, and its time limit.
 *
 * @param startedAtMillis when the execution first ran (epoch ms), or 0 if it has not
 */
public record ExecutionPlan(
    Runner runner,
    boolean finished,
    String finalStatus,
    String jobId,
    long startedAtMillis,
    long timeLimitSeconds) {

  /** Where the operation runs. */
  public enum Runner {
    LOCAL,
    CROMWELL
  }
}
