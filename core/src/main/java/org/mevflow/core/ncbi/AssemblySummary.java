package org.mevflow.core.ncbi;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.mevflow.db.GenomeRepository;

/**
 * NCBI's {@code assembly_summary.txt} (and {@code assembly_summary_genbank.txt}): tab-separated,
 * comment lines first, the header being the last comment ({@code #assembly_accession ...}). Read as
 * wort's {@code add_dataset_info_genomes.py} reads it: accession, organism, infraspecific name,
 * assembly name, and the FTP path, rebuilt from the accession and assembly name where NCBI gives
 * {@code na} (from the paired GenBank/RefSeq accession when it is identical), as wort does.
 */
public final class AssemblySummary {
  private AssemblySummary() {}

  /** A line that is not a row of the summary. */
  public static final class Malformed extends IOException {
    Malformed(String message) {
      super(message);
    }
  }

  /**
   * Reads every row of a summary file or download, gzipped or not, handing them to {@code sink} in
   * batches of {@code batch}; rows read.
   */
  public static long read(
      java.io.InputStream in, int batch, Consumer<List<GenomeRepository.Assembly>> sink)
      throws IOException {
    return read(
        new BufferedReader(
            new java.io.InputStreamReader(
                org.mevflow.core.text.Gzip.plain(in), java.nio.charset.StandardCharsets.UTF_8),
            1 << 16),
        batch,
        sink);
  }

  /** Reads every row, handing them to {@code sink} in batches of {@code batch}; rows read. */
  public static long read(
      BufferedReader in, int batch, Consumer<List<GenomeRepository.Assembly>> sink)
      throws IOException {
    String header = null;
    String line;
    List<String> columns = null;
    List<GenomeRepository.Assembly> rows = new ArrayList<>();
    long n = 0;
    int lineNo = 0;
    while ((line = in.readLine()) != null) {
      lineNo++;
      if (line.startsWith("#")) {
        header = line;
        continue;
      }
      if (line.isBlank()) {
        continue;
      }
      if (columns == null) {
        if (header == null) {
          throw new Malformed("line " + lineNo + ": no header line (#assembly_accession ...)");
        }
        columns = Arrays.asList(header.replaceFirst("^#+\\s*", "").split("\t", -1));
        for (String c : List.of("assembly_accession", "organism_name", "asm_name", "ftp_path")) {
          if (!columns.contains(c)) {
            throw new Malformed("the header has no column " + c);
          }
        }
      }
      String[] f = line.split("\t", -1);
      if (f.length < columns.size()) {
        throw new Malformed(
            "line " + lineNo + ": " + f.length + " fields where the header has " + columns.size());
      }
      rows.add(row(columns, f));
      n++;
      if (rows.size() >= batch) {
        sink.accept(List.copyOf(rows));
        rows.clear();
      }
    }
    if (!rows.isEmpty()) {
      sink.accept(List.copyOf(rows));
    }
    return n;
  }

  private static GenomeRepository.Assembly row(List<String> columns, String[] f) {
    String accession = f[columns.indexOf("assembly_accession")];
    String asm = f[columns.indexOf("asm_name")];
    String ftp = f[columns.indexOf("ftp_path")];
    int infra = columns.indexOf("infraspecific_name");
    if (ftp.equals("na")) {
      int paired = columns.indexOf("gbrs_paired_asm");
      int comp = columns.indexOf("paired_asm_comp");
      boolean identical = paired >= 0 && comp >= 0 && f[comp].equals("identical");
      ftp = directory(identical ? f[paired] : accession, asm);
    }
    return new GenomeRepository.Assembly(
        accession,
        f[columns.indexOf("organism_name")],
        infra >= 0 ? f[infra] : "",
        asm,
        ftp.replaceFirst("^ftp://", "https://"),
        "SUMMARY");
  }

  /**
   * NCBI's folder of an assembly: {@code .../genomes/all/GCA/000/005/845/GCA_000005845.2_ASM584v2}.
   */
  static String directory(String accession, String asmName) {
    String[] parts = accession.split("_", 2);
    String digits = parts[1].split("\\.", 2)[0];
    StringBuilder path =
        new StringBuilder("https://ftp.ncbi.nlm.nih.gov/genomes/all/").append(parts[0]);
    for (int i = 0; i < digits.length(); i += 3) {
      path.append('/').append(digits, i, Math.min(i + 3, digits.length()));
    }
    return path + "/" + accession + "_" + asmName.replace(' ', '_');
  }

  /**
   * The signature name wort gives an assembly: {@code "<accession> <organism>[ <infraspecific
   * name>], <assembly name>"}, at most 128 characters. As wort's script, the infraspecific name is
   * left out only when empty (NCBI's {@code na} is kept, as wort keeps it).
   */
  public static String signatureName(GenomeRepository.Assembly a) {
    StringBuilder name = new StringBuilder(a.accession()).append(' ').append(a.organismName());
    if (!a.infraspecificName().isEmpty()) {
      name.append(' ').append(a.infraspecificName());
    }
    name.append(", ").append(a.asmName());
    return name.length() > 128 ? name.substring(0, 128) : name.toString();
  }

  /** The {@code _genomic.fna.gz} URL in an assembly's folder. */
  public static String genomicUrl(String ftpPath) {
    String https = ftpPath.replaceFirst("^ftp://", "https://");
    String last = https.substring(https.lastIndexOf('/') + 1);
    return https + "/" + last + "_genomic.fna.gz";
  }
}
