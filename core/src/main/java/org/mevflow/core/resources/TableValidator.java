package org.mevflow.core.resources;

import java.io.IOException;
import java.io.Writer;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.mevflow.core.text.Delimited;
import org.mevflow.core.text.DistinctNames;
import org.mevflow.core.text.LineReader;

/**
 * Checks a table (TSV or CSV) against a WebMEV table type and writes it out as the standard format
 * (TSV, first column = row names). Errors name the line and column: {@code line 7, column 's3':
 * 'abc' is not a number}.
 */
public final class TableValidator {
  /**
   * Rows a table may have: WebMEV's matrices have tens of thousands (genes), feature tables up to a
   * few million; the bound keeps the duplicate check of row names within 128 MB.
   */
  public static final int MAX_ROWS = 5_000_000;

  private TableValidator() {}

  /**
   * Validates {@code in} as {@code type} in {@code format} ("tsv" or "csv"), writing TSV to out.
   * Work and memory are bounded: each line by {@link LineReader}'s bound, the rows by {@link
   * #MAX_ROWS}, row names held as hashes.
   */
  public static Validation validate(LineReader in, ResourceType type, String format, Writer out)
      throws IOException {
    char sep = "csv".equalsIgnoreCase(format) ? ',' : '\t';
    String header = in.readLine();
    while (header != null && header.isBlank()) {
      header = in.readLine();
    }
    if (header == null) {
      return Validation.invalid("the file is empty");
    }
    long headerLine = in.number();
    List<String> columns = Delimited.split(header, sep);
    if (columns.size() < 2) {
      return Validation.invalid(
          "line "
              + headerLine
              + ": a table needs a column of row names and at least one data column"
              + (sep == '\t' ? " (is it comma-separated? choose CSV)" : ""));
    }
    Set<String> seenColumns = new HashSet<>();
    for (int c = 1; c < columns.size(); c++) {
      if (columns.get(c).isBlank()) {
        return Validation.invalid(
            "line " + headerLine + ", column " + (c + 1) + ": the column has no name");
      }
      if (!seenColumns.add(columns.get(c))) {
        return Validation.invalid(
            "line " + headerLine + ": column '" + columns.get(c) + "' appears twice");
      }
    }
    write(out, columns);
    DistinctNames rowNames = new DistinctNames();
    int rows = 0;
    String line;
    while ((line = in.readLine()) != null) {
      long lineNo = in.number();
      if (line.isBlank()) {
        continue;
      }
      List<String> cells = Delimited.split(line, sep);
      if (cells.size() != columns.size()) {
        return Validation.invalid(
            "line "
                + lineNo
                + ": "
                + cells.size()
                + " fields, but the header has "
                + columns.size());
      }
      String name = cells.get(0);
      if (name.isBlank()) {
        return Validation.invalid("line " + lineNo + ": the row has no name");
      }
      if (rows >= MAX_ROWS) {
        return Validation.invalid(
            "line " + lineNo + ": the table has more than " + MAX_ROWS + " rows, the limit");
      }
      if (!rowNames.add(name)) {
        return Validation.invalid("line " + lineNo + ": row name '" + name + "' appears twice");
      }
      for (int c = 1; c < cells.size(); c++) {
        String problem = check(type, cells.get(c));
        if (problem != null) {
          return Validation.invalid(
              "line "
                  + lineNo
                  + ", column '"
                  + columns.get(c)
                  + "': '"
                  + cells.get(c)
                  + "' "
                  + problem);
        }
      }
      write(out, cells);
      rows++;
    }
    if (rows == 0) {
      return Validation.invalid("the table has a header but no rows");
    }
    return Validation.ok(
        rows + " rows, " + (columns.size() - 1) + " columns", rows, columns.size() - 1);
  }

  /** Why a value does not fit the type, or null if it does. */
  private static String check(ResourceType type, String value) {
    String v = value.strip();
    switch (type) {
      case MTX, EXP_MTX, NS -> {
        return missing(v) || isNumber(v) ? null : "is not a number";
      }
      case I_MTX -> {
        return missing(v) || isInteger(v) ? null : "is not a whole number";
      }
      case RNASEQ_COUNT_MTX -> {
        if (!isInteger(v)) {
          return "is not a count (a whole number)";
        }
        return Long.parseLong(v.startsWith("+") ? v.substring(1) : v) < 0 ? "is negative" : null;
      }
      default -> {
        return null;
      }
    }
  }

  private static boolean missing(String v) {
    return v.isEmpty() || v.equalsIgnoreCase("NA") || v.equalsIgnoreCase("NaN");
  }

  private static boolean isNumber(String v) {
    try {
      double d = Double.parseDouble(v);
      return !Double.isNaN(d) || v.equalsIgnoreCase("NaN");
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static boolean isInteger(String v) {
    return v.matches("[+-]?\\d{1,18}");
  }

  private static void write(Writer out, List<String> cells) throws IOException {
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        out.write('\t');
      }
      out.write(cells.get(i).replace('\t', ' '));
    }
    out.write('\n');
  }
}
