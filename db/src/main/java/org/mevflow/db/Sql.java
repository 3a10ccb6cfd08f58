package org.mevflow.db;

import java.sql.SQLException;

/** Facts about database errors, whoever wrapped them (jOOQ alone, or Spring's translation). */
final class Sql {
  private static final String UNIQUE_VIOLATION = "23505";

  private Sql() {}

  static boolean isUniqueViolation(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
        return true;
      }
    }
    return false;
  }
}
