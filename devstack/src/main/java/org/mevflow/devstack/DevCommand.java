package org.mevflow.devstack;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.mevflow.app.DevHome;
import org.mevflow.app.ServiceCommands;
import org.mevflow.app.Services;
import org.mevflow.core.text.Errors;
import org.mevflow.simulators.cromwell.CromwellSimulator;
import org.mevflow.simulators.docker.DockerStandIn;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./mevflow dev}: the whole system in one process, on embedded defaults. */
@Command(
    name = "dev",
    description = {
      "Start Temporal (its dev server, else the Java test server), PostgreSQL (embedded), local",
      "storage, the API and a worker.",
      "Data lives in MEVFLOW_HOME (default .mevflow/). Ctrl-C stops everything."
    })
class DevCommand implements Callable<Integer> {

  @Option(
      names = "--temporal-host",
      defaultValue = "${env:MEVFLOW_TEMPORAL_HOST:-127.0.0.1}",
      description = "address the Temporal server binds (env MEVFLOW_TEMPORAL_HOST)")
  String temporalHost;

  @Option(
      names = "--address",
      defaultValue = "${env:SERVER_ADDRESS:-127.0.0.1}",
      description =
          "address the API binds (env SERVER_ADDRESS; default loopback only, as Temporal's;"
              + " 0.0.0.0 to serve other machines)")
  String address;

  @Option(
      names = "--temporal-port",
      defaultValue = "${env:MEVFLOW_TEMPORAL_PORT:-7233}",
      description = "Temporal server port (env MEVFLOW_TEMPORAL_PORT)")
  int temporalPort;

  @Option(
      names = "--temporal",
      defaultValue = "${env:MEVFLOW_TEMPORAL:-auto}",
      description =
          "which Temporal server: cli (Temporal's dev server, durable, with the Web UI),"
              + " test-server (Java, in memory), auto (cli where installed; env MEVFLOW_TEMPORAL)")
  String temporalChoice;

  @Option(
      names = "--temporal-ui-port",
      defaultValue = "${env:MEVFLOW_TEMPORAL_UI_PORT:-0}",
      description =
          "Temporal's Web UI port (env MEVFLOW_TEMPORAL_UI_PORT; default the Temporal port + 1000,"
              + " 8233, as Temporal's CLI does)")
  int temporalUiPort;

  @Option(
      names = "--infra-only",
      description =
          "start only Temporal, PostgreSQL (and the Cromwell simulator): run './mevflow api' and"
              + " './mevflow worker' against them as separate processes (./mevflow cluster runs"
              + " the whole production topology)")
  boolean infraOnly;

  @Option(
      names = "--db-port",
      defaultValue = "${env:MEVFLOW_DB_PORT:-0}",
      description = "PostgreSQL port, 0 for any free one (env MEVFLOW_DB_PORT)")
  int dbPort;

  @Option(
      names = "--cromwell-sim",
      defaultValue = "${env:MEVFLOW_CROMWELL_SIM:-false}",
      description =
          "also start the Cromwell simulator and send Cromwell operations to it"
              + " (env MEVFLOW_CROMWELL_SIM); otherwise MEVFLOW_CROMWELL_URL names a real server")
  boolean cromwellSim;

  @Option(
      names = "--cromwell-sim-port",
      defaultValue = "${env:MEVFLOW_CROMWELL_SIM_PORT:-0}",
      description = "the simulator's port, 0 for any free one")
  int cromwellSimPort;

  @Option(
      names = "--cromwell-sim-run-time",
      defaultValue = "${env:MEVFLOW_CROMWELL_SIM_RUN_TIME:-PT10S}",
      description = "how long each simulated job runs (ISO-8601, default PT10S)")
  java.time.Duration cromwellSimRunTime;

  @Option(
      names = "--docker-sim",
      defaultValue = "${env:MEVFLOW_DOCKER_SIM:-false}",
      description =
          "run local_docker operations through mevflow's Docker CLI stand-in (env"
              + " MEVFLOW_DOCKER_SIM): commands run on this host, images are built from their"
              + " Dockerfile's ADD/COPY with '<home>/docker/docker build'; otherwise"
              + " MEVFLOW_DOCKER_BINARY names a real Docker CLI")
  boolean dockerSim;

  @Option(
      names = "--discovery",
      defaultValue = "${env:MEVFLOW_DISCOVERY:-false}",
      description =
          "also discover new public SRA runs daily (env MEVFLOW_DISCOVERY; off by default, as it"
              + " sketches every run NCBI published the day before)")
  boolean discovery;

  @Option(
      names = "--discovery-at",
      defaultValue = "${env:MEVFLOW_DISCOVERY_AT:-04:00}",
      description = "time of day (UTC unless MEVFLOW_DISCOVERY_ZONE) of the daily discovery")
  String discoveryAt;

