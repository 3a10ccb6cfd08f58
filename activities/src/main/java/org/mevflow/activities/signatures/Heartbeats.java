package org.mevflow.activities.signatures;

import io.temporal.activity.ActivityExecutionContext;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.mevflow.workflows.signatures.SketchHeartbeat;

/**
 * Heartbeats for a long sketch, sent from their own thread every few seconds while data flows. When
 * no byte has arrived for {@code stallLimit}, heartbeats stop, so Temporal's heartbeat timeout ends
 * a stalled download or fastq-dump instead of letting it hang until the time limit.
 */
final class Heartbeats implements AutoCloseable {
  private final ActivityExecutionContext context;
  private final ScheduledExecutorService timer;
  private final long stallNanos;
  private volatile long records;
  private volatile long bases;
  private volatile long lastChange = System.nanoTime();

  Heartbeats(ActivityExecutionContext context, Duration every, Duration stallLimit) {
    this.context = context;
    this.stallNanos = stallLimit.toNanos();
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "sketch-heartbeat");
              t.setDaemon(true);
              return t;
            });
    timer.scheduleAtFixedRate(this::beat, 0, every.toMillis(), TimeUnit.MILLISECONDS);
  }

  void progress(long records, long bases) {
    if (bases != this.bases || records != this.records) {
      this.records = records;
      this.bases = bases;
      lastChange = System.nanoTime();
    }
  }

  private void beat() {
    if (System.nanoTime() - lastChange > stallNanos) {
      return;
    }
    try {
      context.heartbeat(new SketchHeartbeat(records, bases));
    } catch (RuntimeException cancelledOrGone) {
      // cancellation reaches the activity through its own thread (the process is killed there)
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
