package org.mevflow.workflows;

import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TemporalFailure;

/** What a failure means to the user who reads it. */
public final class Failures {
  private Failures() {}

  /** The innermost message: what actually went wrong, not the chain of wrappers. */
  public static String innermost(TemporalFailure failure) {
    Throwable t = failure;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    String message =
        t instanceof ApplicationFailure app ? app.getOriginalMessage() : t.getMessage();
    return message == null ? t.getClass().getSimpleName() : message;
  }
}
