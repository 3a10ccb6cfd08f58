package org.mevflow.db.type;

import java.util.Locale;

/**
 * The kinds of job mevflow runs, as operators name them: in {@code ./mevflow jobs --kind}, in
 * {@code /api/admin/jobs/?kind=} and in the {@code MevflowKind} search attribute.
 */
public enum JobKind {
  ANALYSIS,
  SKETCH,
  VERIFY,
  VALIDATE,
  DISCOVERY;

  /** As operators type it: {@code MevflowKind = 'sketch'}. */
  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The kind an operator typed, in any case. */
  public static JobKind named(String word) {
    for (JobKind k : values()) {
      if (k.name().equalsIgnoreCase(word)) {
        return k;
      }
    }
    throw new IllegalArgumentException(
        "unknown kind '" + word + "'; known: analysis, sketch, verify, validate, discovery");
  }
}
