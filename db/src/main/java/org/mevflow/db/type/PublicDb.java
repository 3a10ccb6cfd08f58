package org.mevflow.db.type;

/** The public databases whose datasets mevflow sketches. */
public enum PublicDb {
  SRA,
  GENOMES
}
