package org.mevflow.core.resources;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.mevflow.core.sketch.SequenceCheck;
import org.mevflow.core.text.Gzip;
import org.mevflow.core.text.LineReader;

/**
 * Whether a file is what its owner says it is. Tables are also rewritten into the standard format
 * (TSV) at {@code standardOut}; other types are kept as uploaded.
 */
public final class ResourceValidator {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What a file of a type without a recognisable format is told. */
  public static final String STORED_UNVALIDATED =
      "stored unvalidated: a general file's format is not checked";

  /**
   * How far an uploaded FASTA or FASTQ may expand: sequencing data compresses 3 to 10 times, a
   * genome of repeats a few dozen; 200 times is a bomb. At most 64 GiB once decompressed.
   */
  static final Gzip.Budget SEQUENCES =
      new Gzip.Budget(64L << 30, 200, "the sequence file", "sequences do not compress that well");

  private ResourceValidator() {}

  public static Validation validate(Path file, ResourceType type, String format, Path standardOut)
      throws IOException {
    try {
      return check(file, type, format, standardOut);
    } catch (LineReader.LineTooLongException | Gzip.TooLarge e) {
      return Validation.invalid(e.getMessage());
    }
  }

  private static Validation check(Path file, ResourceType type, String format, Path standardOut)
      throws IOException {
    if (type.isTable()) {
      String f = format == null ? "" : format.toLowerCase(Locale.ROOT);
      if (!type.accepts(f)) {
        return Validation.invalid(
            type.title()
                + " files must be one of "
                + type.acceptableFormats()
                + ", not '"
                + format
                + "'");
      }
      try (LineReader in = LineReader.open(file);
          Writer out = Files.newBufferedWriter(standardOut, StandardCharsets.UTF_8)) {
        return TableValidator.validate(in, type, f, out);
      } catch (java.nio.charset.MalformedInputException e) {
        return Validation.invalid(
            "the file is not text (UTF-8): is it a spreadsheet or binary file?");
      }
    }
    return switch (type) {
      case BED3 -> bed(file, 3);
      case BED6 -> bed(file, 6);
      case NRWPK -> bed(file, 10);
      case FA, FQ -> sequences(file, type);
      case JSON -> json(file);
      case ALN -> BinaryFormats.bam(file);
      case BAI -> BinaryFormats.bai(file);
      case BIGWIG -> BinaryFormats.bigWig(file);
      case WIG -> GenomeTracks.wig(file);
      case BEDGRAPH -> GenomeTracks.bedGraph(file);
      case ANY -> Validation.ok(STORED_UNVALIDATED, 0, 0);
      default -> throw new IllegalStateException("no check for " + type);
    };
  }

  private static Validation bed(Path file, int fields) throws IOException {
    int lineNo = 0;
    int rows = 0;
    try (LineReader in = LineReader.open(file)) {
      String line;
      while ((line = in.readLine()) != null) {
        lineNo++;
        if (line.isBlank()
            || line.startsWith("#")
            || line.startsWith("track")
            || line.startsWith("browser")) {
          continue;
        }
        String[] f = line.split("\t", -1);
        if (f.length < fields) {
          return Validation.invalid(
              "line "
                  + lineNo
                  + ": "
                  + f.length
                  + " tab-separated fields, BED"
                  + fields
                  + " needs "
                  + fields);
        }
        long start;
        long end;
        try {
          start = Long.parseLong(f[1].strip());
          end = Long.parseLong(f[2].strip());
        } catch (NumberFormatException e) {
          return Validation.invalid("line " + lineNo + ": start and end must be whole numbers");
        }
        if (start < 0 || end < start) {
          return Validation.invalid(
              "line "
                  + lineNo
                  + ": start "
                  + start
                  + " and end "
                  + end
                  + " do not make an interval");
        }
        if (fields >= 6) {
          if (!f[4].strip().matches("[+-]?\\d+(\\.\\d+)?")) {
            return Validation.invalid("line " + lineNo + ": score '" + f[4] + "' is not a number");
          }
          if (!f[5].strip().matches("[+.-]")) {
            return Validation.invalid(
                "line " + lineNo + ": strand '" + f[5] + "' must be +, - or .");
          }
        }
        if (fields == 10) {
          String why = narrowPeak(f);
          if (why != null) {
            return Validation.invalid("line " + lineNo + ": " + why);
          }
        }
        rows++;
      }
    } catch (java.nio.charset.MalformedInputException e) {
      return Validation.invalid("the file is not text (UTF-8)");
    }
    return rows == 0
        ? Validation.invalid("no intervals in the file")
        : Validation.ok(rows + " intervals", rows, fields);
  }

  /** NarrowPeak's columns 7-10: signal value, -log10 p and q (or -1), peak offset (or -1). */
  private static String narrowPeak(String[] f) {
    String[] names = {"signalValue", "pValue", "qValue"};
    for (int i = 0; i < 3; i++) {
      if (!f[6 + i].strip().matches("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?")) {
        return names[i] + " '" + f[6 + i] + "' is not a number";
      }
    }
    if (!f[9].strip().matches("-1|\\d+")) {
      return "peak '" + f[9] + "' must be an offset (a whole number) or -1";
    }
    return null;
  }

  private static Validation sequences(Path file, ResourceType type) throws IOException {
    SequenceCheck.Summary s;
    try (InputStream in = Files.newInputStream(file)) {
      s = SequenceCheck.read(in, SEQUENCES);
    } catch (org.mevflow.core.sketch.SequenceFormatException e) {
      return Validation.invalid(e.getMessage());
    }
    String expected = type == ResourceType.FA ? "FASTA" : "FASTQ";
    if (!expected.equals(s.format())) {
      return Validation.invalid("the file is " + s.format() + ", not " + expected);
    }
    return Validation.ok(
        s.records() + " records, " + s.bases() + " bases",
        (int) Math.min(Integer.MAX_VALUE, s.records()),
        0);
  }

  /**
   * Read through as tokens, never held as a tree: the work is one pass and the memory one token,
   * whatever the file (Jackson's own bounds refuse nesting deeper than 1000 and numbers or names
   * beyond their limits).
   */
  private static Validation json(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file);
        com.fasterxml.jackson.core.JsonParser p = JSON.getFactory().createParser(in)) {
      if (p.nextToken() == null) {
        return Validation.invalid("not valid JSON: the file is empty");
      }
      p.skipChildren();
      if (p.nextToken() != null) {
        return Validation.invalid(
            "not valid JSON: more content after the first value (line "
                + p.currentLocation().getLineNr()
                + ")");
      }
      return Validation.ok("valid JSON", 0, 0);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return Validation.invalid("not valid JSON: " + e.getOriginalMessage());
    }
  }
}
