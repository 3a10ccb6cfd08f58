package org.mevflow.db.type;

/** Lifecycle of an analysis execution (one AnalysisWorkflow). */
public enum ExecutionStatus {
  QUEUED,
  SUBMITTING,
  RUNNING,
  FINALIZING,
  SUCCEEDED,
  FAILED,
  ABORTING,
  ABORTED;

  /** True once nothing more will happen to the execution. */
  public boolean isTerminal() {
    return this == SUCCEEDED || this == FAILED || this == ABORTED;
  }
}
