package org.mevflow.core.resources;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * WebMEV's resource types, with WebMEV's keys and titles and the formats WebMEV accepts for each
 * (as {@code GET /api/resource-types/} lists them). Tables are validated and stored as TSV; the
 * other types are checked for their own format where it can be recognised, and stored unvalidated
 * (saying so) where it cannot.
 */
public enum ResourceType {
  FQ("Fastq", "Sequencing reads in FASTQ format, plain or gzipped.", Format.FQ),
  FA("Fasta", "Sequences in FASTA format, plain or gzipped.", Format.FA),
  ALN("Alignment (SAM/BAM)", "Aligned reads in BAM format.", Format.BAM),
  BAI("BAM Index", "The index (.bai) of a BAM file.", Format.ANY),
  FT(
      "Feature table",
      "Features (for example genes) in the first column, their attributes in the others.",
      Format.TABLES),
  MTX(
      "Numeric table",
      "Numbers, with row names in the first column and column names in the first line.",
      Format.TABLES),
  I_MTX(
      "Integer table",
      "Whole numbers, with row names in the first column and column names in the first line.",
      Format.TABLES),
  EXP_MTX(
      "Expression matrix", "Expression values: genes in rows, samples in columns.", Format.TABLES),
  RNASEQ_COUNT_MTX(
      "RNA-seq count matrix",
      "Non-negative read counts: genes in rows, samples in columns.",
      Format.TABLES),
  NS(
      "Network descriptor",
      "A network as a numeric table: nodes name the rows and the columns, each cell says how the"
          + " two are connected.",
      Format.TABLES),
  ANN(
      "Annotation table",
      "Sample annotations: sample names in the first column, one attribute per other column.",
      Format.TABLES),
  BED3("BED3-format file", "Genomic intervals: chromosome, start, end; no header.", Format.BED),
  BED6("BED6-format file", "Genomic intervals with name, score and strand; no header.", Format.BED),
  NRWPK(
      "NarrowPeak (BED6+4) format file",
      "Peaks: BED6 plus signal value, p-value, q-value and peak offset; no header.",
      Format.BED),
  WIG("WIG (wiggle) format", "Dense continuous data along a genome, as text.", Format.ANY),
  BIGWIG(
      "BigWIG (compressed wiggle) format",
      "Dense continuous data along a genome, binary and indexed.",
      Format.ANY),
  BEDGRAPH(
      "BedGraph format",
      "Sparse continuous data along a genome: chromosome, start, end, value.",
      Format.ANY),
  JSON("JSON-format file", "A JSON document.", Format.JSON),
  ANY("General file", "Any file; not validated.", Format.ANY);

  /** A file format as WebMEV offers it: its key and what it means. */
  public record FileFormat(String key, String description) {}

  private final String title;
  private final String description;
  private final List<FileFormat> formats;

  ResourceType(String title, String description, List<FileFormat> formats) {
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

  /** The formats a file of this type may be given in, first the standard one. */
  public List<FileFormat> formats() {
    return formats;
  }

  /** Their keys. */
  public List<String> acceptableFormats() {
    return formats.stream().map(FileFormat::key).toList();
  }

  /** Whether a format key is acceptable ("*" takes any). */
  public boolean accepts(String format) {
    for (FileFormat f : formats) {
      if (f.key().equals("*") || f.key().equalsIgnoreCase(format)) {
        return true;
      }
    }
    return false;
  }

  public boolean isTable() {
    return formats == Format.TABLES;
  }

  /** A row of an example table: its name and its values by column. */
  public record ExampleRow(String rowname, Map<String, Object> values) {}

  /**
   * A few rows showing what a table of this type holds (the front end's type dialog shows them);
   * null for the types that are not tables.
   */
  public List<ExampleRow> example() {
    return switch (this) {
      case MTX, EXP_MTX ->
          List.of(
              row("TP53", "sample_A", 4.21, "sample_B", 3.9),
              row("EGFR", "sample_A", 0.5, "sample_B", 12.75));
      case I_MTX, RNASEQ_COUNT_MTX ->
          List.of(
              row("TP53", "sample_A", 421, "sample_B", 390),
              row("EGFR", "sample_A", 5, "sample_B", 1275));
      case NS ->
          List.of(row("geneA", "geneA", 0, "geneB", 1), row("geneB", "geneA", 1, "geneB", 0));
      case ANN ->
          List.of(
              row("sample_A", "condition", "control", "age", 61),
              row("sample_B", "condition", "treated", "age", 47));
      case FT ->
          List.of(
              row("TP53", "log2FoldChange", -1.2, "padj", 0.003),
              row("EGFR", "log2FoldChange", 2.4, "padj", 0.0001));
      default -> null;
    };
  }

  private static ExampleRow row(String name, String c1, Object v1, String c2, Object v2) {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put(c1, v1);
    values.put(c2, v2);
    return new ExampleRow(name, values);
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

  private static final class Format {
    static final FileFormat CSV_F = new FileFormat("csv", "Comma-separated values.");
    static final FileFormat TSV_F = new FileFormat("tsv", "Tab-separated values.");
    static final List<FileFormat> TABLES = List.of(TSV_F, CSV_F);
    static final List<FileFormat> BED = List.of(TSV_F);
    static final List<FileFormat> FA =
        List.of(new FileFormat("fa", "FASTA sequences (.fa, .fasta), plain or gzipped."));
    static final List<FileFormat> FQ =
        List.of(new FileFormat("fq", "FASTQ reads (.fq, .fastq), plain or gzipped."));
    static final List<FileFormat> BAM =
        List.of(new FileFormat("bam", "Binary alignments (BAM, the compressed form of SAM)."));
    static final List<FileFormat> JSON =
        List.of(new FileFormat("json", "A JSON document (JavaScript object notation)."));
    static final List<FileFormat> ANY =
        List.of(
            new FileFormat(
                "*", "Any format: the type itself says what the file is, or nothing is assumed."));
  }
}
