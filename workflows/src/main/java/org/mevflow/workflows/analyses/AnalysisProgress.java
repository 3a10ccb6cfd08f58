package org.mevflow.workflows.analyses;

/** Where an execution is: its step and its runner's own word (e.g. Cromwell's status). */
public record AnalysisProgress(String step, String runnerStatus) {}
