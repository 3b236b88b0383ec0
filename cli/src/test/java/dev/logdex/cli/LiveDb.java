package dev.logdex.cli;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
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

  /** The database's plan for {@code query} (EXPLAIN), a line of it per line. */
  static String plan(Statement s, String query) throws SQLException {
    StringBuilder plan = new StringBuilder();
    try (java.sql.ResultSet rs = s.executeQuery("EXPLAIN " + query)) {
      while (rs.next()) {
        plan.append(rs.getString(1)).append('\n');
      }
    }
    return plan.toString();
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

  /** Work done while server settings are changed. */
  interface Body {
    void run() throws Exception;
  }

  /**
   * Runs {@code body} with MariaDB's global variables set to {@code settings} (in order), and puts each back as it
   * was afterwards, whatever happens; under the lock every test that changes the server's logs holds.
   */
  static void withMariadbGlobals(Statement admin, java.util.LinkedHashMap<String, String> settings, Body body)
      throws Exception {
    try (var ch = java.nio.channels.FileChannel.open(java.nio.file.Path.of(System.getProperty("java.io.tmpdir"),
            "logdex-mariadb-logs.lock"), java.nio.file.StandardOpenOption.CREATE,
            java.nio.file.StandardOpenOption.WRITE);
        var lock = ch.lock()) {
      java.util.Map<String, String> before = new java.util.LinkedHashMap<>();
      for (String name : settings.keySet()) {
        try (var rs = admin.executeQuery("SELECT @@" + name)) {
          rs.next();
          before.put(name, rs.getString(1));
        }
      }
      try {
        for (var e : settings.entrySet()) {
          admin.execute("SET GLOBAL " + e.getKey() + " = " + value(e.getValue()));
        }
        body.run();
      } finally {
        java.util.List<String> names = new java.util.ArrayList<>(before.keySet());
        java.util.Collections.reverse(names);
        for (String name : names) {
          admin.execute("SET GLOBAL " + name + " = " + value(before.get(name)));
        }
      }
    }
  }

  /** A setting's value as SET takes it: numbers bare (numeric variables refuse strings), the rest quoted. */
  private static String value(String v) {
    return v.matches("-?[0-9.]+") ? v : "'" + v.replace("'", "''") + "'";
  }
}
