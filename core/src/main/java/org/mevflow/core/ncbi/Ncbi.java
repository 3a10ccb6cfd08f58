package org.mevflow.core.ncbi;

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
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mevflow.workflows.discovery.SearchHandle;
import org.mevflow.workflows.signatures.RunInfo;

/**
 * NCBI's E-utilities, as wort uses them: runinfo for an SRA run's size, the assembly summary for a
 * genome's FTP path, and the day's new runs (a search kept on the history server, read in pages).
 * Requests are paced to NCBI's published rate. Base URL configurable (tests serve recorded answers
 * over loopback).
 */
public final class Ncbi {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern ERROR = Pattern.compile("<ERROR>(.*?)</ERROR>", Pattern.DOTALL);

  private final HttpClient http;
  private final String base;
  private final String apiKey;
  private final Duration timeout;
  private final long intervalNanos;
  private long nextSlot;

  public Ncbi(HttpClient http, String eutilsBase, String apiKey, Duration timeout) {
    this.http = http;
    this.base = eutilsBase.endsWith("/") ? eutilsBase : eutilsBase + "/";
    this.apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey;
    this.timeout = timeout;
    // NCBI's limit: 3 requests a second without an API key, 10 with one
    this.intervalNanos = Duration.ofMillis(this.apiKey == null ? 340 : 105).toNanos();
  }

  /** {@code efetch db=sra rettype=runinfo}: the row whose Run is the accession, if any. */
  public RunInfo runInfo(String accession) throws IOException {
    String csv = get("efetch.fcgi?db=sra&rettype=runinfo&retmode=text&id=" + encode(accession));
    return RunInfoCsv.parse(csv).stream()
        .filter(r -> r.accession().equals(accession))
        .findFirst()
        .orElse(new RunInfo(accession, false, 0, null));
  }

  /**
   * {@code esearch db=sra usehistory=y}: how many records match, and where NCBI's history server
   * keeps them, so pages are read from one fixed result set however long the paging takes.
   */
  public SearchHandle searchSra(String term) throws IOException {
    JsonNode result =
        JSON.readTree(
                get("esearch.fcgi?db=sra&usehistory=y&retmax=0&retmode=json&term=" + encode(term)))
            .path("esearchresult");
    if (result.hasNonNull("ERROR") || !result.has("count")) {
      throw new IOException(
          "NCBI esearch failed: " + result.path("ERROR").asText(result.toString()));
    }
    return new SearchHandle(
        Integer.parseInt(result.path("count").asText()),
        result.path("webenv").asText(null),
        result.path("querykey").asText(null));
  }

  /**
   * NCBI no longer serves the search from its history server (its answer was an error, not
   * runinfo): searching again gives a new one. Other failures (HTTP errors, the network) are plain
   * IOExceptions, for the caller's retries.
   */
  public static final class SearchGone extends IOException {
    SearchGone(String message) {
      super(message);
    }
  }

  /**
   * {@code efetch rettype=runinfo} over a page of a search kept on the history server: the runs of
   * records {@code retstart} to {@code retstart + retmax - 1} (a record may hold several runs).
   */
  public List<RunInfo> runInfoPage(SearchHandle search, int retstart, int retmax)
      throws IOException {
    String body =
        get(
            "efetch.fcgi?db=sra&rettype=runinfo&retmode=text&WebEnv="
                + encode(search.webEnv())
                + "&query_key="
                + encode(search.queryKey())
                + "&retstart="
                + retstart
                + "&retmax="
                + retmax);
    String head = body.stripLeading();
    if (!head.isEmpty() && !head.startsWith("Run,")) {
      // NCBI answers an expired history (or a bad page of it) with an XML or text error, HTTP 200
      Matcher error = ERROR.matcher(head);
      throw new SearchGone(
          "NCBI efetch failed: "
              + (error.find() ? error.group(1) : head.substring(0, Math.min(head.length(), 200))));
    }
    return RunInfoCsv.parse(body);
  }

  /**
   * The {@code _genomic.fna.gz} URL of an assembly ({@code esearch} then {@code esummary} on
   * db=assembly): GenBank's FTP path for GCA_, RefSeq's for GCF_, served over HTTPS.
   */
  public Optional<String> genomeUrl(String accession) throws IOException {
    return assemblyDoc(accession)
        .map(doc -> ftpPath(doc, accession))
        .filter(path -> !path.isBlank())
        .map(AssemblySummary::genomicUrl);
  }

  /** The assembly's esummary document ({@code esearch} for its id first), if NCBI knows it. */
  private Optional<JsonNode> assemblyDoc(String accession) throws IOException {
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
    return Optional.of(
        JSON.readTree(get("esummary.fcgi?db=assembly&retmode=json&id=" + encode(id)))
            .path("result")
            .path(id));
  }

  /** GenBank's folder for GCA_, RefSeq's for GCF_ (blank when NCBI has no files). */
  private static String ftpPath(JsonNode doc, String accession) {
    return accession.startsWith("GCF_")
        ? doc.path("ftppath_refseq").asText("")
        : doc.path("ftppath_genbank").asText("");
  }

  /**
   * An assembly's metadata as the assembly summary has it, looked up in E-utilities ({@code
   * esearch} then {@code esummary} on db=assembly): organism (without the common name NCBI adds in
   * parentheses), the infraspecific name as {@code type=value} (the summary's form), the assembly
   * name and its folder. Empty when NCBI does not know it or has no files for it (a suppressed
   * assembly has no FTP path).
   */
  public Optional<org.mevflow.db.GenomeRepository.Assembly> assembly(String accession)
      throws IOException {
    Optional<JsonNode> found = assemblyDoc(accession);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    JsonNode doc = found.get();
    String path = ftpPath(doc, accession);
    if (path.isBlank()) {
      return Optional.empty();
    }
    String organism = doc.path("organism").asText("").replaceFirst("\\s*\\([^()]*\\)$", "");
    StringBuilder infra = new StringBuilder();
    for (JsonNode sub : doc.path("biosource").path("infraspecieslist")) {
      if (infra.length() > 0) {
        infra.append("; ");
      }
      infra
          .append(sub.path("sub_type").asText())
          .append('=')
          .append(sub.path("sub_value").asText());
    }
    return Optional.of(
        new org.mevflow.db.GenomeRepository.Assembly(
            accession,
            organism,
            infra.toString(),
            doc.path("assemblyname").asText(""),
            path.replaceFirst("^ftp://", "https://"),
            "EUTILS"));
  }

  /** Waits for this client's next request slot, so one process keeps within NCBI's rate. */
  private void pace() throws IOException {
    long wait;
    synchronized (this) {
      long now = System.nanoTime();
      long slot = Math.max(now, nextSlot);
      nextSlot = slot + intervalNanos;
      wait = slot - now;
    }
    if (wait > 0) {
      try {
        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted", e);
      }
    }
  }

  private String get(String query) throws IOException {
    pace();
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

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
