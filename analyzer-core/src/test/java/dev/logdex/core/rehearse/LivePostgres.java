package dev.logdex.core.rehearse;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** The machine's PostgreSQL for the integration tests: skipped when it is down, a failure when CI is set. */
final class LivePostgres {
  private LivePostgres() {}

  static Connection connect(String url) throws SQLException {
    try {
      return DriverManager.getConnection(url, "postgres", "");
    } catch (SQLException e) {
      if (System.getenv("CI") != null) {
        throw e;
      }
      assumeTrue(false, "no database at " + url);
      throw e;
    }
  }
}
