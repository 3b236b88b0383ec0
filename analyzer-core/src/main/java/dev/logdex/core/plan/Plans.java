package dev.logdex.core.plan;

import dev.logdex.core.model.Dialect;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The database's own plan for a logged statement, without running it. On PostgreSQL a statement with {@code $n}
 * parameters is planned as a generic plan (PREPARE, then EXPLAIN EXECUTE with NULLs under
 * {@code plan_cache_mode = force_generic_plan}); EXPLAIN without ANALYZE executes nothing, so it works in the
 * read-only session logdex opens.
 */
public final class Plans {
  private Plans() {}

  /** The plan text, one line per row, or a one-line reason why there is none. */
  public static String explain(Connection c, Dialect dialect, String sql) {
    String text = sql.strip();
    while (text.endsWith(";")) {
      text = text.substring(0, text.length() - 1).strip();
    }
    try (Statement st = c.createStatement()) {
      if (dialect == Dialect.POSTGRESQL) {
        int params = maxParameter(text);
        if (text.contains("?")) {
          return "no plan: the statement has ? placeholders, which PostgreSQL cannot plan";
        }
        if (params == 0) {
          return rows(st, "EXPLAIN " + text);
        }
        st.execute("PREPARE logdex_explain AS " + text);
        try {
          st.execute("SET plan_cache_mode = force_generic_plan");
          List<String> nulls = new ArrayList<>();
          for (int i = 0; i < params; i++) {
            nulls.add("NULL");
          }
          return "generic plan (parameters unknown):\n"
              + rows(st, "EXPLAIN EXECUTE logdex_explain(" + String.join(", ", nulls) + ")");
        } finally {
          st.execute("DEALLOCATE logdex_explain");
          st.execute("RESET plan_cache_mode");
        }
      }
      if (text.contains("?")) {
        return "no plan: the statement has ? placeholders and no values";
      }
      return rows(st, "EXPLAIN " + text);
    } catch (SQLException e) {
      return "no plan: " + e.getMessage().lines().findFirst().orElse("");
    }
  }

  private static String rows(Statement st, String explain) throws SQLException {
    StringBuilder b = new StringBuilder();
    try (ResultSet rs = st.executeQuery(explain)) {
      int cols = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        for (int i = 1; i <= cols; i++) {
          b.append(i > 1 ? " | " : "").append(rs.getString(i));
        }
        b.append('\n');
      }
    }
    return b.toString().stripTrailing();
  }

  /** The highest {@code $n} outside quotes and comments. */
  static int maxParameter(String sql) {
    int max = 0;
    boolean quoted = false;
    for (int i = 0; i < sql.length(); i++) {
      char c = sql.charAt(i);
      if (c == '\'') {
        quoted = !quoted;
      } else if (!quoted && c == '$' && i + 1 < sql.length() && Character.isDigit(sql.charAt(i + 1))) {
        int j = i + 1;
        while (j < sql.length() && Character.isDigit(sql.charAt(j))) {
          j++;
        }
        max = Math.max(max, Integer.parseInt(sql.substring(i + 1, j)));
        i = j - 1;
      }
    }
    return max;
  }
}
