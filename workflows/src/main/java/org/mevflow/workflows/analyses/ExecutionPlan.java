package org.mevflow.workflows.analyses;

import org.mevflow.db.type.ExecutionStatus;
import org.mevflow.db.type.Runner;

/**
 * What an execution's workflow needs to know from its row: which runner, whether it already ended
 * (and how), the runner's job id once submitted, when it started running, and its time limit, which
 * the workflow turns into the run's activity timeout (a setting moves both).
 *
 * @param startedAtMillis when the execution first ran (epoch ms), or 0 if it has not
 * @param timeLimitSeconds the operation's limit on Cromwell; on a local runner, the local limit
 */
public record ExecutionPlan(
    Runner runner,
    boolean finished,
    ExecutionStatus finalStatus,
    String jobId,
    long startedAtMillis,
    long timeLimitSeconds) {}
