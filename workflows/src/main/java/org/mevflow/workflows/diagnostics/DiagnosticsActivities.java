package org.mevflow.workflows.diagnostics;

import io.temporal.activity.ActivityInterface;

@ActivityInterface
public interface DiagnosticsActivities {
  /** Checks the worker's own dependencies (the database) and says who ran the check. */
  Probe probe(String taskQueue);
}
