package org.mevflow.devstack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Debian's PostgreSQL as a server of the cluster: one instance holding mevflow's database and
 * Temporal's two, its superuser {@code mevflow} with a generated password (scram-sha-256 over TCP
 * on 127.0.0.1, no socket). PostgreSQL refuses to run as root: as root, the server runs as the
 * {@code postgres} user (setpriv) with its data under {@code /var/lib/mevflow}, where that user can
 * reach it; otherwise its data is in the cluster's home. Stopped with SIGINT (a fast shutdown).
 */
final class ClusterPostgres {
  static final String USER = "mevflow";
  static final Duration START_LIMIT = Duration.ofSeconds(60);

  private final ClusterBinaries binaries;
  private final Path home;
  private final int port;
  private final ClusterSecrets secrets;
  private final boolean root;
  private final Path dataDir;

  ClusterPostgres(ClusterBinaries binaries, Path home, int port, ClusterSecrets secrets)
      throws IOException {
    this.binaries = binaries;
    this.home = home;
    this.port = port;
    this.secrets = secrets;
    this.root = uid() == 0;
    this.dataDir =
        root
            ? Path.of(
                "/var/lib/mevflow", "cluster-" + digest(home.toAbsolutePath().toString()), "data")
            : home.resolve("postgres/data");
  }

  Path dataDir() {
    return dataDir;
  }

  ClusterSecrets secrets() {
    return secrets;
  }

  Supervised start() throws IOException, InterruptedException {
    // the pid file and log stay in the home, whoever owns the data
    Path dir = home.resolve("postgres");
    Files.createDirectories(dir);
    if (!Files.exists(dataDir.resolve("PG_VERSION"))) {
      initdb();
    }
    List<String> command = new ArrayList<>(asServerUser());
    command.addAll(
        List.of(
            binaries.postgresBin().resolve("postgres").toString(),
            "-D",
            dataDir.toString(),
            "-p",
            Integer.toString(port),
            "-c",
            "listen_addresses=127.0.0.1",
            "-c",
            "unix_socket_directories=",
            "-c",
            "max_connections=300"));
    Supervised server =
        Supervised.start(
            "postgres", command, Map.of(), dir, dataDir.toString(), "INT", Duration.ofSeconds(60));
    server.await(this::accepts, START_LIMIT, "accept connections");
    return server;
  }

  private void initdb() throws IOException, InterruptedException {
    Path parent = dataDir.getParent();
    Files.createDirectories(dataDir);
    Path pwfile = parent.resolve("pwfile");
    Files.writeString(pwfile, secrets.databasePassword() + "\n");
    if (root) {
      chownToPostgres(parent);
      chownToPostgres(dataDir);
      chownToPostgres(pwfile);
    }
    List<String> command = new ArrayList<>(asServerUser());
    command.addAll(
        List.of(
            binaries.postgresBin().resolve("initdb").toString(),
            "-D",
            dataDir.toString(),
            "-U",
            USER,
            "--pwfile=" + pwfile,
            "--auth=scram-sha-256",
            "-E",
            "UTF8",
            "--locale=C"));
    Path log = home.resolve("postgres/initdb.log");
    Process p =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    boolean done = p.waitFor(2, TimeUnit.MINUTES);
    Files.deleteIfExists(pwfile);
    if (!done || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IllegalStateException(
          "initdb of "
              + dataDir
              + " failed: "
              + Files.readString(log, StandardCharsets.UTF_8).strip());
    }
  }

  private List<String> asServerUser() {
    return root
        ? List.of("setpriv", "--reuid=postgres", "--regid=postgres", "--init-groups", "--")
        : List.of();
  }

  private static void chownToPostgres(Path p) throws IOException {
    UserPrincipalLookupService users = p.getFileSystem().getUserPrincipalLookupService();
    UserPrincipal user = users.lookupPrincipalByName("postgres");
    GroupPrincipal group = users.lookupPrincipalByGroupName("postgres");
    PosixFileAttributeView view = Files.getFileAttributeView(p, PosixFileAttributeView.class);
    view.setOwner(user);
    view.setGroup(group);
    Files.setPosixFilePermissions(
        p, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
  }

  String jdbcUrl(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
  }

  int port() {
    return port;
  }

  Connection connect(String database) throws SQLException, IOException {
    return DriverManager.getConnection(jdbcUrl(database), USER, secrets.databasePassword());
  }

  DataSource dataSource(String database) throws IOException {
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setUrl(jdbcUrl(database));
    ds.setUser(USER);
    ds.setPassword(secrets.databasePassword());
    return ds;
  }

  private boolean accepts() {
    try (Connection c = connect("postgres")) {
      return c.isValid(2);
    } catch (SQLException | IOException e) {
      return false;
    }
  }

  /** Creates each database that is not there yet. */
  void createDatabases(String... names) throws SQLException, IOException {
    try (Connection c = connect("postgres")) {
      for (String name : names) {
        try (PreparedStatement q =
            c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
          q.setString(1, name);
          try (ResultSet r = q.executeQuery()) {
            if (r.next()) {
              continue;
            }
          }
        }
        try (Statement s = c.createStatement()) {
          s.execute("CREATE DATABASE " + name);
        }
      }
    }
  }

  /** This process's user id (0: root, whom PostgreSQL refuses and nginx must be told about). */
  static long uid() throws IOException {
    return ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).longValue();
  }

  private static String digest(String s) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
