package org.mevflow.core.cromwell;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Metrics;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.mevflow.core.text.Errors;

/**
 * Cromwell's REST API (version v1) as mevflow uses it: submit with a caller-chosen workflow id (so
 * a retried submit finds the job it already made instead of making a second), status, metadata,
 * abort. Every call has a timeout; failures are classified as retryable or not.
 */
public final class CromwellClient {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Where Cromwell is, its Authorization header if it needs one, and the per-call timeout. */
  public record Settings(URI base, String authorization, Duration timeout) {}

  /** What to submit. {@code dependencies} is a zip of the other WDL files, or null. */
  public record Submission(
      UUID requestedId,
      String workflowSource,
      String workflowInputs,
      byte[] dependencies,
      String workflowTypeVersion,
      String workflowOptions) {}

  /** Cromwell's answer to a submit, status or abort: the id and a status word. */
  public record IdAndStatus(String id, String status) {}

  private final Settings settings;
  private final HttpClient http;

  public CromwellClient(Settings settings, HttpClient http) {
    this.settings = settings;
    this.http = http;
  }

  public IdAndStatus submit(Submission s) {
    String boundary = "mevflow" + UUID.randomUUID().toString().replace("-", "");
    Multipart body = new Multipart(boundary);
    body.file("workflowSource", "main.wdl", s.workflowSource().getBytes(StandardCharsets.UTF_8));
    body.file("workflowInputs", "inputs.json", s.workflowInputs().getBytes(StandardCharsets.UTF_8));
    if (s.dependencies() != null) {
      body.file("workflowDependencies", "dependencies.zip", s.dependencies());
    }
    if (s.workflowOptions() != null) {
      body.file(
          "workflowOptions", "options.json", s.workflowOptions().getBytes(StandardCharsets.UTF_8));
    }
    body.field("workflowType", "WDL");
    body.field("workflowTypeVersion", s.workflowTypeVersion());
    body.field("requestedWorkflowId", s.requestedId().toString());
    HttpRequest request =
        request("/api/workflows/v1")
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body.finish()))
            .build();
    try {
      return idAndStatus(call(request, 201));
    } catch (CromwellException e) {
      // A retried submit whose first attempt did reach Cromwell: the job exists under our id.
      if (!e.retryable() && e.status() >= 400 && e.status() < 500) {
        try {
          return new IdAndStatus(s.requestedId().toString(), status(s.requestedId().toString()));
        } catch (CromwellException notThere) {
          throw e;
        }
      }
      throw e;
    }
  }

  public String status(String id) {
    return idAndStatus(call(request("/api/workflows/v1/" + id + "/status").GET().build(), 200))
        .status();
  }

  public JsonNode metadata(String id) {
    return call(request("/api/workflows/v1/" + id + "/metadata").GET().build(), 200);
  }

  public String abort(String id) {
    HttpRequest r =
        request("/api/workflows/v1/" + id + "/abort")
            .POST(HttpRequest.BodyPublishers.noBody())
            .build();
    return idAndStatus(call(r, 200)).status();
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(settings.base().resolve(path))
            .timeout(settings.timeout())
            .header("Accept", "application/json");
    if (settings.authorization() != null && !settings.authorization().isBlank()) {
      b.header("Authorization", settings.authorization());
    }
    return b;
  }

  /** {@code mevflow_cromwell_calls_total{operation, outcome}}: every call, by answer class. */
  private static void count(HttpRequest request, String outcome) {
    String path = request.uri().getPath();
    String operation =
        path.endsWith("/api/workflows/v1") ? "submit" : path.substring(path.lastIndexOf('/') + 1);
    Metrics.counter("mevflow.cromwell.calls", "operation", operation, "outcome", outcome)
        .increment();
  }

  private JsonNode call(HttpRequest request, int expected) {
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      count(request, "no-answer");
      throw new CromwellException(
          "Cromwell did not answer "
              + request.method()
              + " "
              + request.uri()
              + ": "
              + Errors.describe(e),
          0,
          true,
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CromwellException("interrupted", 0, true, e);
    }
    int status = response.statusCode();
    count(request, status / 100 + "xx");
    if (status == expected || (status >= 200 && status < 300)) {
      try {
        return JSON.readTree(response.body());
      } catch (IOException e) {
        throw new CromwellException(
            "Cromwell answered with something that is not JSON", status, true, e);
      }
    }
    String message = message(response.body());
    throw new CromwellException(
        "Cromwell answered "
            + status
            + " to "
            + request.method()
            + " "
            + request.uri().getPath()
            + (message.isEmpty() ? "" : ": " + message),
        status,
        status >= 500 || status == 429,
        null);
  }

  private static String message(String body) {
    try {
      JsonNode n = JSON.readTree(body);
      return n.path("message").asText(body == null ? "" : body.strip());
    } catch (IOException e) {
      return body == null ? "" : body.strip();
    }
  }

  private static IdAndStatus idAndStatus(JsonNode n) {
    if (!n.hasNonNull("status")) {
      throw new CromwellException("Cromwell's answer has no status: " + n, 200, true, null);
    }
    return new IdAndStatus(n.path("id").asText(), n.get("status").asText());
  }

  /** multipart/form-data, written by hand: a few fields and files, no extra dependency. */
  private static final class Multipart {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final String boundary;

    Multipart(String boundary) {
      this.boundary = boundary;
    }

    void field(String name, String value) {
      part(
          "Content-Disposition: form-data; name=\"" + name + "\"\r\n",
          value.getBytes(StandardCharsets.UTF_8));
    }

    void file(String name, String filename, byte[] data) {
      part(
          "Content-Disposition: form-data; name=\""
              + name
              + "\"; filename=\""
              + filename
              + "\"\r\n"
              + "Content-Type: application/octet-stream\r\n",
          data);
    }

    private void part(String headers, byte[] data) {
      out.writeBytes(
          ("--" + boundary + "\r\n" + headers + "\r\n").getBytes(StandardCharsets.UTF_8));
      out.writeBytes(data);
      out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
    }

    byte[] finish() {
      out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
      return out.toByteArray();
    }
  }
}
