package org.mevflow.db.type;

/**
 * The public databases whose datasets mevflow serves signatures for, as wort names them in its
 * paths: SRA runs and GenBank/RefSeq assemblies are computed; IMG genomes (whose sequences are not
 * public) only served from submissions.
 */
public enum PublicDb {
  SRA,
  GENOMES,
  IMG
}
