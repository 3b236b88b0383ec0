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

  static final String POSTGRES = "jdbc:postgresql://127.0.0.1:5432/";
  static final String MARIADB = "jdbc:mariadb://127.0.0.1:3306/";

  /** Work in a database of its own. */
  interface InDatabase {
    void run(String db, String url) throws Exception;
  }

  /** Runs {@code body} in a fresh PostgreSQL database, dropped afterwards whatever happens. */
  static void inScratchPostgres(InDatabase body) throws Exception {
    inScratch(POSTGRES, "postgres", "postgres", " WITH (FORCE)", body);
  }

  /** Runs {@code body} in a fresh MariaDB database, dropped afterwards whatever happens. */
  static void inScratchMariadb(InDatabase body) throws Exception {
    inScratch(MARIADB, "", "root", "", body);
  }

  private static void inScratch(String server, String adminDb, String user, String dropSuffix, InDatabase body)
      throws Exception {
    String db = scratch();
    try (Connection admin = connect(server + adminDb, user); java.sql.Statement st = admin.createStatement()) {
      st.execute("CREATE DATABASE " + db);
      try {
        body.run(db, server + db);
      } finally {
        st.execute("DROP DATABASE IF EXISTS " + db + dropSuffix);
      }
    }
  }
}
