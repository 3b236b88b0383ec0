package dev.logdex.readers.live;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import java.util.UUID;

/**
 * The machine's real PostgreSQL and MariaDB. Without them a test skips on a user's machine and fails under CI.
 * Server-wide log settings are shared by every session, so tests that change them hold a lock file meanwhile.
 */
final class LiveDatabases {
  private LiveDatabases() {}

  static final String PG_URL = System.getProperty("logdex.pg.url", "jdbc:postgresql://127.0.0.1:5432/");
  static final String MARIADB_URL = System.getProperty("logdex.mariadb.url", "jdbc:mariadb://127.0.0.1:3306/");

  static Connection postgres(String database) throws SQLException {
    return connect(PG_URL + database, "postgres");
  }

  static Connection mariadb(String database) throws SQLException {
    return connect(MARIADB_URL + database, "root");
  }

  private static Connection connect(String url, String user) throws SQLException {
    try {
      return DriverManager.getConnection(url, user, "");
    } catch (SQLException e) {
      if (System.getenv("CI") != null) {
        throw e;
      }
      assumeTrue(false, "no database at " + url + ": " + e.getMessage());
      throw e;
    }
  }

  /** A fresh name for a scratch database, so that runs can go side by side. */
  static String scratchName() {
    return "logdex_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
  }

  /** Serialises tests that change a server's global log settings, across processes. */
  static FileLock lock(String name) throws IOException {
    FileChannel ch = FileChannel.open(Path.of(System.getProperty("java.io.tmpdir"), "logdex-" + name + ".lock"),
        StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    return ch.lock();
  }
}
