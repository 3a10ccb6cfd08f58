package org.mevflow.workflows.signatures;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import java.time.Duration;
import org.mevflow.workflows.TaskQueues;

/**
 * Every timeout and retry policy of the signature workflows, in one place: records and look-ups on
 * the signatures queue, sketching on the queue for the run's size.
 */
final class SignatureOptions {
  private SignatureOptions() {}

  /** Runs up to this size (MB, NCBI's size_MB) go to sketch-small, then sketch-medium. */
  static final long SMALL_MB = 300;

  static final long MEDIUM_MB = 1600;

  static final ActivityOptions RECORDS =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofSeconds(30))
          .setScheduleToCloseTimeout(Duration.ofHours(1))
          .setRetryOptions(backoff(Duration.ofSeconds(1), Duration.ofMinutes(5), 20))
          .build();

  /** Reading and comparing whole signatures (up to a few GB for the largest runs). */
  static final ActivityOptions COMPARE =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofHours(1))
          .setRetryOptions(backoff(Duration.ofSeconds(10), Duration.ofMinutes(10), 5))
          .build();

  static final ActivityOptions LOOKUP =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofMinutes(2))
          .setScheduleToCloseTimeout(Duration.ofHours(2))
          .setRetryOptions(backoff(Duration.ofSeconds(10), Duration.ofMinutes(10), 10))
          .build();

  /**
   * Sketching: a heartbeat at least every 45 s (an attempt whose worker died is retried within a
   * minute or two, not at its time limit), a few attempts, a per-queue time limit.
   */
  static ActivityOptions sketchOn(String taskQueue) {
    Duration limit =
        switch (taskQueue) {
          case TaskQueues.SKETCH_SMALL -> Duration.ofHours(3);
          case TaskQueues.SKETCH_MEDIUM -> Duration.ofHours(12);
          case TaskQueues.SKETCH_LARGE -> Duration.ofHours(48);
          default -> Duration.ofHours(2);
        };
    return ActivityOptions.newBuilder()
        .setTaskQueue(taskQueue)
        .setStartToCloseTimeout(limit)
        .setHeartbeatTimeout(Duration.ofSeconds(45))
        .setRetryOptions(sketchRetry(FIRST_SKETCH_RETRY))
        .build();
  }

  /** A failed sketch is tried again after this, unless the worker says otherwise. */
  static final Duration FIRST_SKETCH_RETRY = Duration.ofMinutes(1);

  /**
   * A few attempts, the first retry {@code first} after a failure and each later one three times
   * longer (up to an hour); a missing run, an empty or malformed sequence, or a missing
   * implementation is final.
   */
  static RetryOptions sketchRetry(Duration first) {
    return RetryOptions.newBuilder()
        .setInitialInterval(first)
        .setBackoffCoefficient(3)
        .setMaximumInterval(Duration.ofHours(1))
        .setMaximumAttempts(4)
        .setDoNotRetry(
            SketchActivities.MISSING,
            SketchActivities.EMPTY,
            SketchActivities.MALFORMED,
            SketchActivities.UNAVAILABLE)
        .build();
  }

  private static RetryOptions backoff(Duration first, Duration max, int attempts) {
    return RetryOptions.newBuilder()
        .setInitialInterval(first)
        .setBackoffCoefficient(2)
        .setMaximumInterval(max)
        .setMaximumAttempts(attempts)
        .build();
  }

  static String queueFor(long sizeMb) {
    if (sizeMb <= SMALL_MB) {
      return TaskQueues.SKETCH_SMALL;
    }
    return sizeMb <= MEDIUM_MB ? TaskQueues.SKETCH_MEDIUM : TaskQueues.SKETCH_LARGE;
  }
}
