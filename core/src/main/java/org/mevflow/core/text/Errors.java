package org.mevflow.core.text;

/**
 * An exception as a reason a person can read: its message, or, when it has none (a connection
 * refused, an unresolved address), its innermost cause's, named by class, so that no reason is ever
 * "null".
 */
public final class Errors {
  private Errors() {}

  public static String describe(Throwable t) {
    if (t == null) {
      return "unknown error";
    }
    String message = t.getMessage();
    if (message != null && !message.isBlank()) {
      return message;
    }
    Throwable innermost = t;
    for (int depth = 0;
        innermost.getCause() != null && innermost.getCause() != innermost;
        depth++) {
      innermost = innermost.getCause();
      if (depth > 20) {
        break;
      }
    }
    String inner = innermost.getMessage();
    String name = innermost.getClass().getSimpleName();
    return inner == null || inner.isBlank() ? name : name + ": " + inner;
  }
}
