package org.mevflow.core.resources;

/** The verdict on a file for a type: valid (with what was learned), or why not. */
public record Validation(boolean valid, String message, int rows, int columns) {
  public static Validation ok(String message, int rows, int columns) {
    return new Validation(true, message, rows, columns);
  }

  public static Validation invalid(String message) {
    return new Validation(false, message, 0, 0);
  }
}
