package org.mevflow.core.resources;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.Path;
import org.mevflow.core.text.LineReader;

/**
 * Text genome tracks, checked line by line as UCSC defines them: WIG ({@code variableStep} and
 * {@code fixedStep} sections with their data lines) and bedGraph (chromosome, start, end, value).
 * {@code track} and {@code browser} lines and {@code #} comments are allowed in both.
 */
final class GenomeTracks {
  private static final String NUMBER =
      "[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?|[+-]?(nan|NaN)";

  private GenomeTracks() {}

  private static boolean header(String line) {
    return line.isBlank()
        || line.startsWith("#")
        || line.startsWith("track")
        || line.startsWith("browser");
  }

  static Validation wig(Path file) throws IOException {
    int lineNo = 0;
    int values = 0;
    String section = null; // "variableStep" or "fixedStep"
    try (LineReader in = LineReader.open(file)) {
      String line;
      while ((line = in.readLine()) != null) {
        lineNo++;
        if (header(line)) {
          continue;
        }
        String s = line.strip();
        if (s.startsWith("variableStep") || s.startsWith("fixedStep")) {
          section = s.startsWith("variableStep") ? "variableStep" : "fixedStep";
          if (!s.matches(".*\\bchrom=\\S+.*")) {
            return Validation.invalid("line " + lineNo + ": " + section + " needs chrom=");
          }
          if (section.equals("fixedStep") && !s.matches(".*\\bstart=\\d+.*")) {
            return Validation.invalid("line " + lineNo + ": fixedStep needs start=");
          }
          continue;
        }
        if (section == null) {
          return Validation.invalid(
              "line " + lineNo + ": data before any variableStep or fixedStep line");
        }
        String[] f = s.split("\\s+");
        boolean ok =
            section.equals("variableStep")
                ? f.length == 2 && f[0].matches("\\d+") && f[1].matches(NUMBER)
                : f.length == 1 && f[0].matches(NUMBER);
        if (!ok) {
          return Validation.invalid(
              "line "
                  + lineNo
                  + ": a "
                  + section
                  + " data line is "
                  + (section.equals("variableStep") ? "a position and a value" : "one value"));
        }
        values++;
      }
    } catch (MalformedInputException e) {
      return Validation.invalid("the file is not text (UTF-8)");
    }
    return values == 0
        ? Validation.invalid("no data lines in the file")
        : Validation.ok(values + " values", values, 0);
  }

  static Validation bedGraph(Path file) throws IOException {
    int lineNo = 0;
    int rows = 0;
    try (LineReader in = LineReader.open(file)) {
      String line;
      while ((line = in.readLine()) != null) {
        lineNo++;
        if (header(line)) {
          continue;
        }
        String[] f = line.strip().split("\\s+");
        if (f.length != 4) {
          return Validation.invalid(
              "line "
                  + lineNo
                  + ": "
                  + f.length
                  + " fields; bedGraph has chrom, start, end, value");
        }
        if (!f[1].matches("\\d+") || !f[2].matches("\\d+")) {
          return Validation.invalid("line " + lineNo + ": start and end must be whole numbers");
        }
        if (Long.parseLong(f[2]) < Long.parseLong(f[1])) {
          return Validation.invalid("line " + lineNo + ": end is before start");
        }
        if (!f[3].matches(NUMBER)) {
          return Validation.invalid("line " + lineNo + ": value '" + f[3] + "' is not a number");
        }
        rows++;
      }
    } catch (MalformedInputException e) {
      return Validation.invalid("the file is not text (UTF-8)");
    }
    return rows == 0
        ? Validation.invalid("no intervals in the file")
        : Validation.ok(rows + " intervals", rows, 4);
  }
}
