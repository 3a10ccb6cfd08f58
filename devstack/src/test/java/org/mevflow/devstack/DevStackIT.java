package org.mevflow.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mevflow.api.testing.Http.basic;
import static org.mevflow.api.testing.Http.bearer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mevflow.api.testing.Http;

/**
 * {@code ./mevflow dev} on a fresh folder, on Temporal's own server: up, tokens work, the server
 * restarted when it dies, stops cleanly, data survives.
 */
class DevStackIT {
  @TempDir Path home;

  @Test
  void theWholeStackStartsServesTokensStopsAndKeepsItsData() throws Exception {
    int apiPort = Launcher.freePort();
    int temporalPort = Launcher.freePort();
    Map<String, String> env =
        Map.of(
            "MEVFLOW_HOME", home.toString(),
            "SERVER_PORT", Integer.toString(apiPort),
            "MEVFLOW_TEMPORAL_PORT", Integer.toString(temporalPort),
            "MEVFLOW_TEMPORAL_UI_PORT", Integer.toString(Launcher.freePort()),
            "MEVFLOW_TEMPORAL", "cli",
            "MEVFLOW_DEV_PASSWORD", "first-password");
    Http http = Http.local(apiPort);
    String kept;

    try (Launcher dev = Launcher.start(home.resolve("dev1.log"), env, "dev")) {
      dev.awaitHttp200("http://127.0.0.1:" + apiPort + "/actuator/health");
      // a client that only waits for health can log in at once
      assertThat(http.post("/v1/auth/tokens", basic("dev", "first-password")).status())
          .isEqualTo(200);
      dev.awaitOutput("Ctrl-C stops everything.");
      Http.Response health = http.get("/actuator/health", null);
      assertThat(health.json().at("/components/db/status").asText()).isEqualTo("UP");
      assertThat(health.json().at("/components/temporal/status").asText()).isEqualTo("UP");
      assertThat(dev.output())
          .contains("dev user     dev / dev@localhost   password: first-password")
          .contains("127.0.0.1:" + temporalPort);
      assertThat(home.resolve("stack.properties")).exists();

      String token = http.post("/v1/auth/tokens", basic("dev", "first-password")).body();
      assertThat(http.get("/api/users/", bearer(token)).status()).isEqualTo(200);
      assertThat(http.delete("/v1/auth/tokens", bearer(token)).status()).isEqualTo(204);
      assertThat(http.get("/api/users/", bearer(token)).status()).isEqualTo(401);

      kept = http.post("/v1/auth/tokens", basic("dev", "first-password")).body();

      // the worker in the same process serves every queue
      Http.Response probe = http.get("/v1/admin/workers/sketch-genomes/roundtrip", bearer(kept));
      assertThat(probe.status()).as(probe.toString()).isEqualTo(200);
      assertThat(probe.json().get("databaseReachable").asBoolean()).isTrue();

      // Temporal's server dies under the running stack: said in one line, started again on the
      // same data, and the workers reach it again
      long server = Long.parseLong(Files.readString(home.resolve("temporal/server.pid")).strip());
      ProcessHandle.of(server).orElseThrow().destroyForcibly();
      dev.awaitOutput("Temporal's dev server is back on 127.0.0.1:" + temporalPort);
      assertThat(dev.output())
          .contains("mevflow dev: Temporal's dev server (pid " + server + ") exited with");
      Http.Response again = http.get("/v1/admin/workers/sketch-genomes/roundtrip", bearer(kept));
      assertThat(again.status()).as(again.toString()).isEqualTo(200);

      assertThat(dev.stop()).isIn(0, 130, 143);
      assertThat(dev.output()).doesNotContain("did not stop cleanly");
      assertThat(ProcessHandle.of(server).map(ProcessHandle::isAlive).orElse(false)).isFalse();
      assertThat(home.resolve("temporal/server.pid")).doesNotExist();
    }
    assertThat(home.resolve("stack.properties")).doesNotExist();
    assertThat(home.resolve("postgres")).isDirectory();
    assertThat(home.resolve("storage")).isDirectory();

    // Restart on the same folder: the token issued before survives (data and secret are kept),
    // and the dev password follows MEVFLOW_DEV_PASSWORD.
    Map<String, String> again = new HashMap<>(env);
    again.put("MEVFLOW_DEV_PASSWORD", "second-password");
    try (Launcher dev = Launcher.start(home.resolve("dev2.log"), again, "dev")) {
      dev.awaitHttp200("http://127.0.0.1:" + apiPort + "/actuator/health");
      assertThat(http.get("/api/users/", bearer(kept)).status()).isEqualTo(200);
      assertThat(http.post("/v1/auth/tokens", basic("dev", "first-password")).status())
          .isEqualTo(401);
      assertThat(http.post("/v1/auth/tokens", basic("dev", "second-password")).body())
          .isEqualTo(kept);
      dev.stop();
    }
  }
}
