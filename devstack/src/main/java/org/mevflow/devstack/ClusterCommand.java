package org.mevflow.devstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.mevflow.app.DevHome;
import org.mevflow.app.ServiceCommands;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./mevflow cluster}: what a production deployment is, on one machine, each part a real
 * server in a process of its own: PostgreSQL (Debian's) holding mevflow's database beside
 * Temporal's two, Temporal's server at the pinned version (schema set up and upgraded by its sql
 * tool), its Web UI, an S3 object store (SeaweedFS), nginx in front of the API's replicas, and the
 * workers split by queue as {@code deploy/topology.yaml} says. Prints where everything is, stops
 * everything on Ctrl-C, and stops what a killed earlier launcher left running.
 */
@Command(
    name = "cluster",
    description = {
      "Start mevflow as deployed, on this machine: PostgreSQL, Temporal's server and Web UI,",
      "an S3 object store, nginx before the API's replicas, and the workers split by queue",
      "(deploy/topology.yaml). Its state lives in $MEVFLOW_HOME/cluster. Ctrl-C stops it."
    })
class ClusterCommand implements Callable<Integer> {
  static final Duration START_LIMIT = Duration.ofMinutes(3);

  @Option(
      names = "--port",
      defaultValue = "${env:MEVFLOW_CLUSTER_PORT:-8080}",
      description = "nginx's port on 127.0.0.1, the API's address (env MEVFLOW_CLUSTER_PORT)")
  int port;

  @Option(
      names = "--ports-from",
      defaultValue = "${env:MEVFLOW_CLUSTER_PORTS_FROM:-17200}",
      description =
          "the first of "
              + ClusterPorts.COUNT
              + " consecutive ports the servers take"
              + " (env MEVFLOW_CLUSTER_PORTS_FROM)")
  int portsFrom;

  @Option(
      names = "--history-shards",
      defaultValue = "${env:MEVFLOW_CLUSTER_HISTORY_SHARDS:-4}",
      description =
          "Temporal's history shards, fixed when its database is made (env"
              + " MEVFLOW_CLUSTER_HISTORY_SHARDS)")
  int historyShards;

  @Option(
      names = "--cromwell-sim",
      defaultValue = "${env:MEVFLOW_CROMWELL_SIM:-false}",
      description = "also run the Cromwell simulator (on the object store) and send jobs to it")
  boolean cromwellSim;

  @Option(
      names = "--cromwell-sim-run-time",
      defaultValue = "${env:MEVFLOW_CROMWELL_SIM_RUN_TIME:-PT10S}",
      description = "how long each simulated Cromwell job runs")
  Duration cromwellSimRunTime;

  @Override
  public Integer call() throws Exception {
    DevHome dev = DevHome.fromEnvironment();
    Path home = dev.root().resolve("cluster");
    Files.createDirectories(home);
    ClusterPorts ports = new ClusterPorts(portsFrom, port);
    ClusterTopology topology = ClusterTopology.load();
    ClusterBinaries binaries = ClusterBinaries.find();
    ClusterSecrets secrets = ClusterSecrets.in(home.resolve("secrets"));

    List<Supervised> started = new ArrayList<>();
    Runnable stopAll = () -> stopInReverse(started, home);
    Thread hook = new Thread(stopAll, "mevflow-cluster-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      ClusterPostgres postgres = new ClusterPostgres(binaries, home, ports.postgres(), secrets);
      // what a launcher killed with -9 left running holds the ports: stop it first
      stopLeftovers(home, postgres.dataDir());
      ports.requireFree();
      started.add(postgres.start());
      postgres.createDatabases("mevflow", "temporal", "temporal_visibility");

      ClusterObjects objects = new ClusterObjects(binaries, home, ports, secrets);
      started.add(objects.start());
      List<String> buckets = new ArrayList<>(topology.buckets());
      if (cromwellSim) {
        buckets.add(ClusterObjects.CROMWELL_BUCKET);
      }
      objects.createBuckets(buckets);

      ClusterTemporal temporal =
          new ClusterTemporal(binaries, home, ports, postgres, historyShards);
      temporal.setUpSchemas();
      started.add(temporal.start());
      temporal.setUpNamespace();
      started.add(temporal.startUi());

      Map<String, String> env = new LinkedHashMap<>();
      env.put("MEVFLOW_HOME", dev.root().toString());
      env.put("MEVFLOW_DB_URL", postgres.jdbcUrl("mevflow"));
      env.put("MEVFLOW_DB_USER", ClusterPostgres.USER);
      env.put("MEVFLOW_DB_PASSWORD", secrets.databasePassword());
      env.put("TEMPORAL_ADDRESS", temporal.target());
      env.put("TEMPORAL_NAMESPACE", ClusterTemporal.NAMESPACE);
      env.put("MEVFLOW_SECRET", secrets.apiSecret());
      env.putAll(objects.clientEnvironment());
      if (cromwellSim) {
        Supervised sim = ClusterMevflow.cromwellSim(home, ports, env, cromwellSimRunTime);
        started.add(sim);
        env.put("MEVFLOW_CROMWELL_URL", "http://127.0.0.1:" + ports.cromwellSim());
      }
      // the schema (migrated once, not raced by five processes), the dev user and the examples,
      // before anything answers
      DevSeed.ensureDevUser(
          postgres.dataSource("mevflow"),
          System.getenv().getOrDefault("MEVFLOW_DEV_PASSWORD", "dev"));
      DevSeed.ingestExamples(postgres.dataSource("mevflow"), objects.storage());
      ClusterMevflow mevflow = new ClusterMevflow(home, topology, ports, env);
      List<Supervised> processes = mevflow.startAll();
      started.addAll(processes);
      mevflow.awaitAll(processes);

      ClusterNginx nginx = new ClusterNginx(binaries, home, ports, topology);
      started.add(nginx.start());

      Properties stack = describe(ports, postgres, temporal, objects, started, home);
      ClusterBanner.print(stack, topology, cromwellSim);
    } catch (Exception e) {
      Runtime.getRuntime().removeShutdownHook(hook);
      stopAll.run();
      throw e;
    }
    ServiceCommands.keepRunning();
    holdOpen("mevflow-cluster");
    return 0;
  }

  /** Leftovers are stopped dependents first, as a clean stop would stop them. */
  static final List<String> STOP_ORDER =
      List.of("nginx", "mevflow", "cromwell-sim", "temporal-ui", "temporal", "objects", "postgres");

  /**
   * Stops every server an earlier launcher of this home left running (kill -9 runs no shutdown
   * hook), each found by its pid file and recognised by a command line naming this home (or, for
   * PostgreSQL, its data), so that a process merely reusing a pid is never touched.
   */
  static void stopLeftovers(Path home, Path postgresData) throws IOException {
    for (String part : STOP_ORDER) {
      Path dir = home.resolve(part);
      if (!Files.isDirectory(dir)) {
        continue;
      }
      try (var files = Files.list(dir)) {
        for (Path pid : files.filter(f -> f.toString().endsWith(".pid")).sorted().toList()) {
          String name = pid.getFileName().toString().replaceFirst("\\.pid$", "");
          String mark = part.equals("postgres") ? postgresData.toString() : home.toString();
          Leftovers.stop(pid, mark, name, "./mevflow cluster").ifPresent(System.out::println);
        }
      }
    }
  }

  /** What tests, benchmarks and operators read: every address and pid, in cluster.properties. */
  private static Properties describe(
      ClusterPorts ports,
      ClusterPostgres postgres,
      ClusterTemporal temporal,
      ClusterObjects objects,
      List<Supervised> started,
      Path home)
      throws IOException {
    Properties p = new Properties();
    p.setProperty("home", home.toString());
    p.setProperty("api.url", "http://127.0.0.1:" + ports.nginx());
    p.setProperty("db.url", postgres.jdbcUrl("mevflow"));
    p.setProperty("db.user", ClusterPostgres.USER);
    p.setProperty("db.password.file", postgres.secrets().databasePasswordFile().toString());
    p.setProperty("db.data", postgres.dataDir().toString());
    p.setProperty("db.port", Integer.toString(ports.postgres()));
    p.setProperty("temporal.target", temporal.target());
    p.setProperty("temporal.ui", "http://127.0.0.1:" + ports.temporalUi());
    p.setProperty("temporal.sql-tool", temporal.sqlTool().toString());
    p.setProperty("s3.endpoint", objects.endpoint());
    for (Supervised s : started) {
      p.setProperty("pid." + s.name, Long.toString(s.pid()));
      p.setProperty("log." + s.name, s.log().toString());
    }
    ClusterMevflow.apiPorts(ports)
        .forEach((name, port) -> p.setProperty("port." + name, Integer.toString(port)));
    if (ports.cromwellSim() > 0) {
      p.setProperty("cromwell.url", "http://127.0.0.1:" + ports.cromwellSim());
    }
    Path file = home.resolve("cluster.properties");
    Path tmp = home.resolve("cluster.properties.tmp");
    try (var out = Files.newBufferedWriter(tmp)) {
      p.store(out, "./mevflow cluster: where everything is (removed when it stops)");
    }
    Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    return p;
  }

  private static void stopInReverse(List<Supervised> started, Path home) {
    // nginx first (no new requests), then the API and workers together (each drains within its
    // own bound), then what they use
    List<Supervised> reversed = new ArrayList<>(started);
    java.util.Collections.reverse(reversed);
    List<Supervised> mevflow =
        reversed.stream()
            .filter(s -> s.name.startsWith("api") || s.name.startsWith("worker"))
            .toList();
    for (Supervised s : reversed) {
      if (s.name.equals("nginx")) {
        s.close();
      }
    }
    mevflow.parallelStream().forEach(Supervised::close);
    for (Supervised s : reversed) {
      if (!s.name.equals("nginx") && !mevflow.contains(s)) {
        s.close();
      }
    }
    try {
      Files.deleteIfExists(home.resolve("cluster.properties"));
    } catch (IOException ignored) {
      // the next start rewrites it
    }
  }

  /**
   * No Spring context holds this JVM open: a non-daemon thread named {@code name} does, until a
   * signal stops it (the dev stack's {@code --infra-only} too).
   */
  static void holdOpen(String name) {
    Thread holder =
        new Thread(
            () -> {
              try {
                new java.util.concurrent.CountDownLatch(1).await();
              } catch (InterruptedException stopping) {
                Thread.currentThread().interrupt();
              }
            },
            name);
    holder.setDaemon(false);
    holder.start();
  }

  /** True when {@code url} answers 200 within two seconds. */
  static boolean answers200(String url) {
    try {
      HttpResponse<Void> r =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
              HttpResponse.BodyHandlers.discarding());
      return r.statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
}
