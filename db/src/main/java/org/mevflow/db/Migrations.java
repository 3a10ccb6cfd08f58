package org.mevflow.db;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/** Applies the schema (the Flyway scripts under {@code db/migration}) to a database. */
public final class Migrations {
  public static final String LOCATION = "classpath:db/migration";

  private Migrations() {}

  /** Migrates {@code dataSource} to the newest schema; returns how many migrations ran. */
  public static int migrate(DataSource dataSource) {
    return Flyway.configure()
        .dataSource(dataSource)
        .locations(LOCATION)
        .load()
        .migrate()
        .migrationsExecuted;
  }
}
