package org.mevflow.workflows.signatures;

/** The progress a sketch activity reports with each heartbeat. */
public record SketchHeartbeat(long records, long bases) {}
