package org.mevflow.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The built launcher jar run as a separate process, as {@code ./mevflow} runs it. */
final class Launcher implements AutoCloseable {
  static final Duration START_LIMIT = Duration.ofSeconds(120);
  // a stopping stack lets running activities finish for up to 30 s (the worker's grace), then
  // stops Temporal (up to 15 s) and PostgreSQL
  static final Duration STOP_LIMIT = Duration.ofSeconds(60);

  final Process process;
  final Path log;

  private Launcher(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  static Path jar() {
    Path jar = Path.of(System.getProperty("mevflow.jar", "target/mevflow.jar"));
    assertThat(jar).as("the launcher jar is built before integration tests").exists();
    return jar;
  }

  /**
   * The JVM options of every program a test starts: these processes live for seconds to minutes and
   * several share two cores, so the JIT's first tier only (most of a Spring process's start is
   * compiling) and the serial collector (no GC threads per process). {@code -Dmevflow.it.jvm=...}
   * sets others; the programs' behaviour is the same either way.
   */
  static List<String> java() {
    List<String> command = new ArrayList<>(List.of("java"));
    String options =
        System.getProperty("mevflow.it.jvm", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC").strip();
    if (!options.isEmpty()) {
      command.addAll(List.of(options.split("\\s+")));
    }
    return command;
  }

  /**
   * A test's environment for a program, with a sketch whose worker was killed tried again after 2 s
   * instead of a minute (MEVFLOW_SKETCH_RETRY_AFTER): the fault tests wait for those retries, and
   * what they prove (finished once, nothing lost) does not depend on the interval.
   */
  static Map<String, String> processEnv(Map<String, String> env) {
    Map<String, String> all = new java.util.HashMap<>(env);
    all.putIfAbsent("MEVFLOW_SKETCH_RETRY_AFTER", "2s");
    // a killed worker's sketch is taken up after 20 s without a heartbeat, not 45 s
    all.putIfAbsent("MEVFLOW_SKETCH_HEARTBEAT_TIMEOUT", "20s");
    // without it the Web UI takes the Temporal port + 1000, a port no one checked or reserved
    if (all.containsKey("MEVFLOW_TEMPORAL_PORT") && !all.containsKey("MEVFLOW_TEMPORAL_UI_PORT")) {
      try {
        all.put("MEVFLOW_TEMPORAL_UI_PORT", Integer.toString(freePort()));
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
    return all;
  }

  static Launcher start(Path log, Map<String, String> env, String... args) throws IOException {
    List<String> command = java();
    command.addAll(List.of("-Xmx512m", "-jar", jar().toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.redirectOutput(log.toFile());
    pb.environment().putAll(processEnv(env));
    return new Launcher(pb.start(), log);
  }

  /** Runs a command to its end with {@code stdin} as input; returns exit code and output. */
  static Result run(String stdin, Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    return runIn(Path.of("."), stdin.getBytes(StandardCharsets.UTF_8), env, args);
  }

  /** Like {@link #run} in folder {@code dir}, with raw bytes on stdin; stdout and stderr merged. */
  static Result runIn(Path dir, byte[] stdin, Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    List<String> command = java();
    command.addAll(List.of("-jar", jar().toAbsolutePath().toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
    pb.environment().putAll(processEnv(env));
    Process p = pb.start();
    p.getOutputStream().write(stdin);
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("command ended: " + out).isTrue();
    return new Result(p.exitValue(), out);
  }

  record Result(int exitCode, String output) {}

  /**
   * {@code ./mevflow cromwell-sim} as a process of its own (it outlives a dev stack), its outputs
   * in {@code storageRoot}; answers once it listens. Its address: {@link #simUrl()}.
   */
  static Launcher cromwellSim(Path dir, Path storageRoot, String runTime)
      throws IOException, InterruptedException {
    Files.createDirectories(storageRoot);
    Launcher sim =
        start(
            dir.resolve("sim.log"),
            Map.of(),
            "cromwell-sim",
            "--storage-root",
            storageRoot.toString(),
            "--run-time",
            runTime);
    sim.awaitOutput("Cromwell simulator listening on ");
    return sim;
  }

  /** The address a {@link #cromwellSim} process printed. */
  String simUrl() {
    return output().replaceAll("(?s).*listening on (\\S+).*", "$1");
  }

  /**
   * The environment of a dev stack in {@code home} with its API on {@code apiPort}: Temporal and
   * its Web UI on free ports, and {@code temporal} naming the server (cli or test-server).
   */
  static Map<String, String> devEnv(Path home, int apiPort, String temporal) throws IOException {
    Map<String, String> env = new java.util.HashMap<>();
    env.put("MEVFLOW_HOME", home.toString());
    env.put("SERVER_PORT", Integer.toString(apiPort));
    env.put("MEVFLOW_TEMPORAL_PORT", Integer.toString(freePort()));
    env.put("MEVFLOW_TEMPORAL_UI_PORT", Integer.toString(freePort()));
    env.put("MEVFLOW_TEMPORAL", temporal);
    return env;
  }

  /** A script standing in for a tool (fastq-dump), executable. */
  static Path executable(Path file, String body) throws IOException {
    Files.writeString(file, "#!/bin/bash\n" + body);
    Files.setPosixFilePermissions(
        file, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
    return file;
  }

  /**
   * A port for a process to listen on, chosen below Linux's ephemeral range (32768-60999): a port
   * the kernel hands out for outgoing connections or port-0 servers could be taken between this
   * check and the process binding it. Test classes run in parallel forks, so each fork draws from a
   * block of its own ({@code mevflow.it.fork} of {@code mevflow.it.forks}): two stacks starting at
   * once never pick the same port, and a fork never hands out a port twice (a stack binds its ports
   * seconds after they are drawn).
   */
  static synchronized int freePort() throws IOException {
    int forks = Math.max(1, Integer.getInteger("mevflow.it.forks", 1));
    int fork = Math.floorMod(Integer.getInteger("mevflow.it.fork", 1) - 1, forks);
    int size = 12_000 / forks;
    int base = 20_000 + fork * size;
    for (int attempt = 0; attempt < 200; attempt++) {
      int port = base + RANDOM.nextInt(size);
      if (!HANDED_OUT.add(port)) {
        continue;
      }
      try (ServerSocket s = new ServerSocket()) {
        s.setReuseAddress(false);
        s.bind(new java.net.InetSocketAddress("0.0.0.0", port));
        return port;
      } catch (IOException taken) {
        // try another
      }
    }
    throw new IOException("no free port between " + base + " and " + (base + size));
  }

  /** The first of {@code count} consecutive free ports, drawn as {@link #freePort} draws one. */
  static synchronized int freePortBlock(int count) throws IOException {
    for (int attempt = 0; attempt < 200; attempt++) {
      int first = freePort();
      boolean free = true;
      for (int p = first + 1; p < first + count && free; p++) {
        free = !HANDED_OUT.contains(p) && isFree(p);
      }
      if (free) {
        for (int p = first + 1; p < first + count; p++) {
          HANDED_OUT.add(p);
        }
        return first;
      }
    }
    throw new IOException("no " + count + " consecutive free ports");
  }

  private static boolean isFree(int port) {
    try (ServerSocket s = new ServerSocket()) {
      s.setReuseAddress(false);
      s.bind(new java.net.InetSocketAddress("0.0.0.0", port));
      return true;
    } catch (IOException taken) {
      return false;
    }
  }

  private static final java.util.Random RANDOM = new java.security.SecureRandom();
  private static final java.util.Set<Integer> HANDED_OUT = new java.util.HashSet<>();

  /** Waits (bounded) until {@code url} answers 200; fails with the process log otherwise. */
  void awaitHttp200(String url) throws InterruptedException {
    HttpClient http = HttpClient.newHttpClient();
    Instant deadline = Instant.now().plus(START_LIMIT);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new AssertionError("process exited with " + process.exitValue() + ":\n" + output());
      }
      try {
        var r =
            http.send(
                HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(500);
    }
    throw new AssertionError(url + " did not answer within " + START_LIMIT + ":\n" + output());
  }

  /** Waits (bounded) until the process has printed {@code text}. */
  void awaitOutput(String text) throws InterruptedException {
    awaitOutput(text, START_LIMIT);
  }

  /** Waits, at most {@code limit}, until the process has printed {@code text}. */
  void awaitOutput(String text, Duration limit) throws InterruptedException {
    Instant deadline = Instant.now().plus(limit);
    while (!output().contains(text)) {
      if (Instant.now().isAfter(deadline) || !process.isAlive()) {
        throw new AssertionError("never printed '" + text + "':\n" + output());
      }
      Thread.sleep(200);
    }
  }

  String output() {
    try {
      return Files.exists(log) ? Files.readString(log) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** SIGTERM (what Ctrl-C's shutdown path also runs), then a bounded wait; returns exit code. */
  int stop() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(STOP_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("did not stop within " + STOP_LIMIT + ":\n" + output());
    }
    return process.exitValue();
  }

  /** A test that ends early takes the servers the process started (Temporal's) with it. */
  @Override
  public void close() {
    if (process.isAlive()) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
  }
}
