package org.mevflow.workflows;

import io.temporal.api.enums.v1.TimeoutType;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.failure.TimeoutFailure;
import java.util.Locale;

/**
 * What a failure means to the user who reads it; every workflow records its failures through this
 * one rule. The message is what the failing step said (the outermost application failure: "NCBI
 * runinfo for SRR1: ...") followed by its root cause when that adds something ("... : unknown host
 * eutils"); a timeout says what timed out instead of Temporal's wrapper text; a failure with no
 * message is named by its type, never "null".
 */
public final class Failures {
  private Failures() {}

  public static String reason(TemporalFailure failure) {
    ApplicationFailure said = null;
    Throwable deepest = failure;
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (said == null && t instanceof TimeoutFailure timeout) {
        Throwable last = timeout.getCause();
        return last == null ? timedOut(timeout) : timedOut(timeout) + "; last error: " + text(last);
      }
      if (said == null && t instanceof ApplicationFailure app) {
        said = app;
      }
      deepest = t;
    }
    if (said == null) {
      return text(deepest);
    }
    String outer = text(said);
    String root = text(deepest);
    return deepest == said || outer.contains(root) ? outer : outer + ": " + root;
  }

  private static String timedOut(TimeoutFailure timeout) {
    if (timeout.getTimeoutType() == TimeoutType.TIMEOUT_TYPE_HEARTBEAT) {
      return "the worker running it stopped (it died or lost Temporal) on every attempt";
    }
    // TIMEOUT_TYPE_START_TO_CLOSE -> "start to close"
    String type = timeout.getTimeoutType().name().substring("TIMEOUT_TYPE_".length());
    return "timed out (" + type.replace('_', ' ').toLowerCase(Locale.ROOT) + ")";
  }

  private static String text(Throwable t) {
    String m = t instanceof ApplicationFailure app ? app.getOriginalMessage() : t.getMessage();
    if (m != null && !m.isBlank()) {
      return m;
    }
    if (t instanceof ApplicationFailure app && app.getType() != null) {
      String type = app.getType();
      return type.substring(type.lastIndexOf('.') + 1);
    }
    return t.getClass().getSimpleName();
  }
}
