package dev.logdex.cli;

import dev.logdex.core.schema.JdbcSchemaLoader;
import dev.logdex.core.schema.Schema;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/** Opens the database named with --db: read-only, with a statement timeout, credentials never echoed. */
final class LiveDatabase {
  private LiveDatabase() {}

  /** The statement timeout when the user gives none. */
  static final int TIMEOUT_SECONDS = 60;

  /** The connection, read-only by default; a command that must write opens a transaction of its own. */
  static Connection connect(String url, String user, Path passwordFile) {
    return connect(url, user, passwordFile, TIMEOUT_SECONDS);
  }

  /** The same, with a statement timeout of {@code timeoutSeconds}. */
  static Connection connect(String url, String user, Path passwordFile, int timeoutSeconds) {
    String jdbc = url.startsWith("jdbc:mysql:") ? "jdbc:mariadb:" + url.substring("jdbc:mysql:".length()) : url;
    if (!jdbc.startsWith("jdbc:postgresql:") && !jdbc.startsWith("jdbc:mariadb:")) {
      throw new UserError("--db: give a jdbc:postgresql://... or jdbc:mariadb://... URL, not " + redact(url));
    }
    Properties props = new Properties();
    String u = user != null ? user : System.getenv("LOGDEX_DB_USER");
    if (u != null) {
      props.setProperty("user", u);
    }
    String password = System.getenv("LOGDEX_DB_PASSWORD");
    if (password == null && jdbc.startsWith("jdbc:postgresql:")) {
      password = System.getenv("PGPASSWORD");
    }
    if (passwordFile != null) {
      PasswordFile.Credentials found = PasswordFile.read(passwordFile, jdbc, u);
      password = found.password();
      found.user().ifPresent(x -> props.setProperty("user", x));
    }
    if (password != null) {
      props.setProperty("password", password);
    }
    try {
      Connection c = DriverManager.getConnection(jdbc, props);
      JdbcSchemaLoader.prepare(c, timeoutSeconds);
      return c;
    } catch (SQLException e) {
      throw new UserError("--db " + redact(url) + ": cannot connect: " + redact(firstLine(e.getMessage())));
    }
  }

  static Schema schema(Connection c, String url) {
    try {
      return JdbcSchemaLoader.load(c);
    } catch (SQLException e) {
      throw new UserError("--db " + redact(url) + ": cannot read the catalog: " + redact(firstLine(e.getMessage())));
    }
  }

  /** A URL or message with any password in it replaced, so that it can be printed. */
  static String redact(String s) {
    return s == null ? "" : s.replaceAll("(?i)(password=)[^&;\\s]*", "$1***")
        .replaceAll("//([^/:@]+):[^@/]*@", "//$1:***@");
  }

  private static String firstLine(String s) {
    return s == null ? "" : s.lines().findFirst().orElse("");
  }
}
