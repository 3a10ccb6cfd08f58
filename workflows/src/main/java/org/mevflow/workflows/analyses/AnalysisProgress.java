package org.mevflow.workflows.analyses;

/**
 * Where an execution is: its step, the runner's job id and own word for its state (Cromwell's
 * status), how many status calls were made, and the last error seen while tracking.
 */
public record AnalysisProgress(
    String step, String jobId, String runnerStatus, int statusCalls, String lastError) {}
