package org.mevflow.db.type;

/** Lifecycle of a dataset's signature. */
public enum DatasetStatus {
  QUEUED,
  COMPUTING,
  COMPUTED,
  MISSING,
  FAILED
}
