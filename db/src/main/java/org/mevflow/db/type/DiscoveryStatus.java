package org.mevflow.db.type;

/** Lifecycle of one daily discovery run. */
public enum DiscoveryStatus {
  RUNNING,
  COMPLETED,
  FAILED
}
