package org.mevflow.core.ncbi;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * NCBI over loopback: E-utilities answers in NCBI's shapes (runinfo CSV from the recorded sample,
 * esearch/esummary JSON for assemblies, esearch on the history server and paged runinfo for SRA
 * searches; shapes in {@code src/test/resources/ncbi}) and a file server for genome downloads.
 */
public final class NcbiStandIn implements AutoCloseable {
  private final HttpServer server;
  private final String runinfoHeader;
  private final String runinfoRow;
  public final Map<String, Long> runSizes = new ConcurrentHashMap<>();
  public final Map<String, String> assemblyPaths = new ConcurrentHashMap<>();
  public final Map<String, byte[]> files = new ConcurrentHashMap<>();

  /** An assembly's organism as esummary gives it (with the common name in parentheses). */
  public final Map<String, String> assemblyOrganisms = new ConcurrentHashMap<>();

  /** An assembly's strain (esummary's biosource.infraspecieslist), if it has one. */
  public final Map<String, String> assemblyStrains = new ConcurrentHashMap<>();

  /**
   * An assembly NCBI knows, with its strain, and its sequences served (as {@code
   * <accession>.fna.gz} under {@code /files/}): its FTP folder is where NCBI keeps it ({@code
   * .../genomes/all/GCA/000/000/001/GCA_000000001.1_<name>}).
   */
  public void putAssembly(String accession, String name, String strain, byte[] fnaGz) {
    String digits = accession.substring(4, 13);
    assemblyPaths.put(
        accession,
        "ftp://ftp.ncbi.nlm.nih.gov/genomes/all/"
            + accession.substring(0, 3)
            + "/"
            + digits.substring(0, 3)
            + "/"
            + digits.substring(3, 6)
            + "/"
            + digits.substring(6, 9)
            + "/"
            + accession
            + "_"
            + name);
    assemblyStrains.put(accession, strain);
    files.put(accession + ".fna.gz", fnaGz);
  }

  /** Assemblies NCBI suppressed: found by esearch, their esummary has no FTP paths. */
  public final Set<String> suppressed = ConcurrentHashMap.newKeySet();

  /** SRA searches by exact term: the runs of each matching record, in NCBI's order. */
  public final Map<String, List<List<String>>> sraSearches = new ConcurrentHashMap<>();

  /** History-server result sets that answer as expired. */
  public final Set<String> expired = ConcurrentHashMap.newKeySet();

  /** While true, every E-utilities request answers 503 (NCBI's bad hours). */
  public volatile boolean down;

  /** A slow NCBI: each file download waits this long before its first byte. */
  public volatile long fileDelayMillis;

  /** Every E-utilities request, as its decoded parameters (with the path's last segment). */
  public final List<Map<String, String>> requests = new CopyOnWriteArrayList<>();

  private final Map<String, String> webEnvTerms = new ConcurrentHashMap<>();
  private final AtomicInteger searches = new AtomicInteger();
  private final String esearchTemplate;
  private final byte[] historyError;

  public NcbiStandIn(Path runinfoSample) throws IOException {
    String[] lines = Files.readString(runinfoSample).split("\r?\n");
    runinfoHeader = lines[0];
    runinfoRow = lines[1];
    esearchTemplate = resource("esearch-sra-usehistory.json");
    historyError = resource("efetch-history-error.xml").getBytes(StandardCharsets.UTF_8);
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/eutils/efetch.fcgi", x -> eutils(x, this::efetch));
    server.createContext("/eutils/esearch.fcgi", x -> eutils(x, this::esearch));
    server.createContext("/eutils/esummary.fcgi", x -> eutils(x, this::esummary));
    server.createContext("/files/", this::file);
    handlers = java.util.concurrent.Executors.newCachedThreadPool();
    server.setExecutor(handlers); // a slow download must not hold the other answers
    server.start();
  }

  public String base() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  public String eutils() {
    return base() + "/eutils/";
  }

