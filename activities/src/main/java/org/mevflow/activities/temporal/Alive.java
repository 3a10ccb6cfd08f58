package org.mevflow.activities.temporal;

import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Heartbeats, from their own thread, for as long as an activity's work runs (try-with-resources):
 * with a short heartbeat timeout, an attempt whose worker died is retried within seconds instead of
 * after its whole start-to-close timeout.
 */
public final class Alive implements AutoCloseable {
  static final Duration EVERY = Duration.ofSeconds(5);

  private final ScheduledExecutorService timer;

  private Alive(ActivityExecutionContext context) {
    this.timer =
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
            // the attempt ends through its own thread; the timer stops with it
          }
        },
        0,
        EVERY.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  /** Starts heartbeating for the current activity. */
  public static Alive whileWorking() {
    return new Alive(Activity.getExecutionContext());
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
