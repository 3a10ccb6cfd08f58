package org.mevflow.db.type;

/** Lifecycle of a user-submitted signature. */
public enum SubmissionStatus {
  PENDING,
  VERIFYING,
  VERIFIED,
  REJECTED,
  UNVERIFIABLE
}
