package org.mevflow.workflows.signatures;

/** What NCBI says of an SRA run: whether it exists, its size, and its library source. */
public record RunInfo(String accession, boolean found, long sizeMb, String librarySource) {}
