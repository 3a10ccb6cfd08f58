package org.mevflow.workflows.analyses;

/**
 * Where an execution is: its step, the runner's job id and own word for its state (Cromwell's
 * status), how many status calls were made, and the last error seen while tracking. Changed with
 * the {@code with...} methods, each naming what changes.
 */
public record AnalysisProgress(
    String step, String jobId, String runnerStatus, int statusCalls, String lastError) {

  public static AnalysisProgress queued() {
    return new AnalysisProgress("queued", null, null, 0, null);
  }

  public AnalysisProgress withStep(String step) {
    return new AnalysisProgress(step, jobId, runnerStatus, statusCalls, lastError);
  }

  public AnalysisProgress withJob(String jobId) {
    return new AnalysisProgress(step, jobId, runnerStatus, statusCalls, lastError);
  }

  /** What the runner said at the status call numbered {@code calls}. */
  public AnalysisProgress withRunnerStatus(String runnerStatus, int calls) {
    return new AnalysisProgress(step, jobId, runnerStatus, calls, lastError);
  }

  public AnalysisProgress withLastError(String lastError) {
    return new AnalysisProgress(step, jobId, runnerStatus, statusCalls, lastError);
  }
}
