package org.mevflow.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.mevflow.db.Migrations;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The one way tests get a real PostgreSQL: a single embedded server per test JVM, a template
 * database migrated once, and a fresh copy of it for each caller ({@code CREATE DATABASE ...
 * TEMPLATE} takes milliseconds), so tests never see each other's rows.
 */
public final class TestPostgres {
  private static final String TEMPLATE = "mevflow_template";
  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static EmbeddedPostgres server;

  private TestPostgres() {}

  /** A new, migrated, empty database. */
  public static Database newDatabase() {
    EmbeddedPostgres pg = server();
    String name = "test_" + COUNTER.incrementAndGet();
    execute(pg.getPostgresDatabase(), "CREATE DATABASE " + name + " TEMPLATE " + TEMPLATE);
    return new Database(pg.getJdbcUrl("postgres", name), "postgres", "postgres");
  }

  /** An empty database with no schema at all (for testing the migrations themselves). */
  public static Database newEmptyDatabase() {
    EmbeddedPostgres pg = server();
    String name = "empty_" + COUNTER.incrementAndGet();
    execute(pg.getPostgresDatabase(), "CREATE DATABASE " + name);
    return new Database(pg.getJdbcUrl("postgres", name), "postgres", "postgres");
  }

  private static synchronized EmbeddedPostgres server() {
    if (server == null) {
      try {
        server = EmbeddedPostgres.builder().start();
      } catch (IOException e) {
        throw new UncheckedIOException("embedded PostgreSQL did not start", e);
      }
      execute(server.getPostgresDatabase(), "CREATE DATABASE " + TEMPLATE);
      Migrations.migrate(server.getDatabase("postgres", TEMPLATE));
      Runtime.getRuntime().addShutdownHook(new Thread(TestPostgres::stop));
    }
    return server;
  }

  private static void stop() {
    try {
      server.close();
    } catch (IOException ignored) {
      // the JVM is exiting; the temporary data directory goes with it
    }
  }

  private static void execute(DataSource ds, String sql) {
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  /** Connection facts of one test database. */
  public record Database(String jdbcUrl, String user, String password) {
    public DataSource dataSource() {
      PGSimpleDataSource ds = new PGSimpleDataSource();
      ds.setUrl(jdbcUrl);
      ds.setUser(user);
      ds.setPassword(password);
      return ds;
    }
  }
}
