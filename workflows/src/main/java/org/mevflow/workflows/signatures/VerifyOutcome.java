package org.mevflow.workflows.signatures;

/** The verdict, with a reason a person can read. */
public record VerifyOutcome(Verdict verdict, String reason) {
  /** MATCH: every sketch of ours equals the one held; MISMATCH: some differ. */
  public enum Verdict {
    MATCH,
    MISMATCH,
    UNVERIFIABLE
  }
}
