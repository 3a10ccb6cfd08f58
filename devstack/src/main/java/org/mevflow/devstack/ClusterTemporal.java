package org.mevflow.devstack;

import com.google.protobuf.util.Durations;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.workflowservice.v1.DescribeNamespaceRequest;
import io.temporal.api.workflowservice.v1.RegisterNamespaceRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.mevflow.workflows.operators.SearchAttributeRegistration;

/**
 * Temporal's server as deployed: the pinned release's own {@code server} binary on PostgreSQL
 * (persistence in {@code temporal}, visibility in {@code temporal_visibility}), its schemas set up
 * and upgraded by the release's sql tool before it starts, as Temporal's docs do it; the {@code
 * default} namespace and mevflow's search attributes registered once it serves; and the Web UI as a
 * server of its own.
 */
final class ClusterTemporal {
  static final String NAMESPACE = "default";
  static final Duration RETENTION = Duration.ofDays(7);
  static final Duration START_LIMIT = Duration.ofSeconds(90);

  private final ClusterBinaries binaries;
  private final Path dir;
  private final ClusterPorts ports;
  private final ClusterPostgres postgres;
  private final int historyShards;

  ClusterTemporal(
      ClusterBinaries binaries,
      Path home,
      ClusterPorts ports,
      ClusterPostgres postgres,
      int historyShards) {
    this.binaries = binaries;
    this.dir = home.resolve("temporal");
    this.ports = ports;
    this.postgres = postgres;
    this.historyShards = historyShards;
  }

  String target() {
    return "127.0.0.1:" + ports.temporal();
  }

  Path sqlTool() {
    return binaries.temporalSqlTool();
  }

  /**
   * Sets up each database's schema the first time (version 0.0), then upgrades it to what the
   * release embeds; both are no-ops when it is current.
   */
  void setUpSchemas() throws IOException, InterruptedException, SQLException {
    Files.createDirectories(dir);
    setUpSchema("temporal", "postgresql/v12/temporal");
    setUpSchema("temporal_visibility", "postgresql/v12/visibility");
  }

  private void setUpSchema(String database, String schema)
      throws IOException, InterruptedException, SQLException {
    if (!hasSchemaVersion(database)) {
      sql(database, "setup-schema", "-v", "0.0");
    }
    sql(database, "update-schema", "--schema-name", schema);
  }

  private boolean hasSchemaVersion(String database) throws SQLException, IOException {
    try (Connection c = postgres.connect(database);
        ResultSet r = c.getMetaData().getTables(null, null, "schema_version", null)) {
      return r.next();
    }
  }

  /** Runs the sql tool on {@code database}; fails with its output. */
  private void sql(String database, String... args) throws IOException, InterruptedException {
    List<String> command =
        new ArrayList<>(
            List.of(
                binaries.temporalSqlTool().toString(),
                "--plugin",
                "postgres12",
                "--endpoint",
                "127.0.0.1",
                "--port",
                Integer.toString(postgres.port()),
                "--user",
                ClusterPostgres.USER,
                "--database",
                database));
    command.addAll(List.of(args));
    Path log = dir.resolve("sql-tool.log");
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    // the password from the environment, not the command line every user can read
    pb.environment().put("SQL_PASSWORD", postgres.secrets().databasePassword());
    Process p = pb.start();
    if (!p.waitFor(2, TimeUnit.MINUTES) || p.exitValue() != 0) {
      p.destroyForcibly();
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      throw new IllegalStateException(
          "Temporal's sql tool failed on "
              + database
              + " ("
              + String.join(" ", args)
              + "): "
              + String.join(" | ", lines.subList(Math.max(0, lines.size() - 3), lines.size())));
    }
  }

  Supervised start() throws IOException {
    Path config = dir.resolve("config");
    Files.createDirectories(config);
    Files.writeString(config.resolve("dynamicconfig.yaml"), dynamicConfig());
    Files.writeString(config.resolve("production.yaml"), serverConfig(config));
    List<String> command =
        List.of(
            binaries.temporalServer().toString(),
            "--root",
            dir.toString(),
            "--config",
            "config",
            "--env",
            "production",
            "--allow-no-auth",
            "start");
    // the password from the environment: the config file reads it ({{ env }} template)
    Supervised server =
        Supervised.start(
            "temporal",
            command,
            Map.of("MEVFLOW_TEMPORAL_DB_PASSWORD", postgres.secrets().databasePassword()),
            dir,
            dir.toString(),
            "TERM",
            Duration.ofSeconds(30));
    server.await(this::serving, START_LIMIT, "serve on " + target());
    return server;
  }

  private boolean serving() {
    WorkflowServiceStubs stubs = stubs();
    try {
      stubs
          .blockingStub()
          .withDeadlineAfter(2, TimeUnit.SECONDS)
          .getSystemInfo(
              io.temporal.api.workflowservice.v1.GetSystemInfoRequest.getDefaultInstance());
      return true;
    } catch (StatusRuntimeException notYet) {
      return false;
    } finally {
      stubs.shutdownNow();
    }
  }

  WorkflowServiceStubs stubs() {
    return WorkflowServiceStubs.newServiceStubs(
        WorkflowServiceStubsOptions.newBuilder()
            .setTarget(target())
            .setRpcTimeout(Duration.ofSeconds(10))
            .build());
  }

