package org.mevflow.activities.analyses;

import io.temporal.activity.ActivityExecutionContext;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Heartbeats from a thread of its own, every {@code every}, while a step runs that cannot beat
 * itself (copying a job's outputs): the activity's heartbeat timeout then notices a worker that
 * died, or a task that never reached one, within a minute instead of at the attempt's limit.
 */
final class Ticker implements AutoCloseable {
  static final Duration EVERY = Duration.ofSeconds(10);

  private final ScheduledExecutorService timer;

  Ticker(ActivityExecutionContext context, Duration every) {
    timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "activity-heartbeat");
              t.setDaemon(true);
              return t;
            });
    timer.scheduleAtFixedRate(
        () -> {
          try {
            context.heartbeat(null);
          } catch (RuntimeException cancelledOrGone) {
            // cancellation reaches the activity through its own calls; nothing to do here
          }
        },
        0,
        every.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
