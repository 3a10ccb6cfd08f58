package org.mevflow.workflows.discovery;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

/**
 * wort's three searches of SRA for runs published on a day or later ({@code [PDAT]}): genomic runs
 * other than animals' and plants', metagenomes, and metatranscriptomes; amplicons left out.
 */
public enum DiscoveryQuery {
  GENOMIC(
      "AND \"biomol dna\"[Properties] NOT amplicon[All Fields] NOT \"Metazoa\"[orgn:__txid33208]"
          + " NOT \"Streptophyta\"[orgn:__txid35493] NOT \"METAGENOMIC\"[Source]"),
  METAGENOMIC("NOT amplicon[All Fields] AND \"METAGENOMIC\"[Source]"),
  METATRANSCRIPTOMIC("NOT amplicon[All Fields] AND \"METATRANSCRIPTOMIC\"[Source]");

  private static final DateTimeFormatter PDAT = DateTimeFormatter.ofPattern("yyyy/MM/dd");

  private final String filter;

  DiscoveryQuery(String filter) {
    this.filter = filter;
  }

  /** The E-utilities term for runs published on {@code day} or later. */
  public String term(LocalDate day) {
    return "(\"" + PDAT.format(day) + "\"[PDAT] : \"3000\"[PDAT]) " + filter;
  }
}
