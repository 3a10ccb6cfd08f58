package org.mevflow.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * One server of {@code ./mevflow cluster} as a child process, kept running as a platform keeps its
 * services: its pid in {@code <name>.pid} (so that a launcher killed with -9 leaves nothing the
 * next start cannot find), its output in {@code <name>.log}, and a restart after an exit nobody
 * asked for, at most {@link #RESTARTS} in a row without a healthy minute (then it says so and stays
 * down). Stopping sends {@code stopSignal}, waits {@code stopBound}, then kills.
 */
final class Supervised implements AutoCloseable {
  static final int RESTARTS = 5;
  static final Duration HEALTHY = Duration.ofMinutes(1);

  final String name;
  private final List<String> command;
  private final Map<String, String> env;
  private final Path dir;
  private final String mark;
  private final String stopSignal;
  private final Duration stopBound;
  private volatile Process process;
  private volatile boolean closing;
  private int restarts;
  private Instant started;

  private Supervised(
      String name,
      List<String> command,
      Map<String, String> env,
      Path dir,
      String mark,
      String stopSignal,
      Duration stopBound) {
    this.name = name;
    this.command = List.copyOf(command);
    this.env = Map.copyOf(env);
    this.dir = dir;
    this.mark = mark;
    this.stopSignal = stopSignal;
    this.stopBound = stopBound;
  }

  /**
   * Starts {@code command} with {@code env} added to this process's environment, after stopping
   * what an earlier launcher of the same cluster left under this name ({@code mark}: a word of the
   * command line that names this cluster's home).
   */
  static Supervised start(
      String name,
      List<String> command,
      Map<String, String> env,
      Path dir,
      String mark,
      String stopSignal,
      Duration stopBound)
      throws IOException {
    Files.createDirectories(dir);
    Leftovers.stop(pidFile(dir, name), mark, name, "./mevflow cluster")
        .ifPresent(System.out::println);
    Supervised s = new Supervised(name, command, env, dir, mark, stopSignal, stopBound);
    // this run's log starts empty (readiness checks read it); the last run's is kept beside it
    if (Files.exists(s.log())) {
      Files.move(
          s.log(),
          dir.resolve(name + ".previous.log"),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    s.launch();
    return s;
  }

  static Path pidFile(Path dir, String name) {
    return dir.resolve(name + ".pid");
  }

  Path log() {
    return dir.resolve(name + ".log");
  }

  long pid() {
    return process.pid();
  }

  boolean alive() {
    return process.isAlive();
  }

  private synchronized void launch() throws IOException {
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()));
    pb.environment().putAll(env);
    process = pb.start();
    started = Instant.now();
    Files.writeString(pidFile(dir, name), process.pid() + "\n");
    Process watched = process;
    watched.onExit().thenRun(() -> exited(watched));
  }

  private synchronized void exited(Process p) {
    if (closing || p != process) {
      return;
    }
    if (Duration.between(started, Instant.now()).compareTo(HEALTHY) > 0) {
      restarts = 0;
    }
    if (++restarts > RESTARTS) {
      System.out.println(
          "cluster: "
              + name
              + " exited with "
              + p.exitValue()
              + " "
              + RESTARTS
              + " times in a row; left down (see "
              + log()
              + ")");
      return;
    }
    System.out.println(
        "cluster: " + name + " exited with " + p.exitValue() + "; restarting (see " + log() + ")");
    try {
      Thread.sleep(Math.min(10_000, 500L << restarts));
      if (!closing) {
        launch();
      }
    } catch (IOException e) {
      System.out.println("cluster: " + name + " did not restart: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Waits, at most {@code limit}, until {@code ready} holds; fails with the last lines of the log
   * when the process exits or the bound passes.
   */
  void await(BooleanSupplier ready, Duration limit, String what) {
    Instant deadline = Instant.now().plus(limit);
    while (Instant.now().isBefore(deadline)) {
      if (ready.getAsBoolean()) {
        return;
      }
      try {
        Thread.sleep(250);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted waiting for " + name);
      }
    }
    throw new IllegalStateException(
        name + " did not " + what + " within " + limit.toSeconds() + " s: " + tail());
  }

  /** The log's last lines, for a message. */
  String tail() {
    try {
      List<String> lines = Files.readAllLines(log());
      return "its log "
          + log()
          + " ends:\n  "
          + String.join("\n  ", lines.subList(Math.max(0, lines.size() - 8), lines.size()));
    } catch (IOException | UncheckedIOException e) {
      return "see " + log();
    }
  }

  @Override
  public void close() {
    closing = true;
    Process p = process;
    if (p == null || !p.isAlive()) {
      deletePid();
      return;
    }
    signal(p.pid(), stopSignal);
    try {
      if (!p.waitFor(stopBound.toMillis(), TimeUnit.MILLISECONDS)) {
        System.out.println(
            "cluster: " + name + " did not stop within " + stopBound.toSeconds() + " s; killed");
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        p.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroyForcibly();
    }
    deletePid();
  }

  private void deletePid() {
    try {
      Files.deleteIfExists(pidFile(dir, name));
    } catch (IOException ignored) {
      // the next start checks the process the pid names before touching it
    }
  }

  /** Sends a named signal (TERM, INT, QUIT) with kill(1): Java itself only sends TERM and KILL. */
  static void signal(long pid, String signal) {
    try {
      new ProcessBuilder("kill", "-" + signal, Long.toString(pid))
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .start()
          .waitFor(5, TimeUnit.SECONDS);
    } catch (IOException e) {
      ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
