package org.mevflow.workflows.signatures;

/** How a sketch workflow ended: COMPUTED (with the signature), MISSING, or FAILED. */
public record SketchOutcome(Status status, String detail, SketchedSignature signature) {
  /** The end states a sketch workflow can record. */
  public enum Status {
    COMPUTED,
    MISSING,
    FAILED
  }
}