  @Override
  public Integer call() throws Exception {
    DevHome home = DevHome.fromEnvironment();
    home.create();
    String password = System.getenv().getOrDefault("MEVFLOW_DEV_PASSWORD", "dev");

    TemporalChoice choice = TemporalChoice.parse(temporalChoice);
    Path binary = null;
    if (choice != TemporalChoice.TEST_SERVER) {
      binary = TemporalChoice.binary().orElse(null);
      if (binary == null && choice == TemporalChoice.CLI) {
        throw new IllegalStateException(TemporalChoice.MISSING + " (--temporal=cli)");
      }
      if (binary == null) {
        System.out.println(TemporalChoice.MISSING + ": falling back to the Java test server");
      }
    }
    EmbeddedDatabase db = EmbeddedDatabase.start(home.postgres(), dbPort);
    DevTemporal temporal;
    try {
      temporal =
          binary != null
              ? TemporalDevServer.start(
                  binary,
                  home.temporal(),
                  temporalHost,
                  temporalPort,
                  temporalUiPort > 0 ? temporalUiPort : temporalPort + 1000)
              : EmbeddedTemporal.start(temporalHost, temporalPort);
    } catch (Exception e) {
      db.close();
      throw e;
    }
    String temporalTarget = temporal.target();

    Map<String, String> props = new LinkedHashMap<>();
    props.put("server.address", address);
    props.put("spring.datasource.url", db.jdbcUrl());
    props.put("spring.datasource.username", EmbeddedDatabase.USER);
    props.put("spring.datasource.password", "");
    props.put("spring.temporal.connection.target", temporalTarget);
    props.put("mevflow.storage.local.root", home.storage().toString());
    // local runs work in the home too, not in a folder every stack on the machine would share
    props.put("mevflow.analyses.scratch", home.root().resolve("scratch").toString());
    props.put("mevflow.security.secret", home.secret());
    props.put("mevflow.discovery.enabled", Boolean.toString(discovery));
    props.put("mevflow.discovery.at", discoveryAt);
    CromwellSimulator sim = null;
    if (cromwellSim) {
      sim =
          CromwellSimulator.onLocalStorage(
              home.storage(),
              home.root().resolve("cromwell-sim"),
              cromwellSimPort,
              cromwellSimRunTime);
      props.put("mevflow.cromwell.url", sim.base().toString());
    }
    final CromwellSimulator simulator = sim;
    Path dockerStandIn = null;
    if (dockerSim) {
      dockerStandIn = DockerStandIn.install(home.root().resolve("docker"));
      props.put("mevflow.docker.binary", dockerStandIn.toString());
      props.put("mevflow.docker.execution-dir", home.root().resolve("executions").toString());
    }

    ConfigurableApplicationContext worker = null;
    ConfigurableApplicationContext api = null;
    try {
      // The database is ready, and the dev user exists, before anything answers: a script that
      // waits for /actuator/health can log in at once.
      DevSeed.ensureDevUser(db.dataSource(), password);
      DevSeed.ingestExamples(db.dataSource(), home);
      if (!infraOnly) {
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        // our counters go through Micrometer's global registry, as in the api and worker processes
        io.micrometer.core.instrument.Metrics.addRegistry(metrics);
        worker = Services.startWorker(props, metrics);
        api = Services.startApi(props, metrics);
      }
    } catch (RuntimeException e) {
      stop(worker, api, temporal, db, home, simulator);
      throw e;
    }

    int apiPort = api == null ? -1 : ((WebServerApplicationContext) api).getWebServer().getPort();
    Properties stack = new Properties();
    if (api != null) {
      stack.setProperty("api.url", "http://127.0.0.1:" + apiPort);
    }
    stack.setProperty("db.url", db.jdbcUrl());
    stack.setProperty("db.user", EmbeddedDatabase.USER);
    stack.setProperty("temporal.target", temporalTarget);
    stack.setProperty("temporal.server", temporal.kind().word());
    temporal.webUi().ifPresent(ui -> stack.setProperty("temporal.ui", ui));
    stack.setProperty("storage.root", home.storage().toString());
    stack.setProperty("secret.file", home.secretFile().toString());
    if (simulator != null) {
      stack.setProperty("cromwell.url", simulator.base().toString());
    }
    if (dockerStandIn != null) {
      stack.setProperty("docker.binary", dockerStandIn.toString());
    }
    home.writeStack(stack);

    final ConfigurableApplicationContext w = worker;
    final ConfigurableApplicationContext a = api;
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(() -> stop(w, a, temporal, db, home, simulator), "mevflow-dev-shutdown"));
    List<String> more = new ArrayList<>();
    more.add(
        discovery
            ? "  discovery    daily at "
                + discoveryAt
                + " "
                + System.getenv().getOrDefault("MEVFLOW_DISCOVERY_ZONE", "UTC")
                + ", started by the worker (./mevflow discovery list|pause|resume)"
            : "  discovery    off (--discovery: discover and sketch new public SRA runs daily)");
    if (simulator != null) {
      more.add(
          "  Cromwell     "
              + simulator.base()
              + "   (simulator; jobs run "
              + cromwellSimRunTime.toString().substring(2).toLowerCase()
              + ", stats at /sim/stats)");
    }
    if (dockerStandIn != null) {
      more.add(
          "  Docker       "
              + dockerStandIn
              + "   (stand-in: local_docker commands run on this host)");
    }
    if (infraOnly) {
      DevBanner.printInfraBanner(temporal, db, home, more);
      ClusterCommand.holdOpen("mevflow-dev-infra");
    } else {
      DevBanner.printBanner(apiPort, temporal, db, home, password, more);
    }
    ServiceCommands.keepRunning();
    return 0;
  }

  private static void stop(
      ConfigurableApplicationContext worker,
      ConfigurableApplicationContext api,
      DevTemporal temporal,
      EmbeddedDatabase db,
      DevHome home,
      CromwellSimulator simulator) {
    // Reverse order of start: nothing may lose the service it talks to while still running.
    closeQuietly(worker);
    closeQuietly(api);
    if (simulator != null) {
      simulator.close();
    }
    try {
      temporal.close();
    } catch (RuntimeException e) {
      System.err.println("Temporal server did not stop cleanly: " + Errors.describe(e));
    }
    try {
      db.close();
    } catch (Exception e) {
      System.err.println("PostgreSQL did not stop cleanly: " + Errors.describe(e));
    }
    home.deleteStack();
  }

  private static void closeQuietly(ConfigurableApplicationContext context) {
    if (context != null && context.isActive()) {
      context.close();
    }
  }
}
