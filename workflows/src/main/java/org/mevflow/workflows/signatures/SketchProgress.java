package org.mevflow.workflows.signatures;

/**
 * Where a sketch workflow is: its step, the task queue of its sketching, and the last error seen.
 * Bases and records sketched so far travel in the sketch activity's heartbeats.
 */
public record SketchProgress(String step, String taskQueue, String lastError) {}
