package dev.logdex.core.rehearse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.logdex.core.lex.SingleStatement;
import dev.logdex.core.model.Dialect;
import dev.logdex.core.model.StatementKind;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Runs logged statements for real on the copy and times them: reads as they are, writes inside a transaction that
 * is rolled back. Each statement has a time limit, set twice: in the session, and by the driver, which cancels the
 * statement even if the statement managed to lift the session's.
 */
final class Replay {
  private final Connection c;
  private final Dialect dialect;
  private final int timeoutSeconds;

  Replay(Connection c, Dialect dialect, int timeoutSeconds) throws SQLException {
    this.c = c;
    this.dialect = dialect;
    this.timeoutSeconds = timeoutSeconds;
    try (Statement st = c.createStatement()) {
      st.execute(dialect == Dialect.POSTGRESQL ? "SET statement_timeout = '" + timeoutSeconds + "s'"
          : MysqlFlavor.statementLimit(c, timeoutSeconds));
    }
  }

  /** What the statements may be: one read or write each, checked as the session lexes them. */
  static final Set<StatementKind> REPLAYED =
      Set.of(StatementKind.SELECT, StatementKind.INSERT, StatementKind.UPDATE, StatementKind.DELETE);

  /**
   * One timed run.
   *
   * @param millis how long it took, or the time limit when it ran out
   * @param timedOut whether it ran out of time
   * @param error the database's error, one line, or ""
   */
  record Run(double millis, boolean timedOut, String error) {}

  /** Runs {@code s} once; a write is rolled back. */
  Run run(SingleStatement.Checked s) throws SQLException {
    boolean write = s.kind().isWrite();
    if (write) {
      c.setAutoCommit(false);
    }
    long start = System.nanoTime();
    try (Statement st = c.createStatement()) {
      st.setQueryTimeout(timeoutSeconds + 1);
      if (st.execute(s.text())) {
        try (ResultSet rs = st.getResultSet()) {
          while (rs.next()) {
            // every row is fetched, as the application would
          }
        }
      }
      return new Run((System.nanoTime() - start) / 1e6, false, "");
    } catch (SQLException e) {
      if (isTimeout(e)) {
        return new Run(timeoutSeconds * 1000.0, true, "");
      }
      return new Run((System.nanoTime() - start) / 1e6, false, firstLine(e));
    } finally {
      if (write) {
        c.rollback();
        c.setAutoCommit(true);
      } else if (!c.getAutoCommit()) {
        c.rollback();
      }
    }
  }

  private boolean isTimeout(SQLException e) {
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    return dialect == Dialect.POSTGRESQL ? state.equals("57014")
        : e.getErrorCode() == 1969 || e.getErrorCode() == 1317 || e instanceof java.sql.SQLTimeoutException;
  }

  /** The indexes the plan of {@code s} uses, by name (EXPLAIN only: nothing runs). */
  Set<String> indexesUsed(SingleStatement.Checked s) {
    Set<String> out = new TreeSet<>();
    try {
      c.setAutoCommit(false);
      try (Statement st = c.createStatement()) {
        if (dialect == Dialect.POSTGRESQL) {
          try (ResultSet rs = st.executeQuery("EXPLAIN (FORMAT JSON) " + s.text())) {
            if (rs.next()) {
              collect(new ObjectMapper().readTree(rs.getString(1)), out);
            }
          }
        } else {
          try (ResultSet rs = st.executeQuery("EXPLAIN " + s.text())) {
            int key = rs.findColumn("key");
            while (rs.next()) {
              String k = rs.getString(key);
              if (k != null) {
                out.addAll(Arrays.asList(k.split(",")));
              }
            }
          }
        }
      } finally {
        c.rollback();
        c.setAutoCommit(true);
      }
    } catch (SQLException | java.io.IOException e) {
      // no plan: the class is still timed; its plan is reported as unknown
      return Set.of("?");
    }
    return out;
  }

  private static void collect(JsonNode n, Set<String> out) {
    if (n.isObject()) {
      JsonNode name = n.get("Index Name");
      if (name != null) {
        out.add(name.asText());
      }
      n.forEach(child -> collect(child, out));
    } else if (n.isArray()) {
      n.forEach(child -> collect(child, out));
    }
  }

  /** The median, 95th percentile and minimum of the runs' times. */
  static double[] medianP95Min(List<Run> runs) {
    List<Double> ms = new ArrayList<>(runs.stream().map(Run::millis).sorted().toList());
    if (ms.isEmpty()) {
      return new double[] {0, 0, 0};
    }
    int n = ms.size();
    double median = n % 2 == 1 ? ms.get(n / 2) : (ms.get(n / 2 - 1) + ms.get(n / 2)) / 2;
    double p95 = ms.get(Math.min(n - 1, (int) Math.ceil(0.95 * n) - 1));
    return new double[] {median, p95, ms.get(0)};
  }

  private static String firstLine(SQLException e) {
    String m = e.getMessage() == null ? e.toString() : e.getMessage();
    return m.lines().findFirst().orElse("").strip();
  }
}
