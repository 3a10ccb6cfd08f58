package org.mevflow.api.signatures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mevflow.api.testing.Http.bearer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mevflow.api.security.WortTokens;
import org.mevflow.api.testing.ApiTest;
import org.mevflow.api.testing.Http;
import org.mevflow.core.storage.Content;
import org.mevflow.core.storage.ObjectRef;
import org.mevflow.core.storage.ObjectStorage;
import org.mevflow.db.DatasetRepository;
import org.mevflow.db.UserRepository;
import org.mevflow.db.type.PublicDb;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** wort's routes as its scripts call them (no worker here: workflows start but do not run). */
@ApiTest
class SignaturesApiTest {
  @LocalServerPort int port;
  @Autowired UserRepository users;
  @Autowired WortTokens tokens;
  @Autowired DatasetRepository datasets;
  @Autowired ObjectStorage storage;

  @Autowired
  @org.springframework.beans.factory.annotation.Qualifier("wortViewFastPath")
  org.springframework.boot.web.servlet.FilterRegistrationBean<?> fastPath;

  Http http;
  String token;

  @BeforeEach
  void user() {
    http = Http.local(port);
    String name = "w" + UUID.randomUUID().toString().substring(0, 8);
    token = tokens.issue(users.create(name, name + "@example.org", "x", false).getId());
  }

  private static String sra() {
    return "SRR" + (1_000_000 + (int) (Math.random() * 8_999_999));
  }

  @Test
  void aRequestIsSubmittedAsWortAnswersAndASecondOneJoinsIt() throws Exception {
    String acc = sra();
    // two clients at once: one workflow
    var a = CompletableFuture.supplyAsync(() -> http.post("/v1/compute/sra/" + acc, bearer(token)));
    var b = CompletableFuture.supplyAsync(() -> http.post("/v1/compute/sra/" + acc, bearer(token)));
    List<Http.Response> both = List.of(a.get(), b.get());
    for (Http.Response r : both) {
      assertThat(r.status()).isEqualTo(202);
      assertThat(r.json().get("status").asText()).isEqualTo("Submitted");
      assertThat(r.json().get("task_id").asText()).isEqualTo("sketch-sra-" + acc);
    }
    assertThat(both)
        .extracting(r -> r.json().get("joined").asBoolean())
        .containsExactlyInAnyOrder(true, false);
    Http.Response status = http.get("/v1/status/sra/" + acc, null);
    assertThat(status.status()).isEqualTo(200);
    assertThat(status.json().get("status").asText()).isEqualTo("QUEUED");
    assertThat(status.json().get("workflow_id").asText()).isEqualTo("sketch-sra-" + acc);
  }

  @Test
  void aComputedSignatureIsServedAndNotRecomputedUnlessAsked()
      throws IOException, InterruptedException {
    String acc = sra();
    byte[] gz = computed(acc, List.of(new DatasetRepository.Sketch(21, 7, "abc")));

    Http.Response again = http.post("/v1/compute/sra/" + acc, bearer(token));
    assertThat(again.status()).isEqualTo(202);
    assertThat(again.json().get("status").asText()).isEqualTo("Signature already calculated");

    Http.Response view = http.get("/v1/view/sra/" + acc, null);
    assertThat(view.status()).isEqualTo(302);
    String location = view.header("Location").orElseThrow();
    assertThat(location).endsWith("/v1/download/sra/" + acc);
    HttpResponse<byte[]> bytes =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        java.net.URI.create("http://127.0.0.1:" + port + "/v1/download/sra/" + acc))
                    .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    assertThat(bytes.statusCode()).isEqualTo(200);
    assertThat(bytes.headers().firstValue("Content-Type")).contains("application/json");
    assertThat(bytes.headers().firstValue("Content-Encoding")).contains("gzip");
    assertThat(bytes.body()).isEqualTo(gz);

    Http.Response status = http.get("/v1/status/sra/" + acc, null);
    assertThat(status.json().get("status").asText()).isEqualTo("COMPUTED");
    assertThat(status.json().at("/sketches/0/hashes").asLong()).isEqualTo(7);
    assertThat(status.json().at("/signature/bytes").asLong()).isEqualTo(gz.length);