  /** Registers {@code default} when absent, then mevflow's search attributes on it. */
  void setUpNamespace() {
    WorkflowServiceStubs stubs = stubs();
    try {
      try {
        stubs
            .blockingStub()
            .describeNamespace(
                DescribeNamespaceRequest.newBuilder().setNamespace(NAMESPACE).build());
      } catch (StatusRuntimeException e) {
        if (e.getStatus().getCode() != Status.Code.NOT_FOUND) {
          throw e;
        }
        stubs
            .blockingStub()
            .registerNamespace(
                RegisterNamespaceRequest.newBuilder()
                    .setNamespace(NAMESPACE)
                    .setWorkflowExecutionRetentionPeriod(Durations.fromDays(RETENTION.toDays()))
                    .build());
      }
      // a new namespace reaches the frontend's cache within seconds; until then it says NOT_FOUND
      Instant deadline = Instant.now().plusSeconds(60);
      while (true) {
        try {
          SearchAttributeRegistration.register(stubs, NAMESPACE);
          return;
        } catch (StatusRuntimeException e) {
          if (Instant.now().isAfter(deadline)) {
            throw e;
          }
          Thread.sleep(1000);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted registering the namespace");
    } finally {
      stubs.shutdownNow();
    }
  }

  Supervised startUi() throws IOException {
    Path ui = dir.resolveSibling("temporal-ui");
    Path config = ui.resolve("config");
    Files.createDirectories(config);
    Files.writeString(
        config.resolve("production.yaml"),
        """
        # written by ./mevflow cluster at each start
        temporalGrpcAddress: %s
        host: 127.0.0.1
        port: %d
        enableUi: true
        defaultNamespace: %s
        refreshInterval: 1m
        notifyOnNewVersion: false
        cors:
          cookieInsecure: true
        """
            .formatted(target(), ports.temporalUi(), NAMESPACE));
    List<String> command =
        List.of(
            binaries.temporalUiServer().toString(),
            "--root",
            ui.toString(),
            "--config",
            "config",
            "--env",
            "production",
            "start");
    Supervised server =
        Supervised.start(
            "temporal-ui", command, Map.of(), ui, ui.toString(), "TERM", Duration.ofSeconds(15));
    server.await(
        () -> ClusterCommand.answers200("http://127.0.0.1:" + ports.temporalUi() + "/"),
        START_LIMIT,
        "serve the Web UI");
    return server;
  }

  private String serverConfig(Path config) {
    StringBuilder services = new StringBuilder();
    String[] names = {"history", "matching", "worker"};
    services.append(
        """
          frontend:
            rpc:
              grpcPort: %d
              membershipPort: %d
              bindOnLocalHost: true
        """
            .formatted(ports.temporal(), ports.temporalMembership(3)));
    for (int i = 0; i < names.length; i++) {
      services.append(
          """
            %s:
              rpc:
                grpcPort: %d
                membershipPort: %d
                bindOnLocalHost: true
          """
              .formatted(names[i], ports.temporalService(i), ports.temporalMembership(i)));
    }
    return """
        # enable-template
        # written by ./mevflow cluster at each start, in the shape of Temporal's
        # config/development-postgres12.yaml; the password comes from the environment
        log:
          stdout: true
          level: warn
        persistence:
          defaultStore: postgres-default
          visibilityStore: postgres-visibility
          numHistoryShards: %d
          datastores:
            postgres-default:
              sql:
                pluginName: postgres12
                databaseName: temporal
                connectAddr: "127.0.0.1:%d"
                connectProtocol: tcp
                user: %s
                password: "{{ env "MEVFLOW_TEMPORAL_DB_PASSWORD" }}"
                maxConns: 20
                maxIdleConns: 20
                maxConnLifetime: 1h
            postgres-visibility:
              sql:
                pluginName: postgres12
                databaseName: temporal_visibility
                connectAddr: "127.0.0.1:%d"
                connectProtocol: tcp
                user: %s
                password: "{{ env "MEVFLOW_TEMPORAL_DB_PASSWORD" }}"
                maxConns: 10
                maxIdleConns: 10
                maxConnLifetime: 1h
        global:
          membership:
            maxJoinDuration: 30s
            broadcastAddress: 127.0.0.1
          metrics:
            prometheus:
              framework: tally
              timerType: histogram
              listenAddress: "127.0.0.1:%d"
        services:
        %s
        clusterMetadata:
          enableGlobalNamespace: false
          failoverVersionIncrement: 10
          masterClusterName: active
          currentClusterName: active
          clusterInformation:
            active:
              enabled: true
              initialFailoverVersion: 1
              rpcName: frontend
              rpcAddress: "127.0.0.1:%d"
        dcRedirectionPolicy:
          policy: noop
        dynamicConfigClient:
          filepath: "%s"
          pollInterval: 10s
        """
        .formatted(
            historyShards,
            postgres.port(),
            ClusterPostgres.USER,
            postgres.port(),
            ClusterPostgres.USER,
            ports.temporalMetrics(),
            services.toString().stripTrailing(),
            ports.temporal(),
            config.resolve("dynamicconfig.yaml"));
  }

  private static String dynamicConfig() {
    return """
        # written by ./mevflow cluster at each start: Temporal's dynamic settings for this cluster
        limit.maxIDLength:
          - value: 255
            constraints: {}
        system.forceSearchAttributesCacheRefreshOnRead:
          - value: true
            constraints: {}
        """;
  }
}
