package org.mevflow.devstack;

import io.temporal.api.workflowservice.v1.DescribeNamespaceRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.mevflow.core.text.Errors;
import org.mevflow.workflows.operators.SearchAttributeRegistration;

/**
 * Temporal's own dev server ({@code temporal server start-dev} of Temporal's CLI) as a child
 * process: the real server, with its state in a SQLite file under {@code $MEVFLOW_HOME/temporal},
 * visibility queries, schedules, reset, and the Web UI. Its pid is kept in {@code server.pid} so
 * that a launcher killed with -9 leaves nothing the next start cannot find; its output goes to
 * {@code server.log}.
 */
final class TemporalDevServer implements DevTemporal {
  static final Duration START_LIMIT = Duration.ofSeconds(60);
  static final String NAMESPACE = "default";

  /** Restarts after an unexpected exit, at most this many in a row without a healthy minute. */
  static final int RESTARTS = 5;

  private volatile Process process;
  private final List<String> command;
  private final Path log;
  private final Path dir;
  private final String host;
  private final int port;
  private final int uiPort;
  private volatile boolean closing;
  private int restarts;

  private TemporalDevServer(
      List<String> command, Path log, Path dir, String host, int port, int uiPort) {
    this.command = command;
    this.log = log;
    this.dir = dir;
    this.host = host;
    this.port = port;
    this.uiPort = uiPort;
  }

  static Path databaseFile(Path dir) {
    return dir.resolve("temporal.db");
  }

  static Path pidFile(Path dir) {
    return dir.resolve("server.pid");
  }

  /**
   * Starts the server on {@code host:port} with the Web UI on {@code uiPort}, its data in {@code
   * dir}; waits (bounded) until the {@code default} namespace answers and mevflow's search
   * attributes are registered. Fails with one line saying what and where.
   */
  static TemporalDevServer start(Path binary, Path dir, String host, int port, int uiPort)
      throws IOException {
    Files.createDirectories(dir);
    Leftovers.stop(pidFile(dir), databaseFile(dir).toString(), "a Temporal server")
        .ifPresent(System.out::println);
    requireFree(host, port, "Temporal's frontend", "MEVFLOW_TEMPORAL_PORT");
    requireFree(host, uiPort, "Temporal's Web UI", "MEVFLOW_TEMPORAL_UI_PORT");
    List<String> command =
        new ArrayList<>(
            List.of(
                binary.toString(),
                "server",
                "start-dev",
                "--ip",
                host,
                "--port",
                Integer.toString(port),
                "--ui-port",
                Integer.toString(uiPort),
                "--db-filename",
                databaseFile(dir).toString(),
                "--namespace",
                NAMESPACE,
                "--log-format",
                "json",
                "--log-level",
                "warn"));
    TemporalDevServer server =
        new TemporalDevServer(
            List.copyOf(command), dir.resolve("server.log"), dir, host, port, uiPort);
    try {
      server.launch();
      return server;
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
  }

  /** Starts the process, waits until it serves, and watches it from then on. */
  private void launch() throws IOException {
    process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    Files.writeString(pidFile(dir), process.pid() + "\n");
    awaitReady(log);
    Process watched = process;
    long started = System.nanoTime();
    watched.onExit().thenRun(() -> exited(watched, started));
  }

  /**
   * The server died under the stack: said in one line, and started again on the same data (new jobs
   * get 503 meanwhile, running ones resume), a bounded number of times.
   */
  private synchronized void exited(Process died, long startedNanos) {
    if (closing || died != process) {
      return;
    }
    if (System.nanoTime() - startedNanos > Duration.ofMinutes(1).toNanos()) {
      restarts = 0;
    }
    if (++restarts > RESTARTS) {
      System.out.println(
          "mevflow dev: Temporal's dev server exited with "
              + died.exitValue()
              + " "
              + RESTARTS
              + " times in a row; not restarting it. See "
              + log
              + ", then restart ./mevflow dev");
      return;
    }
    System.out.println(
        "mevflow dev: Temporal's dev server (pid "
            + died.pid()
            + ") exited with "
            + died.exitValue()
            + "; starting it again on "
            + databaseFile(dir)
            + " (see "
            + log
            + ")");
    try {
      sleep(1000L * restarts);
      launch();
      System.out.println("mevflow dev: Temporal's dev server is back on " + target());
    } catch (IOException | RuntimeException e) {
      System.out.println(
          "mevflow dev: Temporal's dev server did not start again: " + Errors.describe(e));
    }
  }

  private void awaitReady(Path log) {
    WorkflowServiceStubs stubs =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(target()).build());
    try {
      Instant deadline = Instant.now().plus(START_LIMIT);
      RuntimeException last = null;
      while (Instant.now().isBefore(deadline)) {
        if (!process.isAlive()) {
          throw new IllegalStateException(
              "Temporal's dev server exited with "
                  + process.exitValue()
                  + " (data "
                  + databaseFile(dir)
                  + "): "
                  + lastLine(log)
                  + "; see "
                  + log
                  + " (a corrupt temporal.db can be moved away; its jobs' rows are then healed"
                  + " by the reconcilers)");
        }
        try {
          stubs
              .blockingStub()
              .withDeadlineAfter(2, TimeUnit.SECONDS)
              .describeNamespace(
                  DescribeNamespaceRequest.newBuilder().setNamespace(NAMESPACE).build());
          SearchAttributeRegistration.register(stubs, NAMESPACE);
          return;
        } catch (RuntimeException notYet) {
          last = notYet;
        }
        sleep(250);
      }
      throw new IllegalStateException(
          "Temporal's dev server did not answer on "
              + target()
              + " within "
              + START_LIMIT.toSeconds()
              + " s: "
              + (last == null ? "" : last.getMessage())
              + "; see "
              + log);
    } finally {
      stubs.shutdownNow();
    }
  }

  /** The server's own last word, for the one line a failed start prints. */
  private static String lastLine(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      for (int i = lines.size() - 1; i >= 0; i--) {
        String line = lines.get(i).strip();
        if (!line.isEmpty()) {
          return line.length() > 400 ? line.substring(0, 400) + "..." : line;
        }
      }
      return "(no output)";
    } catch (IOException e) {
      return "(no log: " + Errors.describe(e) + ")";
    }
  }

  static void requireFree(String host, int port, String what, String variable) {
    try (ServerSocket s = new ServerSocket()) {
      s.setReuseAddress(true);
      s.bind(new InetSocketAddress(host, port));
    } catch (IOException taken) {
      throw new IllegalStateException(
          "port "
              + port
              + " on "
              + host
              + " for "
              + what
              + " is in use: stop what listens there or set "
              + variable);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while Temporal's dev server started", e);
    }
  }

  @Override
  public String target() {
    return host + ":" + port;
  }

  @Override
  public Optional<String> webUi() {
    return Optional.of("http://" + host + ":" + uiPort);
  }

  @Override
  public String describe() {
    return "Temporal's dev server, data in " + databaseFile(dir);
  }

  @Override
  public TemporalChoice kind() {
    return TemporalChoice.CLI;
  }

  /** SIGTERM, a bounded wait, then SIGKILL; the pid file goes with the process. */
  @Override
  public void close() {
    closing = true;
    Process process = this.process;
    if (process == null) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(15, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    try {
      Files.deleteIfExists(pidFile(dir));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
