package org.mevflow.activities.testing;

import io.temporal.client.WorkflowClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Records the histories the determinism guard replays ({@code HistoryReplayTest} in {@code
 * workflows}). Tests that run a workflow to a telling end (success, failure, cancel, retry) call
 * {@link #record}; it writes only when {@code scripts/record-histories} runs the tests with {@code
 * -Dmevflow.histories=DIR}, so a normal build never rewrites the recorded ones.
 */
public final class Histories {
  private Histories() {}

  /** Saves the workflow's history as {@code DIR/<name>.json} when recording. */
  public static void record(WorkflowClient client, String workflowId, String name) {
    String dir = System.getProperty("mevflow.histories");
    if (dir == null || dir.isBlank()) {
      return;
    }
    try {
      Path file = Path.of(dir).resolve(name + ".json");
      Files.createDirectories(file.getParent());
      Files.writeString(file, client.fetchHistory(workflowId).toJson(true));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
