package org.mevflow.activities.signatures;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.mevflow.workflows.signatures.RunInfo;

/**
 * NCBI's E-utilities, as wort uses them: runinfo for an SRA run's size, and the assembly summary
 * for a genome's FTP path. Base URL configurable (tests serve recorded answers over loopback).
 */
public final class Ncbi {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http;
  private final String base;
  private final String apiKey;
  private final Duration timeout;

  public Ncbi(HttpClient http, String eutilsBase, String apiKey, Duration timeout) {
    this.http = http;
    this.base = eutilsBase.endsWith("/") ? eutilsBase : eutilsBase + "/";
    this.apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey;
    this.timeout = timeout;
  }

  /** {@code efetch db=sra rettype=runinfo}: the row whose Run is the accession, if any. */
  public RunInfo runInfo(String accession) throws IOException {
    String csv = get("efetch.fcgi?db=sra&rettype=runinfo&retmode=text&id=" + encode(accession));
    String[] lines = csv.split("\r?\n");
    if (lines.length < 2 || !lines[0].startsWith("Run,")) {
      return new RunInfo(accession, false, 0, null);
    }
    String[] header = lines[0].split(",", -1);
    int run = indexOf(header, "Run");
    int size = indexOf(header, "size_MB");
    int source = indexOf(header, "LibrarySource");
    for (int i = 1; i < lines.length; i++) {
      String[] row = lines[i].split(",", -1);
      if (row.length > Math.max(run, size) && row[run].equals(accession)) {
        long mb = row[size].isBlank() ? 0 : Long.parseLong(row[size].strip());
        return new RunInfo(
            accession, true, mb, source >= 0 && source < row.length ? row[source] : null);
      }
    }
    return new RunInfo(accession, false, 0, null);
  }

  /**
   * The {@code _genomic.fna.gz} URL of an assembly ({@code esearch} then {@code esummary} on
   * db=assembly): GenBank's FTP path for GCA_, RefSeq's for GCF_, served over HTTPS.
   */
  public Optional<String> genomeUrl(String accession) throws IOException {
    JsonNode search =
        JSON.readTree(
            get(
                "esearch.fcgi?db=assembly&retmode=json&term="
                    + encode(accession + "[Assembly Accession]")));
    JsonNode ids = search.path("esearchresult").path("idlist");
    if (!ids.isArray() || ids.isEmpty()) {
      return Optional.empty();
    }
    String id = ids.get(0).asText();
    JsonNode doc =
        JSON.readTree(get("esummary.fcgi?db=assembly&retmode=json&id=" + encode(id)))
            .path("result")
            .path(id);
    String path =
        accession.startsWith("GCF_")
            ? doc.path("ftppath_refseq").asText("")
            : doc.path("ftppath_genbank").asText("");
    if (path.isBlank()) {
      return Optional.empty();
    }
    String https = path.replaceFirst("^ftp://", "https://");
    String last = https.substring(https.lastIndexOf('/') + 1);
    return Optional.of(https + "/" + last + "_genomic.fna.gz");
  }

  private String get(String query) throws IOException {
    String url = base + query + (apiKey == null ? "" : "&api_key=" + encode(apiKey));
    HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET().build();
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    if (response.statusCode() != 200) {
      throw new IOException("NCBI answered " + response.statusCode() + " for " + base + query);
    }
    return response.body();
  }

  private static int indexOf(String[] header, String name) {
    for (int i = 0; i < header.length; i++) {
      if (header[i].equals(name)) {
        return i;
      }
    }
    return -1;
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
