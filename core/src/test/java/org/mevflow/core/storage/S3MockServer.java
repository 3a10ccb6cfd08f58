package org.mevflow.core.storage;

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

/**
 * A real S3-protocol server (Adobe's S3Mock) run as its own process on loopback, with the given
 * buckets made. Each module that uses it copies the jar to {@code target/s3mock/s3mock.jar}
 * (maven-dependency-plugin).
 */
public final class S3MockServer implements AutoCloseable {
  private final Process process;
  private final URI endpoint;

  private S3MockServer(Process process, URI endpoint) {
    this.process = process;
    this.endpoint = endpoint;
  }

  public static S3MockServer start(String... buckets) throws IOException, InterruptedException {
    Path jar = Path.of("target/s3mock/s3mock.jar");
    if (!Files.exists(jar)) {
      throw new IllegalStateException(
          jar.toAbsolutePath() + " is missing: the build copies it (maven-dependency-plugin)");
    }
    int port;
    int tls;
    try (ServerSocket a = new ServerSocket(0);
        ServerSocket b = new ServerSocket(0)) {
      port = a.getLocalPort();
      tls = b.getLocalPort();
    }
    Path root = Files.createTempDirectory("s3mock");
    Path log = root.resolve("s3mock.log");
    Process process =
        new ProcessBuilder(
                "java",
                "-Xmx256m",
                "-jar",
                jar.toString(),
                "--com.adobe.testing.s3mock.httpPort=" + port,
                "--server.port=" + tls,
                "--com.adobe.testing.s3mock.store.root=" + root.resolve("data"),
                "--com.adobe.testing.s3mock.store.initialBuckets=" + String.join(",", buckets))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    URI endpoint = URI.create("http://127.0.0.1:" + port);
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    Instant deadline = Instant.now().plusSeconds(60);
    while (true) {
      try {
        HttpRequest ping = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(2)).build();
        if (http.send(ping, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return new S3MockServer(process, endpoint);
        }
      } catch (IOException notYet) {
        // still starting
      }
      if (Instant.now().isAfter(deadline) || !process.isAlive()) {
        process.destroyForcibly();
        throw new IllegalStateException("S3Mock did not start:\n" + Files.readString(log));
      }
      Thread.sleep(250);
    }
  }

  public URI endpoint() {
    return endpoint;
  }

  /** A client of this server (or of a proxy in front of it) with the given call timeout. */
  public static S3ObjectStorage client(URI endpoint, Duration callTimeout) {
    return new S3ObjectStorage(
        new S3ObjectStorage.Settings(
            "us-east-1", endpoint, true, "test-key", "test-secret", callTimeout));
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }
}
