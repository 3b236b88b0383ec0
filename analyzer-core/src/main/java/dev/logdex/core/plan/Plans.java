package dev.logdex.core.plan;

import dev.logdex.core.model.Dialect;
import dev.logdex.core.lex.SingleStatement;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The database's own plan for a logged statement, without running it. On PostgreSQL a statement with {@code $n}
 * parameters is planned as a generic plan (PREPARE, then EXPLAIN EXECUTE with NULLs under
 * {@code plan_cache_mode = force_generic_plan}); EXPLAIN without ANALYZE executes nothing, so it works in the
 * read-only session logdex opens.
 */
public final class Plans {
  private Plans() {}

  /**
   * The plan text, one line per row, or a one-line reason why there is none. Only a single read statement is ever
   * sent (see {@link SingleStatement}); anything else is refused without reaching the database.
   */
  public static String explain(Connection c, Dialect dialect, String sql) {
    SingleStatement.Checked s;
    try {
      s = SingleStatement.check(sql, LiveSql.scanner(c, dialect), SingleStatement.READS);
    } catch (SingleStatement.RefusedException e) {
      return "no plan: logdex sends only a single read statement to the database, and this is not one ("
          + e.getMessage() + ")";
    } catch (SQLException e) {
      return "no plan: " + firstLine(e);
    }
    if (s.placeholders()) {
      return dialect == Dialect.POSTGRESQL ? "no plan: the statement has ? placeholders, which PostgreSQL cannot plan"
          : "no plan: the statement has ? placeholders and no values";
    }
    try {
      if (dialect == Dialect.POSTGRESQL) {
        String plan = LiveSql.explainPostgres(c, s, "", Plans::rows);
        return s.parameters() > 0 ? "generic plan (parameters unknown):\n" + plan : plan;
      }
      return LiveSql.rolledBack(c, () -> {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("EXPLAIN " + s.text()
            + "\n/* logdex */")) {
          return rows(rs);
        }
      });
    } catch (SQLException e) {
      return "no plan: " + firstLine(e);
    }
  }

  /** The lexer that reads text as the session behind {@code c} does (its quoting and escaping settings). */
  public static dev.logdex.core.lex.SqlScanner sessionScanner(Connection c, Dialect dialect) throws SQLException {
    return LiveSql.scanner(c, dialect);
  }

  private static String firstLine(SQLException e) {
    return e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
  }

  /** The plan's rows as text, one line per row. */
  private static String rows(ResultSet rs) throws SQLException {
    StringBuilder b = new StringBuilder();
    int cols = rs.getMetaData().getColumnCount();
    while (rs.next()) {
      for (int i = 1; i <= cols; i++) {
        b.append(i > 1 ? " | " : "").append(rs.getString(i));
      }
      b.append('\n');
    }
    return b.toString().stripTrailing();
  }
}
