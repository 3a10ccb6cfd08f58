package org.mevflow.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * mevflow as deployed: the infrastructure ({@code dev --infra-only}: PostgreSQL, Temporal's own
 * server, storage) in {@code home}, and the API and workers as processes of their own, started with
 * the environment an operator would give them. Closing stops the infrastructure.
 */
final class Topology implements AutoCloseable {
  final Path dir;
  final Path home;
  final Launcher infra;
  final Properties stack = new Properties();

  /** The API's and workers' environment. */
  final Map<String, String> env = new HashMap<>();

  final int apiPort;

  /**
   * Starts the infrastructure; {@code services} (Cromwell's URL, NCBI's, fastq-dump...) go to the
   * API and the workers.
   */
  Topology(Path dir, Map<String, String> services) throws IOException, InterruptedException {
    this.dir = dir;
    this.home = dir.resolve("home");
    Map<String, String> infraEnv = new HashMap<>();
    infraEnv.put("MEVFLOW_HOME", home.toString());
    infraEnv.put("MEVFLOW_TEMPORAL_PORT", Integer.toString(Launcher.freePort()));
    infraEnv.put("MEVFLOW_TEMPORAL_UI_PORT", Integer.toString(Launcher.freePort()));
    infraEnv.put("MEVFLOW_TEMPORAL", "cli");
    infraEnv.put("MEVFLOW_EXAMPLES", System.getProperty("mevflow.examples"));
    infra = Launcher.start(dir.resolve("infra.log"), infraEnv, "dev", "--infra-only");
    infra.awaitOutput("mevflow dev infrastructure is up");
    try (var in = Files.newBufferedReader(home.resolve("stack.properties"))) {
      stack.load(in);
    }
    assertThat(stack).doesNotContainKey("api.url");
    apiPort = Launcher.freePort();
    env.put("TEMPORAL_ADDRESS", stack.getProperty("temporal.target"));
    env.put("MEVFLOW_DB_URL", stack.getProperty("db.url"));
    env.put("MEVFLOW_DB_USER", stack.getProperty("db.user"));
    env.put("MEVFLOW_STORAGE_ROOT", stack.getProperty("storage.root"));
    env.put("MEVFLOW_SECRET", Files.readString(Path.of(stack.getProperty("secret.file"))));
    env.put("MEVFLOW_HOME", home.toString());
    env.put("SERVER_PORT", Integer.toString(apiPort));
    env.putAll(services);
  }

  /** Starts the API and waits until it answers its health check. */
  Launcher api(String name) throws IOException, InterruptedException {
    Launcher api = Launcher.start(dir.resolve(name + ".log"), env, "api");
    api.awaitHttp200("http://127.0.0.1:" + apiPort + "/actuator/health");
    return api;
  }

  /** Starts a worker and waits until it polls. */
  Launcher worker(String name) throws IOException, InterruptedException {
    Launcher worker = Launcher.start(dir.resolve(name + ".log"), env, "worker");
    worker.awaitOutput("worker polling task queue 'sketch-small'");
    return worker;
  }

  /** A client of the infrastructure's Temporal server (shut it down after use). */
  WorkflowServiceStubs temporal() {
    return WorkflowServiceStubs.newServiceStubs(
        WorkflowServiceStubsOptions.newBuilder()
            .setTarget(stack.getProperty("temporal.target"))
            .build());
  }

  @Override
  public void close() throws InterruptedException {
    try {
      infra.stop();
    } finally {
      infra.close();
    }
  }
}
