package org.mevflow.workflows.analyses;

/** A Cromwell workflow's status, as its REST API words it. */
public enum CromwellStatus {
  ON_HOLD("On Hold"),
  SUBMITTED("Submitted"),
  RUNNING("Running"),
  ABORTING("Aborting"),
  SUCCEEDED("Succeeded"),
  FAILED("Failed"),
  ABORTED("Aborted");

  private final String word;

  CromwellStatus(String word) {
    this.word = word;
  }

  /** Cromwell's own word for it. */
  public String word() {
    return word;
  }

  /** True once Cromwell will do nothing more with the workflow. */
  public boolean isTerminal() {
    return this == SUCCEEDED || this == FAILED || this == ABORTED;
  }

  /** The status for Cromwell's word; an unknown word is an error, not a guess. */
  public static CromwellStatus of(String word) {
    for (CromwellStatus s : values()) {
      if (s.word.equalsIgnoreCase(word)) {
        return s;
      }
    }
    throw new IllegalArgumentException("not a Cromwell status: '" + word + "'");
  }
}
