package org.mevflow.activities.signatures;

import java.util.ArrayList;
import java.util.List;
import org.mevflow.workflows.signatures.RunInfo;

/**
 * NCBI's runinfo CSV ({@code efetch db=sra rettype=runinfo retmode=text}): a header row, then a row
 * per run. Fields may be quoted (RFC 4180); large answers repeat the header between chunks and
 * carry blank lines, which are skipped.
 */
final class RunInfoCsv {
  private RunInfoCsv() {}

  static List<RunInfo> parse(String csv) {
    List<RunInfo> runs = new ArrayList<>();
    List<List<String>> rows = rows(csv);
    if (rows.isEmpty() || !rows.get(0).contains("Run")) {
      return runs;
    }
    List<String> header = rows.get(0);
    int run = header.indexOf("Run");
    int size = header.indexOf("size_MB");
    int source = header.indexOf("LibrarySource");
    for (List<String> row : rows.subList(1, rows.size())) {
      if (row.size() <= run || row.get(run).isBlank() || row.equals(header)) {
        continue;
      }
      String mb = size >= 0 && size < row.size() ? row.get(size).strip() : "";
      runs.add(
          new RunInfo(
              row.get(run).strip(),
              true,
              mb.isEmpty() ? 0 : Long.parseLong(mb),
              source >= 0 && source < row.size() ? row.get(source) : null));
    }
    return runs;
  }

  /** Splits CSV text into rows of fields, honouring quotes (which may hold commas and newlines). */
  static List<List<String>> rows(String csv) {
    List<List<String>> rows = new ArrayList<>();
    List<String> row = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    boolean any = false;
    for (int i = 0; i < csv.length(); i++) {
      char c = csv.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          field.append(c);
        }
      } else if (c == '"') {
        quoted = true;
        any = true;
      } else if (c == ',') {
        row.add(field.toString());
        field.setLength(0);
        any = true;
      } else if (c == '\n' || c == '\r') {
        if (c == '\r' && i + 1 < csv.length() && csv.charAt(i + 1) == '\n') {
          i++;
        }
        if (any || field.length() > 0) {
          row.add(field.toString());
          rows.add(row);
        }
        row = new ArrayList<>();
        field.setLength(0);
        any = false;
      } else {
        field.append(c);
        any = true;
      }
    }
    if (any || field.length() > 0) {
      row.add(field.toString());
      rows.add(row);
    }
    return rows;
  }
}
