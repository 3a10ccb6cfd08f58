package org.mevflow.devstack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * A real PostgreSQL server from the binaries in a Maven artifact, its data directory kept under
 * {@code .mevflow/postgres} so the dev stack's data survives a restart.
 */
final class EmbeddedDatabase implements AutoCloseable {
  static final String NAME = "mevflow";
  static final String USER = "postgres";

  private final EmbeddedPostgres postgres;

  private EmbeddedDatabase(EmbeddedPostgres postgres) {
    this.postgres = postgres;
  }

  static EmbeddedDatabase start(Path dataDirectory, int port) throws IOException, SQLException {
    Files.createDirectories(dataDirectory.getParent());
    // PostgreSQL runs in a session of its own: a launcher killed with -9 leaves it running
    Leftovers.stop(dataDirectory.resolve("postmaster.pid"), dataDirectory.toString(), "PostgreSQL")
        .ifPresent(System.out::println);
    EmbeddedPostgres.Builder builder =
        EmbeddedPostgres.builder()
            .setDataDirectory(dataDirectory)
            .setCleanDataDirectory(false)
            .setRegisterShutdownHook(false);
    if (port > 0) {
      builder.setPort(port);
    }
    EmbeddedPostgres postgres = builder.start();
    try (Connection c = postgres.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      var rs = s.executeQuery("select 1 from pg_database where datname = '" + NAME + "'");
      if (!rs.next()) {
        s.execute("CREATE DATABASE " + NAME);
      }
    }
    return new EmbeddedDatabase(postgres);
  }

  String jdbcUrl() {
    return postgres.getJdbcUrl(USER, NAME);
  }

  DataSource dataSource() {
    return postgres.getDatabase(USER, NAME);
  }

  @Override
  public void close() throws IOException {
    postgres.close();
  }
}
