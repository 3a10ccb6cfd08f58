package org.mevflow.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mevflow.api.testing.Http.basic;
import static org.mevflow.api.testing.Http.bearer;

import io.temporal.testserver.TestServer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mevflow.api.testing.Http;
import org.mevflow.testing.TestPostgres;

/**
 * Production's shape: {@code ./mevflow api} and {@code ./mevflow worker} as separate processes
 * against one Temporal server and one PostgreSQL, and {@code ./mevflow users create} on that
 * database.
 */
class SeparateProcessesIT {
  @TempDir Path dir;

  @Test
  void apiAndWorkerProcessesWorkTogether() throws Exception {
    int temporalPort = Launcher.freePort();
    int apiPort = Launcher.freePort();
    TestPostgres.Database db = TestPostgres.newDatabase();
    Map<String, String> env = new HashMap<>();
    env.put("MEVFLOW_DB_URL", db.jdbcUrl());
    env.put("MEVFLOW_DB_USER", db.user());
    env.put("MEVFLOW_DB_PASSWORD", db.password());
    env.put("TEMPORAL_ADDRESS", "127.0.0.1:" + temporalPort);
    env.put("MEVFLOW_SECRET", "integration-test-secret-of-enough-length");
    env.put("SERVER_PORT", Integer.toString(apiPort));
    env.put("MEVFLOW_HOME", dir.toString());

    Launcher.Result created =
        Launcher.run("ops-password\n", env, "users", "create", "ops", "--admin");
    assertThat(created.exitCode()).as(created.output()).isZero();
    assertThat(created.output()).contains("created user ops (ops@localhost), admin");

    Launcher.Result duplicate = Launcher.run("ops-password\n", env, "users", "create", "ops");
    assertThat(duplicate.exitCode()).isEqualTo(1);
    assertThat(duplicate.output()).contains("already exists");

    Launcher.Result shortPassword = Launcher.run("short\n", env, "users", "create", "eve");
    assertThat(shortPassword.exitCode()).isEqualTo(2);
    assertThat(shortPassword.output()).contains("at least 8 characters");

    Launcher.Result jobs = Launcher.run("", env, "jobs", "--failed", "--since", "P1D");
    assertThat(jobs.exitCode()).as(jobs.output()).isZero();
    assertThat(jobs.output()).contains("KIND").contains("WORKFLOW ID");
    Launcher.Result badKind = Launcher.run("", env, "jobs", "--kind", "nope");
    assertThat(badKind.exitCode()).isEqualTo(2);
    assertThat(badKind.output()).contains("unknown kind 'nope'");

    // JSON logs: a worker that cannot start says so in JSON lines on stderr
    Map<String, String> jsonEnv = new HashMap<>(env);
    jsonEnv.put("LOGGING_STRUCTURED_FORMAT_CONSOLE", "ecs");
    jsonEnv.put("MEVFLOW_WORKER_TASK_QUEUES", "no-such-queue");
    Launcher.Result json = Launcher.run("", jsonEnv, "worker");
    assertThat(json.exitCode()).isNotZero();
    var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
    var lines =
        json.output().lines().filter(l -> l.startsWith("{") && l.contains("\"message\"")).toList();
    assertThat(lines).as(json.output()).isNotEmpty();
    for (String l : lines) {
      assertThat(mapper.readTree(l).has("@timestamp")).as(l).isTrue();
    }
    assertThat(json.output()).contains("no-such-queue");

    Map<String, String> workerEnv = new HashMap<>(env);
    workerEnv.put("MEVFLOW_WORKER_TASK_QUEUES", "analyses");
    int metricsPort = Launcher.freePort();
    workerEnv.put("MEVFLOW_WORKER_METRICS_PORT", Integer.toString(metricsPort));
    try (var temporal = TestServer.createPortBoundServer(temporalPort);
        Launcher api = Launcher.start(dir.resolve("api.log"), env, "api");
        Launcher worker = Launcher.start(dir.resolve("worker.log"), workerEnv, "worker")) {
      api.awaitHttp200("http://127.0.0.1:" + apiPort + "/actuator/health");
      Http http = Http.local(apiPort);
      String token = http.post("/v1/auth/tokens", basic("ops", "ops-password")).body();

      Http.Response probe = http.get("/v1/admin/workers/analyses/roundtrip", bearer(token));
      assertThat(probe.status()).as(probe + "\n" + worker.output()).isEqualTo(200);
      assertThat(probe.json().get("worker").asText()).startsWith(worker.process.pid() + "@");
      assertThat(probe.json().get("databaseReachable").asBoolean()).isTrue();

      // sketch-large is not among the worker's queues: a bounded wait, then a clear 504.
      Http.Response unserved = http.get("/v1/admin/workers/sketch-large/roundtrip", bearer(token));
      assertThat(unserved.status()).isEqualTo(504);
      assertThat(unserved.contentType()).startsWith("application/problem+json");
      assertThat(unserved.json().get("detail").asText())
          .contains("no worker answered on task queue 'sketch-large'");

      // the worker process exports its metrics (the Temporal SDK's among them) itself
      var scrape =
          java.net.http.HttpClient.newHttpClient()
              .send(
                  java.net.http.HttpRequest.newBuilder(
                          java.net.URI.create("http://127.0.0.1:" + metricsPort + "/metrics"))
                      .build(),
                  java.net.http.HttpResponse.BodyHandlers.ofString());
      assertThat(scrape.statusCode()).isEqualTo(200);
      assertThat(scrape.body()).contains("temporal_").contains("jvm_memory");

      assertThat(worker.stop()).isIn(0, 143);
      assertThat(api.stop()).isIn(0, 143);
    }
  }

  @Test
  void theApiRefusesToStartWithoutASecret() throws Exception {
    TestPostgres.Database db = TestPostgres.newDatabase();
    Map<String, String> env =
        Map.of(
            "MEVFLOW_DB_URL", db.jdbcUrl(),
            "MEVFLOW_DB_USER", db.user(),
            "SERVER_PORT", Integer.toString(Launcher.freePort()),
            "MEVFLOW_HOME", dir.toString());
    try (Launcher api = Launcher.start(dir.resolve("nosecret.log"), env, "api")) {
      assertThat(
              api.process.waitFor(
                  Launcher.START_LIMIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS))
          .isTrue();
      assertThat(api.process.exitValue()).isNotZero();
      assertThat(api.output()).contains("MEVFLOW_SECRET");
    }
  }
}