  private static Map<String, String> query(HttpExchange x) {
    Map<String, String> q = new HashMap<>();
    String raw = x.getRequestURI().getRawQuery();
    for (String pair : raw == null ? new String[0] : raw.split("&")) {
      int eq = pair.indexOf('=');
      q.put(
          pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return q;
  }

  /**
   * A day of new SRA runs for a search term: {@code records} records of one run each, accessions
   * {@code prefix + number} counting from {@code first}, each {@code sizeMb} MB.
   */
  public List<String> putSearch(String term, String prefix, long first, int records, long sizeMb) {
    List<List<String>> runs = new ArrayList<>();
    for (int i = 0; i < records; i++) {
      String accession = prefix + (first + i);
      runs.add(List.of(accession));
      runSizes.put(accession, sizeMb);
    }
    sraSearches.put(term, runs);
    return runs.stream().map(r -> r.get(0)).toList();
  }

  /** The esearch/efetch requests made for a term (searches) or its result set (pages). */
  public List<Map<String, String>> requestsFor(String term) {
    return requests.stream()
        .filter(
            q ->
                term.equals(q.get("term"))
                    || term.equals(webEnvTerms.get(q.getOrDefault("WebEnv", ""))))
        .toList();
  }

  private interface Handler {
    void handle(HttpExchange x, Map<String, String> query) throws IOException;
  }

  private void eutils(HttpExchange x, Handler handler) throws IOException {
    Map<String, String> q = query(x);
    String path = x.getRequestURI().getPath();
    q.put("eutil", path.substring(path.lastIndexOf('/') + 1));
    requests.add(q);
    if (down) {
      send(x, 503, "Service Temporarily Unavailable".getBytes(StandardCharsets.UTF_8));
      return;
    }
    handler.handle(x, q);
  }

  private void efetch(HttpExchange x, Map<String, String> q) throws IOException {
    if (q.containsKey("WebEnv")) {
      page(x, q);
      return;
    }
    String id = q.get("id");
    Long size = runSizes.get(id);
    // NCBI answers an unknown run with no rows
    String body = "\n";
    if (size != null) {
      body = runinfoHeader + "\n" + row(id, size) + "\n";
    }
    send(x, 200, body.getBytes(StandardCharsets.UTF_8));
  }

  private String row(String run, long sizeMb) {
    String[] fields = runinfoRow.split(",", -1);
    fields[0] = run;
    fields[Arrays.asList(runinfoHeader.split(",")).indexOf("size_MB")] = Long.toString(sizeMb);
    return String.join(",", fields);
  }

  /**
   * A page of a result set kept on the history server, as runinfo CSV. Like NCBI, a long answer
   * comes in chunks, each with its own header line after a blank line.
   */
  private void page(HttpExchange x, Map<String, String> q) throws IOException {
    String webEnv = q.get("WebEnv");
    String term = webEnvTerms.get(webEnv);
    if (term == null || expired.contains(webEnv) || !"1".equals(q.get("query_key"))) {
      send(x, 200, historyError);
      return;
    }
    List<List<String>> records = sraSearches.getOrDefault(term, List.of());
    int start = Integer.parseInt(q.get("retstart"));
    int max = Integer.parseInt(q.get("retmax"));
    if (max > 10_000) {
      send(x, 400, "retmax above 10000".getBytes(StandardCharsets.UTF_8));
      return;
    }
    StringBuilder body = new StringBuilder();
    int rows = 0;
    for (List<String> record :
        records.subList(Math.min(start, records.size()), Math.min(start + max, records.size()))) {
      for (String run : record) {
        if (rows++ % 1000 == 0) {
          body.append(rows == 1 ? "" : "\n").append(runinfoHeader).append('\n');
        }
        body.append(row(run, runSizes.getOrDefault(run, 100L))).append('\n');
      }
    }
    send(x, 200, body.toString().getBytes(StandardCharsets.UTF_8));
  }

  private void esearch(HttpExchange x, Map<String, String> q) throws IOException {
    if ("sra".equals(q.get("db"))) {
      String term = q.get("term");
      List<List<String>> records = sraSearches.getOrDefault(term, List.of());
      String webEnv = "MCID_" + String.format("%024x", searches.incrementAndGet());
      webEnvTerms.put(webEnv, term);
      String body =
          esearchTemplate
              .replace("{{count}}", Integer.toString(records.size()))
              .replace("{{webenv}}", webEnv)
              .replace("{{term}}", term.replace("\"", "\\\""));
      send(x, 200, body.getBytes(StandardCharsets.UTF_8));
      return;
    }
    String term = q.get("term").replace("[Assembly Accession]", "");
    String ids = assemblyPaths.containsKey(term) ? "\"" + Math.abs(term.hashCode()) + "\"" : "";
    String body =
        "{\"header\":{\"type\":\"esearch\",\"version\":\"0.3\"},\"esearchresult\":{\"count\":\""
            + (ids.isEmpty() ? 0 : 1)
            + "\",\"retmax\":\"20\",\"retstart\":\"0\",\"idlist\":["
            + ids
            + "]}}";
    send(x, 200, body.getBytes(StandardCharsets.UTF_8));
  }

  private void esummary(HttpExchange x, Map<String, String> q) throws IOException {
    String id = q.get("id");
    String accession =
        assemblyPaths.keySet().stream()
            .filter(a -> Long.toString(Math.abs(a.hashCode())).equals(id))
            .findFirst()
            .orElseThrow();
    String path = suppressed.contains(accession) ? "" : assemblyPaths.get(accession);
    String folder = assemblyPaths.get(accession);
    String last = folder.substring(folder.lastIndexOf('/') + 1);
    String asmName =
        last.startsWith(accession + "_") ? last.substring(accession.length() + 1) : "ASM1v1";
    String organism =
        assemblyOrganisms.getOrDefault(
            accession, "Escherichia coli str. K-12 substr. MG1655 (E. coli)");
    String strain = assemblyStrains.get(accession);
    String body =
        "{\"header\":{\"type\":\"esummary\",\"version\":\"0.3\"},\"result\":{\"uids\":[\""
            + id
            + "\"],\""
            + id
            + "\":{\"uid\":\""
            + id
            + "\",\"assemblyaccession\":\""
            + accession
            + "\",\"assemblyname\":\""
            + asmName
            + "\",\"organism\":\""
            + organism
            + "\",\"biosource\":{\"infraspecieslist\":["
            + (strain == null ? "" : "{\"sub_type\":\"strain\",\"sub_value\":\"" + strain + "\"}")
            + "],\"sex\":\"\",\"isolate\":\"\"},\"assemblystatus\":\""
            + (suppressed.contains(accession) ? "Suppressed" : "Complete Genome")
            + "\",\"ftppath_genbank\":\""
            + path
            + "\",\"ftppath_refseq\":\"\"}}}";
    send(x, 200, body.getBytes(StandardCharsets.UTF_8));
  }

  private void file(HttpExchange x) throws IOException {
    byte[] data = files.get(x.getRequestURI().getPath().substring("/files/".length()));
    if (fileDelayMillis > 0) {
      try {
        Thread.sleep(fileDelayMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (data == null) {
      send(x, 404, "not found".getBytes(StandardCharsets.UTF_8));
    } else {
      send(x, 200, data);
    }
  }

  private static String resource(String name) throws IOException {
    try (var in = NcbiStandIn.class.getResourceAsStream("/ncbi/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
    }
  }

  private static void send(HttpExchange x, int status, byte[] body) throws IOException {
    x.sendResponseHeaders(status, body.length);
    try (OutputStream out = x.getResponseBody()) {
      out.write(body);
    }
  }

  private final java.util.concurrent.ExecutorService handlers;

  @Override
  public void close() {
    server.stop(0);
    handlers.shutdownNow();
  }
}
