package org.mevflow.devstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * mevflow's own processes in the cluster, each a JVM of its own running this launcher jar as an
 * operator runs it ({@code mevflow api}, {@code mevflow worker}) with the environment a deployment
 * gives it: the API's replicas on ports of their own, and one worker per entry of the topology,
 * polling its queues and draining within its bound when stopped.
 */
final class ClusterMevflow {
  static final Duration START_LIMIT = Duration.ofMinutes(3);

  private final Path dir;
  private final ClusterTopology topology;
  private final ClusterPorts ports;
  private final Map<String, String> env;

  ClusterMevflow(Path home, ClusterTopology topology, ClusterPorts ports, Map<String, String> env) {
    this.dir = home.resolve("mevflow");
    this.topology = topology;
    this.ports = ports;
    this.env = env;
  }

  /** The API replicas' names and ports: {@code api-1}, {@code api-2}, ... */
  static Map<String, Integer> apiPorts(ClusterPorts ports) {
    Map<String, Integer> apis = new LinkedHashMap<>();
    for (int i = 0; i < ClusterTopology.load().api().replicas(); i++) {
      apis.put("api-" + (i + 1), ports.api(i));
    }
    return apis;
  }

  /** Starts every API replica and every worker at once (they start faster side by side). */
  List<Supervised> startAll() throws IOException {
    Files.createDirectories(dir);
    List<Supervised> started = new ArrayList<>();
    for (var api : apiPorts(ports).entrySet()) {
      Map<String, String> e = new LinkedHashMap<>(env);
      e.put("SERVER_PORT", Integer.toString(api.getValue()));
      e.put("SERVER_ADDRESS", "127.0.0.1");
      started.add(jvm(api.getKey(), "api", e, "", Duration.ofSeconds(30)));
    }
    for (ClusterTopology.Worker w : topology.workers()) {
      Map<String, String> e = new LinkedHashMap<>(env);
      e.put("MEVFLOW_WORKER_TASK_QUEUES", String.join(",", w.queues()));
      e.put("MEVFLOW_WORKER_SHUTDOWN_GRACE", w.drain().toSeconds() + "s");
      started.add(jvm(w.name(), "worker", e, w.javaOptions(), w.stopBound()));
    }
    return started;
  }

  private Supervised jvm(
      String name, String role, Map<String, String> e, String javaOptions, Duration stopBound)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // marks the process as this cluster's, for the leftovers check of a later start
    command.add("-Dmevflow.cluster=" + dir);
    command.add("-Xss512k");
    if (javaOptions.isBlank()) {
      command.add("-Xmx1g");
    } else {
      command.addAll(List.of(javaOptions.strip().split("\\s+")));
    }
    command.addAll(List.of("-jar", launcherJar().toString(), role));
    return Supervised.start(name, command, e, dir, "-Dmevflow.cluster=" + dir, "TERM", stopBound);
  }

  /** Waits until every API answers its readiness probe and every worker polls. */
  void awaitAll(List<Supervised> processes) {
    Map<String, Integer> apis = apiPorts(ports);
    for (Supervised p : processes) {
      Integer port = apis.get(p.name);
      if (port != null) {
        p.await(
            () ->
                ClusterCommand.answers200("http://127.0.0.1:" + port + topology.api().readiness()),
            START_LIMIT,
            "answer its readiness probe");
      } else {
        p.await(
            () -> logMentions(p.log(), "worker polling task queue"),
            START_LIMIT,
            "poll its queues");
      }
    }
  }

  private static boolean logMentions(Path log, String text) {
    try {
      return Files.readString(log).contains(text);
    } catch (IOException e) {
      return false;
    }
  }

  /** The Cromwell simulator on the cluster's object store, as a process of its own. */
  static Supervised cromwellSim(
      Path home, ClusterPorts ports, Map<String, String> env, Duration runTime) throws IOException {
    Path dir = home.resolve("cromwell-sim");
    Files.createDirectories(dir);
    List<String> command =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Dmevflow.cluster=" + dir,
            "-Xmx512m",
            "-jar",
            launcherJar().toString(),
            "cromwell-sim",
            "--port",
            Integer.toString(ports.cromwellSim()),
            "--object-store",
            "--scratch",
            dir.resolve("scratch").toString(),
            "--run-time",
            runTime.toString());
    Supervised sim =
        Supervised.start(
            "cromwell-sim",
            command,
            env,
            dir,
            "-Dmevflow.cluster=" + dir,
            "TERM",
            Duration.ofSeconds(20));
    sim.await(
        () -> logMentions(sim.log(), "Cromwell simulator listening on"), START_LIMIT, "listen");
    return sim;
  }

  /** The jar this JVM runs ({@code java -jar mevflow.jar}), which the children run too. */
  static Path launcherJar() {
    String classPath = System.getProperty("java.class.path", "");
    if (classPath.endsWith(".jar") && !classPath.contains(java.io.File.pathSeparator)) {
      return Path.of(classPath).toAbsolutePath();
    }
    throw new IllegalStateException(
        "./mevflow cluster runs from the launcher jar (java -jar mevflow.jar), not " + classPath);
  }
}
