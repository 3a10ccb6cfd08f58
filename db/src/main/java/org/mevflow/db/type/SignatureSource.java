package org.mevflow.db.type;

/** Where the served signature of a dataset came from. */
public enum SignatureSource {
  COMPUTED,
  SUBMITTED
}
