package org.mevflow.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mevflow.api.testing.Http;
import org.mevflow.core.ToolCache;

/**
 * schemathesis (pinned by scripts/install-schemathesis) against the dev stack's own OpenAPI
 * document, as the dev user (an admin, so admin routes are exercised too): every operation the
 * document lists, with the inputs schemathesis derives from it, a bounded number of cases each and
 * a fixed seed. No case may get a 5xx, and every answer must be as documented: its status, content
 * type, headers and body schema (refusals as problem+json), a missing or ignored credential
 * refused. Left out: the Globus and Dropbox routes, which answer 501 by design when those services
 * are not configured (they cannot be here), and the token route (its DELETE would revoke the run's
 * token).
 */
class SchemathesisIT {
  @TempDir Path dir;

  @Test
  void everyGeneratedRequestIsAnsweredAsDocumentedAndNoneWithA5xx() throws Exception {
    Path schemathesis = ToolCache.dir().resolve("bin").resolve("schemathesis");
    assertThat(schemathesis).as("scripts/setup installs schemathesis").isExecutable();
    int apiPort = Launcher.freePort();
    Map<String, String> env =
        Map.of(
            "MEVFLOW_HOME", dir.resolve("home").toString(),
            "SERVER_PORT", Integer.toString(apiPort),
            "MEVFLOW_TEMPORAL_PORT", Integer.toString(Launcher.freePort()),
            "MEVFLOW_TEMPORAL_UI_PORT", Integer.toString(Launcher.freePort()));
    try (Launcher dev = Launcher.start(dir.resolve("dev.log"), env, "dev")) {
      String base = "http://127.0.0.1:" + apiPort;
      dev.awaitHttp200(base + "/actuator/health");
      // a wort token: it does not expire within the run, as a WebMEV access token (5 minutes)
      // would; /v1/auth/tokens is left out below, or its DELETE would revoke it mid-run
      String access = Http.local(apiPort).post("/v1/auth/tokens", Http.basic("dev", "dev")).body();
      List<String> command =
          new ArrayList<>(
              List.of(
                  schemathesis.toString(),
                  "run",
                  base + "/v3/api-docs/mevflow",
                  "--url",
                  base,
                  "-H",
                  "Authorization: Bearer " + access,
                  // every check but two: a schema-valid request may be refused for what the
                  // schema cannot say (an id that names nothing: 404), and WebMEV's literal
                  // paths share their shape with templated ones (/api/resources/upload/ is also
                  // /api/resources/{id}/), so Allow truthfully lists methods their document
                  // puts under the other path
                  "--checks",
                  "all",
                  "--exclude-checks",
                  "positive_data_acceptance,unsupported_method,allow_header_conformance",
                  "--max-examples",
                  "40",
                  "--seed",
                  "1",
                  "--request-timeout",
                  "30",
                  "--workers",
                  "2",
                  "--exclude-path-regex",
                  "^/api/(globus/|resources/dropbox-upload/)|^/v1/auth/tokens$"));
      Path out = dir.resolve("schemathesis.log");
      Process p =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(out.toFile())
              .start();
      boolean ended = p.waitFor(15, TimeUnit.MINUTES);
      if (!ended) {
        p.destroyForcibly();
      }
      String report = Files.readString(out, StandardCharsets.UTF_8);
      assertThat(ended).as("schemathesis ended in 15 minutes:\n" + report).isTrue();
      assertThat(report).as(report).contains("Tested:");
      assertThat(p.exitValue()).as(report + "\n" + dev.output()).isZero();
    }
  }
}
