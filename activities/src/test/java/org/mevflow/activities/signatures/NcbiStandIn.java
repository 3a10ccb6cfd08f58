package org.mevflow.activities.signatures;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * NCBI over loopback: E-utilities answers in NCBI's shapes (runinfo CSV from the recorded sample,
 * esearch/esummary JSON for assemblies) and a file server for genome downloads.
 */
public final class NcbiStandIn implements AutoCloseable {
  private final HttpServer server;
  private final String runinfoHeader;
  private final String runinfoRow;
  public final Map<String, Long> runSizes = new ConcurrentHashMap<>();
  public final Map<String, String> assemblyPaths = new ConcurrentHashMap<>();
  public final Map<String, byte[]> files = new ConcurrentHashMap<>();

  public NcbiStandIn(Path runinfoSample) throws IOException {
    String[] lines = Files.readString(runinfoSample).split("\r?\n");
    runinfoHeader = lines[0];
    runinfoRow = lines[1];
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/eutils/efetch.fcgi", this::efetch);
    server.createContext("/eutils/esearch.fcgi", this::esearch);
    server.createContext("/eutils/esummary.fcgi", this::esummary);
    server.createContext("/files/", this::file);
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

  private void efetch(HttpExchange x) throws IOException {
    String id = query(x).get("id");
    Long size = runSizes.get(id);
    // NCBI answers an unknown run with no rows
    String body = "\n";
    if (size != null) {
      String[] fields = runinfoRow.split(",", -1);
      fields[0] = id;
      fields[java.util.Arrays.asList(runinfoHeader.split(",")).indexOf("size_MB")] =
          size.toString();
      body = runinfoHeader + "\n" + String.join(",", fields) + "\n";
    }
    send(x, 200, body.getBytes(StandardCharsets.UTF_8));
  }

  private void esearch(HttpExchange x) throws IOException {
    String term = query(x).get("term").replace("[Assembly Accession]", "");
    String ids = assemblyPaths.containsKey(term) ? "\"" + Math.abs(term.hashCode()) + "\"" : "";
    String body =
        "{\"header\":{\"type\":\"esearch\",\"version\":\"0.3\"},\"esearchresult\":{\"count\":\""
            + (ids.isEmpty() ? 0 : 1)
            + "\",\"retmax\":\"20\",\"retstart\":\"0\",\"idlist\":["
            + ids
            + "]}}";
    send(x, 200, body.getBytes(StandardCharsets.UTF_8));
  }

  private void esummary(HttpExchange x) throws IOException {
    String id = query(x).get("id");
    String accession =
        assemblyPaths.keySet().stream()
            .filter(a -> Long.toString(Math.abs(a.hashCode())).equals(id))
            .findFirst()
            .orElseThrow();
    String body =
        "{\"header\":{\"type\":\"esummary\",\"version\":\"0.3\"},\"result\":{\"uids\":[\""
            + id
            + "\"],\""
            + id
            + "\":{\"uid\":\""
            + id
            + "\",\"assemblyaccession\":\""
            + accession
            + "\",\"ftppath_genbank\":\""
            + assemblyPaths.get(accession)
            + "\",\"ftppath_refseq\":\"\"}}}";
    send(x, 200, body.getBytes(StandardCharsets.UTF_8));
  }

  private void file(HttpExchange x) throws IOException {
    byte[] data = files.get(x.getRequestURI().getPath().substring("/files/".length()));
    if (data == null) {
      send(x, 404, "not found".getBytes(StandardCharsets.UTF_8));
    } else {
      send(x, 200, data);
    }
  }

  private static void send(HttpExchange x, int status, byte[] body) throws IOException {
    x.sendResponseHeaders(status, body.length);
    try (OutputStream out = x.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
