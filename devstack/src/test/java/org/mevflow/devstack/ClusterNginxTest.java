package org.mevflow.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cluster's nginx, run for real (Debian's) on the configuration the cluster writes from
 * deploy/nginx.conf: with no API process behind it, a client gets a 503 problem+json saying so, for
 * a GET and for a POST, not nginx's HTML error page.
 */
@Tag("component")
class ClusterNginxTest {
  @TempDir Path dir;

  @Test
  void withNoApiBehindItClientsGetA503ProblemSayingSo() throws Exception {
    Path nginx = Path.of("/usr/sbin/nginx");
    assertThat(nginx).as("Debian's nginx (scripts/install-cluster)").isExecutable();
    int port = Launcher.freePort();
    // the API replicas' ports: drawn free and left closed
    ClusterPorts ports = new ClusterPorts(Launcher.freePortBlock(ClusterPorts.COUNT), port);
    ClusterNginx cluster =
        new ClusterNginx(
            new ClusterBinaries(null, null, null, null, null, nginx),
            dir,
            ports,
            ClusterTopology.load());
    Files.createDirectories(dir.resolve("nginx/tmp"));
    Path conf = dir.resolve("nginx/nginx.conf");
    Files.writeString(conf, cluster.config());
    Process p =
        new ProcessBuilder(
                nginx.toString(),
                "-p",
                dir.resolve("nginx").toString(),
                "-c",
                conf.toString(),
                "-e",
                dir.resolve("nginx/error.log").toString(),
                "-g",
                "daemon off;")
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("nginx/out.log").toFile())
            .start();
    try {
      HttpClient http = HttpClient.newHttpClient();
      URI base = URI.create("http://127.0.0.1:" + port);
      HttpResponse<String> get = null;
      Instant until = Instant.now().plusSeconds(20);
      while (get == null) {
        try {
          get =
              http.send(
                  HttpRequest.newBuilder(base.resolve("/v1/status/sra/SRR0000001")).build(),
                  HttpResponse.BodyHandlers.ofString());
        } catch (java.net.ConnectException notYet) {
          assertThat(p.isAlive()).as(Files.readString(dir.resolve("nginx/out.log"))).isTrue();
          assertThat(Instant.now()).isBefore(until);
          Thread.sleep(100);
        }
      }
      assertThat(get.statusCode()).isEqualTo(503);
      assertThat(get.headers().firstValue("Content-Type")).contains("application/problem+json");
      assertThat(get.body())
          .contains("\"status\":503")
          .contains("no mevflow API process answered behind nginx");
      HttpResponse<String> post =
          http.send(
              HttpRequest.newBuilder(base.resolve("/api/operations/run/"))
                  .POST(HttpRequest.BodyPublishers.ofString("{}"))
                  .header("Content-Type", "application/json")
                  .timeout(Duration.ofSeconds(20))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(post.statusCode()).isEqualTo(503);
      assertThat(post.headers().firstValue("Content-Type")).contains("application/problem+json");
    } finally {
      p.destroy();
      p.waitFor(10, TimeUnit.SECONDS);
    }
  }
}