    Http.Response page = http.get("/view/sra/" + acc + "/", null);
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body())
        .contains("<h1>" + acc + "</h1>")
        .contains("COMPUTED")
        .contains("Download the signature");

    Http.Response recompute =
        http.post("/v1/compute/sra/" + acc + "?recompute=true", bearer(token));
    assertThat(recompute.json().get("status").asText()).isEqualTo("Submitted");
  }

  @Test
  void whatIsNotComputedIsNotServed() {
    String acc = sra();
    assertThat(http.get("/v1/view/sra/" + acc, null).status()).isEqualTo(404);
    assertThat(http.get("/v1/status/sra/" + acc, null).status()).isEqualTo(404);
    datasets.ensure(PublicDb.SRA, acc);
    datasets.markFailed(PublicDb.SRA, acc, "fastq-dump exited with 1: <script>");
    Http.Response view = http.get("/v1/view/sra/" + acc, null);
    assertThat(view.status()).isEqualTo(404);
    assertThat(view.contentType()).startsWith("application/problem+json");
    assertThat(http.get("/v1/status/sra/" + acc, null).json().get("last_error").asText())
        .contains("fastq-dump exited with 1");
    assertThat(http.get("/view/sra/" + acc + "/", null).body())
        .contains("&lt;script&gt;")
        .doesNotContain("<script>");
    assertThat(http.get("/v1/view/img/" + acc, null).status()).isEqualTo(404);
  }

  private static byte[] gzip(String s) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(s.getBytes(StandardCharsets.UTF_8));
    }
    return out.toByteArray();
  }

  @Test
  void theStatusPageShowsARunAndTheFailedRunItReplaced() {
    String acc = "SRR" + (1_000_000 + (int) (Math.random() * 8_999_999));
    datasets.markComputing(
        org.mevflow.db.type.PublicDb.SRA, acc, "sketch-small", 5, "sketch-sra-" + acc, "run-1");
    datasets.markFailed(org.mevflow.db.type.PublicDb.SRA, acc, "fastq-dump exited with 1");
    var first = Http.local(port).get("/v1/status/sra/" + acc, null).json();
    assertThat(first.get("run_id").asText()).isEqualTo("run-1");
    assertThat(first.has("previous_run")).isFalse();

    // the same workflow id runs again (a replay): its retry of the same run would not count
    datasets.markComputing(
        org.mevflow.db.type.PublicDb.SRA, acc, "sketch-small", 5, "sketch-sra-" + acc, "run-2");
    datasets.markComputing(
        org.mevflow.db.type.PublicDb.SRA, acc, "sketch-small", 5, "sketch-sra-" + acc, "run-2");
    var second = Http.local(port).get("/v1/status/sra/" + acc, null).json();
    assertThat(second.get("status").asText()).isEqualTo("COMPUTING");
    assertThat(second.get("run_id").asText()).isEqualTo("run-2");
    assertThat(second.at("/previous_run/run_id").asText()).isEqualTo("run-1");
    assertThat(second.at("/previous_run/error").asText()).isEqualTo("fastq-dump exited with 1");
    assertThat(second.get("attempts").asInt()).isEqualTo(2);
  }

  /**
   * The plain view of a computed signature is answered before the security filters; it must say
   * exactly what the whole chain says for the same signature (a HEAD, or a GET with a query, goes
   * through the chain). (That it is timed under its route: {@code StateGaugesApiTest}.)
   */
  @Test
  void theFastViewAnswersAsTheWholeChainDoes() throws Exception {
    String acc = sra();
    computed(acc, List.of());

    ViewFastPath.View path = (ViewFastPath.View) fastPath.getFilter();
    long before = path.answered();
    HttpResponse<String> fast = raw("GET", "/v1/view/sra/" + acc);
    assertThat(path.answered()).as("answered by the fast path").isEqualTo(before + 1);
    HttpResponse<String> head = raw("HEAD", "/v1/view/sra/" + acc);
    HttpResponse<String> query = raw("GET", "/v1/view/sra/" + acc + "?from=script");
    assertThat(path.answered())
        .as("the HEAD and the query went through the chain")
        .isEqualTo(before + 1);
    assertThat(fast.statusCode()).isEqualTo(302).isEqualTo(query.statusCode());
    assertThat(headers(fast)).isEqualTo(headers(query));
    // a HEAD through the chain: the same but the length of a body a HEAD does not have
    assertThat(head.statusCode()).isEqualTo(302);
    java.util.Map<String, List<String>> bodiless = headers(fast);
    bodiless.remove("content-length");
    assertThat(headers(head)).isEqualTo(bodiless);
    assertThat(fast.headers().firstValue("Location")).contains("/v1/download/sra/" + acc);
    assertThat(fast.body()).isEmpty();

    // what the fast path leaves to the chain is answered by it
    assertThat(raw("GET", "/v1/view/sra/" + sra()).statusCode()).isEqualTo(404);
    assertThat(raw("GET", "/v1/view/sra/" + acc + "/extra").statusCode()).isEqualTo(404);
    assertThat(raw("GET", "/v1/view/nope/" + acc).statusCode()).isEqualTo(404);
    assertThat(raw("GET", "/v1/view/sra/%2e%2e").statusCode()).isEqualTo(400);
  }

  /** A computed SRA signature of {@code acc}, stored and recorded as a sketch leaves it. */
  private byte[] computed(String acc, List<DatasetRepository.Sketch> sketches) throws IOException {
    datasets.ensure(PublicDb.SRA, acc);
    byte[] gz = gzip("[{\"class\":\"sourmash_signature\"}]");
    java.nio.file.Path file =
        java.nio.file.Files.write(java.nio.file.Files.createTempFile("sig", ".gz"), gz);
    ObjectRef ref = new ObjectRef("wort-sra", "sigs/" + acc + ".sig");
    storage.put(ref, file, Content.GZIPPED_JSON);
    datasets.markComputed(PublicDb.SRA, acc, storage.uri(ref).toString(), gz.length, sketches);
    return gz;
  }

  private HttpResponse<String> raw(String method, String path) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + path))
                .method(method, HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  /** The answer's headers but those that differ from one answer to the next. */
  private static java.util.Map<String, List<String>> headers(HttpResponse<String> r) {
    java.util.Map<String, List<String>> h = new java.util.TreeMap<>(r.headers().map());
    h.keySet().removeAll(List.of("date", "keep-alive", "connection", ":status"));
    return h;
  }
}
