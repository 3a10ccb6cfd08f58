package org.mevflow.workflows.signatures;

/**
 * Recompute a dataset's signature and compare it with a signature we hold: a user's submission
 * ({@link Subject#SUBMISSION}, id = submission id) or the served one ({@link Subject#SERVED}, id =
 * verification id; drift is recorded, nothing replaced).
 */
public record VerifyRequest(
    Subject subject, String id, String database, String accession, String signatureUri) {

  /** What is being verified. */
  public enum Subject {
    SUBMISSION,
    SERVED
  }

  public String workflowId() {
    return "verify-" + id;
  }
}
