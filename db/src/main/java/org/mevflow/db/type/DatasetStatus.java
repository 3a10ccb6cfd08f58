package org.mevflow.db.type;

/**
 * Lifecycle of a dataset's signature. {@link #SUBMITTED}: known only from a user's submission,
 * nothing asked to compute it (a compute request makes it {@link #QUEUED}).
 */
public enum DatasetStatus {
  QUEUED,
  COMPUTING,
  COMPUTED,
  MISSING,
  FAILED,
  SUBMITTED
}
