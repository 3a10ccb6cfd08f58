package org.mevflow.db.type;

/** Outcome of re-verifying a served signature. */
public enum VerificationStatus {
  RUNNING,
  MATCH,
  DRIFT,
  UNVERIFIABLE,
  FAILED
}
