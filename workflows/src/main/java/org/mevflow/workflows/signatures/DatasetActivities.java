package org.mevflow.workflows.signatures;

import io.temporal.activity.ActivityInterface;

/** The dataset's row: every state a sketch workflow passes is recorded, with its reason. */
@ActivityInterface
public interface DatasetActivities {
  /** Counts one more attempt for this workflow run (once, however often the call is retried). */
  void markComputing(String database, String accession, String taskQueue, long sizeMb);

  void markComputed(String database, String accession, SketchedSignature signature);

  void markMissing(String database, String accession, String reason);

  void markFailed(String database, String accession, String reason);
}
