package dev.logdex.cli;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;

/** The machine's real databases for the integration tests: skipped on a user's machine without them, fatal in CI. */
final class LiveDb {
  private LiveDb() {}

  static Connection connect(String url, String user) throws SQLException {
    try {
      return DriverManager.getConnection(url, user, "");
    } catch (SQLException e) {
      if (System.getenv("CI") != null) {
        throw e;
      }
      assumeTrue(false, "no database at " + url);
      throw e;
    }
  }

  /** A fresh scratch database name, so that runs can go side by side. */
  static String scratch() {
    return "logdex_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  }
}
