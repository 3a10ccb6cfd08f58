package org.mevflow.db.type;

/** Where an operation runs. */
public enum Runner {
  LOCAL,
  CROMWELL
}
