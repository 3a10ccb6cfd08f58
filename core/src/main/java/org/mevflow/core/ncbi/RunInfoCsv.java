package org.mevflow.core.ncbi;

import java.util.ArrayList;
import java.util.List;
import org.mevflow.core.text.Delimited;
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

  /** The non-blank lines of the CSV, split into fields. */
  static List<List<String>> rows(String csv) {
    return csv.lines().filter(l -> !l.isBlank()).map(l -> Delimited.split(l, ',')).toList();
  }
}
