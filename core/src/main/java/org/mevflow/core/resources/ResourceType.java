package org.mevflow.core.resources;

import java.util.List;
import java.util.Optional;

/**
 * WebMEV's resource types: what a file is, so operations can require it. Tables are validated and
 * stored in one standard format; the others are checked for their own format.
 */
public enum ResourceType {
  MTX("Numeric table", "A table of numbers with row and column names.", Formats.TABLES),
  I_MTX("Integer table", "A table of whole numbers with row and column names.", Formats.TABLES),
  EXP_MTX(
      "Expression matrix",
      "A table of expression values: genes (rows) by samples (columns).",
      Formats.TABLES),
  RNASEQ_COUNT_MTX(
      "RNA-seq count matrix",
      "A table of non-negative read counts: genes (rows) by samples (columns).",
      Formats.TABLES),
  ANN(
      "Annotation table",
      "Sample annotations: one row per sample, one column per attribute.",
      Formats.TABLES),
  FT("Feature table", "A table of features (e.g. genes) and their attributes.", Formats.TABLES),
  BED3("BED3 file", "Genomic intervals: chromosome, start, end.", List.of("bed")),
  BED6("BED6 file", "Genomic intervals with name, score and strand.", List.of("bed")),
  FA(
      "FASTA file",
      "Sequences in FASTA format, plain or gzipped.",
      List.of("fasta", "fa", "fasta.gz", "fa.gz")),
  FQ(
      "FASTQ file",
      "Sequencing reads in FASTQ format, plain or gzipped.",
      List.of("fastq", "fq", "fastq.gz", "fq.gz")),
  JSON("JSON file", "A JSON document.", List.of("json")),
  ANY("General file", "Any file; not validated.", List.of("*"));

  private final String title;
  private final String description;
  private final List<String> formats;

  ResourceType(String title, String description, List<String> formats) {
    this.title = title;
    this.description = description;
    this.formats = formats;
  }

  /** The key WebMEV uses ("*" for {@link #ANY}). */
  public String key() {
    return this == ANY ? "*" : name();
  }

  public String title() {
    return title;
  }

  public String description() {
    return description;
  }

  public List<String> acceptableFormats() {
    return formats;
  }

  public boolean isTable() {
    return formats == Formats.TABLES;
  }

  public static Optional<ResourceType> fromKey(String key) {
    if ("*".equals(key)) {
      return Optional.of(ANY);
    }
    for (ResourceType t : values()) {
      if (t.name().equals(key)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }

  private static final class Formats {
    static final List<String> TABLES = List.of("tsv", "csv");
  }
}
