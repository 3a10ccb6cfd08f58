package org.mevflow.workflows.analyses;

import io.temporal.activity.ActivityInterface;

/**
 * Runs a local operation: its {@code run.sh} in a scratch folder with the inputs staged, under a
 * time limit, heartbeating; cancellation kills the process.
 */
@ActivityInterface
public interface LocalRunnerActivities {
  RunOutputs run(String executionId);
}
