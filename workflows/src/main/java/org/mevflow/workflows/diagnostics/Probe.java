package org.mevflow.workflows.diagnostics;

/** What a worker reports about itself when probed. */
public record Probe(
    String taskQueue, String worker, boolean databaseReachable, String databaseVersion) {}
