package org.mevflow.core.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** S3 against a real S3-protocol server (Adobe's S3Mock), run as its own process over HTTP. */
class S3ObjectStorageTest extends ObjectStorageContract {
  private static Process server;
  private static URI endpoint;
  private static S3ObjectStorage s3;

  @BeforeAll
  static void startS3Mock() throws Exception {
    Path jar = Path.of("target/s3mock/s3mock.jar");
    assertThat(jar).as("S3Mock is copied by the build (maven-dependency-plugin)").exists();
    int port;
    int tls;
    try (ServerSocket a = new ServerSocket(0);
        ServerSocket b = new ServerSocket(0)) {
      port = a.getLocalPort();
      tls = b.getLocalPort();
    }
    Path root = Files.createTempDirectory("s3mock");
    Path log = root.resolve("s3mock.log");
    server =
        new ProcessBuilder(
                "java",
                "-Xmx256m",
                "-jar",
                jar.toString(),
                "--com.adobe.testing.s3mock.httpPort=" + port,
                "--server.port=" + tls,
                "--com.adobe.testing.s3mock.store.root=" + root.resolve("data"),
                "--com.adobe.testing.s3mock.store.initialBuckets=" + BUCKET + ",wort-genomes")
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    endpoint = URI.create("http://127.0.0.1:" + port);
    HttpClient http = HttpClient.newHttpClient();
    Instant deadline = Instant.now().plusSeconds(60);
    while (true) {
      try {
        if (http.send(
                    HttpRequest.newBuilder(endpoint).build(),
                    HttpResponse.BodyHandlers.discarding())
                .statusCode()
            == 200) {
          break;
        }
      } catch (IOException notYet) {
        // still starting
      }
      if (Instant.now().isAfter(deadline) || !server.isAlive()) {
        throw new IllegalStateException("S3Mock did not start:\n" + Files.readString(log));
      }
      Thread.sleep(250);
    }
    s3 =
        new S3ObjectStorage(
            new S3ObjectStorage.Settings(
                "us-east-1", endpoint, true, "test-key", "test-secret", Duration.ofSeconds(30)));
  }

  @AfterAll
  static void stop() throws Exception {
    if (s3 != null) {
      s3.close();
    }
    if (server != null) {
      server.destroy();
      server.waitFor();
    }
  }

  @Override
  ObjectStorage storage() {
    return s3;
  }

  @Test
  void aPresignedUrlDownloadsTheObjectOverPlainHttp() throws Exception {
    storage.put(ref("sigs/p.sig"), file("presigned"), Content.GZIPPED_JSON);
    URI url = storage.presignedGetUrl(ref("sigs/p.sig"), Duration.ofMinutes(5)).orElseThrow();
    assertThat(url.getQuery()).contains("X-Amz-Signature=").contains("X-Amz-Expires=300");
    HttpResponse<byte[]> r =
        HttpClient.newHttpClient()
            .send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(new String(r.body())).isEqualTo("presigned");
  }
}
