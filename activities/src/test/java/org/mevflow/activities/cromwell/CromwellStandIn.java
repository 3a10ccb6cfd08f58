package org.mevflow.activities.cromwell;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Cromwell's REST API over loopback, with the refusals real Cromwell makes (no workflowSource,
 * inputs that are not a JSON object, a requested id that exists) and scripted trouble (a burst of
 * 500s). A workflow is Submitted, then Running, then Succeeded after a few status calls.
 */
public final class CromwellStandIn implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  final Map<String, String> statuses = new ConcurrentHashMap<>();
  final Map<String, Integer> polls = new ConcurrentHashMap<>();
  final AtomicInteger submits = new AtomicInteger();
  final AtomicInteger failNext = new AtomicInteger();
  volatile int pollsToFinish = 2;

  public CromwellStandIn() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/api/workflows/v1", this::handle);
    server.start();
  }

  public URI base() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  volatile String lastAuthorization;

  private void handle(HttpExchange x) throws IOException {
    lastAuthorization = x.getRequestHeaders().getFirst("Authorization");
    if (failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      send(x, 500, Map.of("status", "error", "message", "Internal server error"));
      return;
    }
    String path = x.getRequestURI().getPath();
    String[] parts = path.split("/");
    if (path.equals("/api/workflows/v1") && x.getRequestMethod().equals("POST")) {
      submit(x);
      return;
    }
    String id = parts.length > 4 ? parts[4] : "";
    String action = parts.length > 5 ? parts[5] : "";
    if (!statuses.containsKey(id)) {
      send(x, 404, Map.of("status", "fail", "message", "Unrecognized workflow ID: " + id));
      return;
    }
    switch (action) {
      case "status" -> {
        int n = polls.merge(id, 1, Integer::sum);
        if (statuses.get(id).equals("Submitted") || statuses.get(id).equals("Running")) {
          statuses.put(id, n >= pollsToFinish ? "Succeeded" : "Running");
        }
        send(x, 200, Map.of("id", id, "status", statuses.get(id)));
      }
      case "metadata" ->
          send(
              x,
              200,
              Map.of(
                  "id",
                  id,
                  "status",
                  statuses.get(id),
                  "outputs",
                  Map.of(),
                  "failures",
                  java.util.List.of()));
      case "abort" -> {
        statuses.put(id, "Aborted");
        send(x, 200, Map.of("id", id, "status", "Aborted"));
      }
      default -> send(x, 404, Map.of("status", "fail", "message", "no such route"));
    }
  }

  private void submit(HttpExchange x) throws IOException {
    String type = x.getRequestHeaders().getFirst("Content-Type");
    if (type == null || !type.startsWith("multipart/form-data; boundary=")) {
      send(x, 400, Map.of("status", "fail", "message", "Request must be multipart/form-data"));
      return;
    }
    Map<String, String> fields =
        parse(
            new String(x.getRequestBody().readAllBytes(), StandardCharsets.ISO_8859_1),
            type.substring(type.indexOf('=') + 1));
    if (fields.getOrDefault("workflowSource", "").isBlank()) {
      send(x, 400, Map.of("status", "fail", "message", "Error(s): Workflow source is required"));
      return;
    }
    try {
      if (!JSON.readTree(fields.getOrDefault("workflowInputs", "{}")).isObject()) {
        throw new IOException("not an object");
      }
    } catch (IOException e) {
      send(
          x,
          400,
          Map.of("status", "fail", "message", "Error(s): Input file is not a valid yaml or json"));
      return;
    }
    String id = fields.getOrDefault("requestedWorkflowId", UUID.randomUUID().toString());
    try {
      UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      send(
          x,
          400,
          Map.of("status", "fail", "message", "Error(s): requestedWorkflowId must be a UUID"));
      return;
    }
    if (statuses.containsKey(id)) {
      send(x, 400, Map.of("status", "fail", "message", "Workflow ID " + id + " already exists"));
      return;
    }
    submits.incrementAndGet();
    statuses.put(id, "Submitted");
    send(x, 201, Map.of("id", id, "status", "Submitted"));
  }

  private static Map<String, String> parse(String body, String boundary) {
    Map<String, String> fields = new LinkedHashMap<>();
    for (String part : body.split("--" + java.util.regex.Pattern.quote(boundary))) {
      int headEnd = part.indexOf("\r\n\r\n");
      int name = part.indexOf("name=\"");
      if (headEnd < 0 || name < 0 || name > headEnd) {
        continue;
      }
      String key = part.substring(name + 6, part.indexOf('"', name + 6));
      String value = part.substring(headEnd + 4);
      fields.put(key, value.endsWith("\r\n") ? value.substring(0, value.length() - 2) : value);
    }
    return fields;
  }

  private static void send(HttpExchange x, int status, Object body) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    x.getResponseHeaders().set("Content-Type", "application/json");
    x.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = x.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
