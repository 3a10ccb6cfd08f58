package org.mevflow.workflows;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import java.time.Duration;

/**
 * Options for activities that only write records (database rows): short attempts, retried with
 * backoff for up to an hour, so a database restart delays a workflow instead of failing it.
 */
public final class RecordOptions {
  public static final ActivityOptions RECORDS =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofMinutes(1))
          .setScheduleToCloseTimeout(Duration.ofHours(1))
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(Duration.ofSeconds(1))
                  .setMaximumInterval(Duration.ofMinutes(1))
                  .setMaximumAttempts(20)
                  .build())
          .build();

  private RecordOptions() {}
}
