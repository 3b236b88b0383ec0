package dev.logdex.core.plan;

import dev.logdex.core.model.Dialect;
import dev.logdex.core.lex.SqlScanner;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.Locale;

/**
 * How logged text is sent to a live database: lexed with the session's own settings, and planned inside a
 * transaction (or savepoint) that is always rolled back.
 */
final class LiveSql {
  private LiveSql() {}

  /** Work on the connection that may fail with a database error. */
  interface Work<T> {
    T run() throws SQLException;
  }

  /**
   * The lexer that reads text as this session does: PostgreSQL's {@code standard_conforming_strings}, MySQL's
   * {@code NO_BACKSLASH_ESCAPES} and {@code ANSI_QUOTES} change where a string ends.
   */
  static SqlScanner scanner(Connection c, Dialect dialect) throws SQLException {
    try (Statement st = c.createStatement()) {
      if (dialect == Dialect.POSTGRESQL) {
        try (ResultSet rs = st.executeQuery("SHOW standard_conforming_strings /* logdex */")) {
          return SqlScanner.postgres(!rs.next() || !"off".equalsIgnoreCase(rs.getString(1)));
        }
      }
      try (ResultSet rs = st.executeQuery("SELECT @@SESSION.sql_mode /* logdex */")) {
        String mode = rs.next() && rs.getString(1) != null ? rs.getString(1).toUpperCase(Locale.ROOT) : "";
        return SqlScanner.mysql(!mode.contains("NO_BACKSLASH_ESCAPES"), mode.contains("ANSI_QUOTES"));
      }
    }
  }

  /**
   * Runs {@code work} in a transaction that is rolled back whatever happens, or under a savepoint rolled back to
   * when the caller's transaction is already open: a planned UPDATE or DELETE never commits anything.
   */
  static <T> T rolledBack(Connection c, Work<T> work) throws SQLException {
    boolean autoCommit = c.getAutoCommit();
    Savepoint savepoint = null;
    if (autoCommit) {
      c.setAutoCommit(false);
    } else {
      savepoint = c.setSavepoint();
    }
    try {
      return work.run();
    } finally {
      if (autoCommit) {
        c.rollback();
        c.setAutoCommit(true);
      } else {
        c.rollback(savepoint);
      }
    }
  }

  /** Removes a PostgreSQL prepared statement left by a failed plan (PREPARE outlives a rollback). */
  static void deallocateIfLeft(Connection c, String name) throws SQLException {
    try (Statement st = c.createStatement()) {
      boolean left;
      try (ResultSet rs = st.executeQuery("SELECT 1 FROM pg_prepared_statements WHERE name = '" + name
          + "' /* logdex */")) {
        left = rs.next();
      }
      if (left) {
        st.execute("DEALLOCATE " + name);
      }
    }
  }
}
