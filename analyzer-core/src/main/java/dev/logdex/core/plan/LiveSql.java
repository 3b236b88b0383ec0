package dev.logdex.core.plan;

import dev.logdex.core.lex.SingleStatement;
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

  /** Reads what EXPLAIN returned. */
  interface Rows<T> {
    T read(ResultSet rs) throws SQLException;
  }

  /**
   * PostgreSQL's plan for a checked statement, read by {@code rows}: planned inside a transaction that is rolled
   * back, and with {@code $n} parameters as a generic plan (PREPARE, then EXPLAIN EXECUTE with NULLs under
   * {@code plan_cache_mode = force_generic_plan}); EXPLAIN without ANALYZE executes nothing.
   *
   * @param options EXPLAIN's options, such as {@code "(FORMAT JSON) "}, or {@code ""}
   */
  static <T> T explainPostgres(Connection c, SingleStatement.Checked s, String options, Rows<T> rows)
      throws SQLException {
    String explain = "EXPLAIN " + options;
    if (s.parameters() == 0) {
      return rolledBack(c, () -> {
        try (Statement st = c.createStatement()) {
          st.execute(READ_ONLY);
          try (ResultSet rs = st.executeQuery(explain + s.text() + "\n/* logdex */")) {
            return rows.read(rs);
          }
        }
      });
    }
    try {
      return rolledBack(c, () -> {
        try (Statement st = c.createStatement()) {
          st.execute(READ_ONLY);
          st.execute("PREPARE " + PREPARED + " AS " + s.text());
          st.execute("SET LOCAL plan_cache_mode = force_generic_plan");
          T plan;
          try (ResultSet rs = st.executeQuery(explain + "EXECUTE " + PREPARED + "("
              + "NULL, ".repeat(s.parameters() - 1) + "NULL) /* logdex */")) {
            plan = rows.read(rs);
          }
          st.execute("DEALLOCATE " + PREPARED);
          return plan;
        }
      });
    } finally {
      deallocateIfLeft(c);
    }
  }

  /**
   * Said first in the (sub)transaction a logged statement is explained in: read-only whatever the session is, even
   * inside the read-write transaction the rollback method builds its indexes in. Rolling back to the savepoint
   * makes that transaction read-write again.
   */
  private static final String READ_ONLY = "SET LOCAL transaction_read_only = on";

  /** The name of the statement logdex prepares to plan: its own, never one the session already has. */
  private static final String PREPARED = "logdex_plan";

  /** Removes a PostgreSQL prepared statement left by a failed plan (PREPARE outlives a rollback). */
  private static void deallocateIfLeft(Connection c) throws SQLException {
    try (Statement st = c.createStatement()) {
      boolean left;
      try (ResultSet rs = st.executeQuery("SELECT 1 FROM pg_prepared_statements WHERE name = '" + PREPARED
          + "' /* logdex */")) {
        left = rs.next();
      }
      if (left) {
        st.execute("DEALLOCATE " + PREPARED);
      }
    }
  }
}
