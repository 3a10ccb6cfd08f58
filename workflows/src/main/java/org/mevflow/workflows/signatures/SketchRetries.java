package org.mevflow.workflows.signatures;

import io.temporal.activity.ActivityOptions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How soon a sketch whose attempt failed (its worker died: no heartbeat for 45 s; its stream broke)
 * is tried again, as a worker's own setting ({@code mevflow.signatures.sketch-retry-after}): the
 * sketch activities' retry policy with that first interval, for a worker to register with its
 * workflows ({@code WorkflowImplementationOptions.setActivityOptions}), where it takes precedence
 * over the policy the workflow's stub names. The workflows' code and histories are the same
 * whatever it is; only the waits between attempts differ.
 */
public final class SketchRetries {
  private SketchRetries() {}

  /** Every sketch activity's type (its method name, capitalised, as Temporal names it). */
  static final List<String> TYPES =
      List.of(
          "SketchRun", "SketchGenome", "RecomputeRun", "RecomputeGenome", "RecomputeWithSourmash");

  /** The sketch activities' options with the first retry {@code after} a failed attempt. */
  public static Map<String, ActivityOptions> after(Duration after) {
    return after(after, null);
  }

  /**
   * As {@link #after(Duration)}, and an attempt given up on after {@code heartbeatTimeout} without
   * a heartbeat (its worker died), when not null (the workflow's own 45 s otherwise).
   */
  public static Map<String, ActivityOptions> after(Duration after, Duration heartbeatTimeout) {
    if (after == null || after.isNegative() || after.isZero()) {
      throw new IllegalArgumentException("a sketch's retry interval must be positive: " + after);
    }
    ActivityOptions.Builder builder =
        ActivityOptions.newBuilder().setRetryOptions(SignatureOptions.sketchRetry(after));
    if (heartbeatTimeout != null) {
      builder.setHeartbeatTimeout(heartbeatTimeout);
    }
    ActivityOptions options = builder.build();
    Map<String, ActivityOptions> byType = new LinkedHashMap<>();
    TYPES.forEach(type -> byType.put(type, options));
    return byType;
  }
}
