package dev.logdex.core.rehearse;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * MariaDB and MySQL differ where a rehearsal reaches: MariaDB limits a statement's time with
 * {@code max_statement_time} (seconds, every statement), MySQL with {@code max_execution_time} (milliseconds,
 * reads only; the driver's own time limit covers the rest).
 */
public final class MysqlFlavor {
  private MysqlFlavor() {}

  /** Whether the server is MariaDB (its version says so), not MySQL. */
  public static boolean isMariadb(Connection c) throws SQLException {
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT VERSION()")) {
      return rs.next() && rs.getString(1).toLowerCase(java.util.Locale.ROOT).contains("mariadb");
    }
  }

  /** The statement that limits this session's statements to {@code seconds} (0: no limit). */
  public static String statementLimit(Connection c, int seconds) throws SQLException {
    return isMariadb(c) ? "SET SESSION max_statement_time = " + seconds
        : "SET SESSION max_execution_time = " + (long) seconds * 1000;
  }
}
