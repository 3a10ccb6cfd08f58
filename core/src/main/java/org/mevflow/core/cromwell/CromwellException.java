package org.mevflow.core.cromwell;

/**
 * A Cromwell call that did not succeed, classified for retrying: a server error or a broken
 * connection may pass ({@link #retryable()}), a refusal (4xx) or an unknown workflow will not.
 */
public class CromwellException extends RuntimeException {
  private final int status;
  private final boolean retryable;

  public CromwellException(String message, int status, boolean retryable, Throwable cause) {
    super(message, cause);
    this.status = status;
    this.retryable = retryable;
  }

  /** The HTTP status, or 0 when no answer came. */
  public int status() {
    return status;
  }

  public boolean retryable() {
    return retryable;
  }

  public boolean notFound() {
    return status == 404;
  }
}
