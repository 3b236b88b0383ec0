package dev.logdex.cli;

import dev.logdex.core.schema.JdbcSchemaLoader;
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
  static Connection connect(String given, String user, Path passwordFile, int timeoutSeconds) {
    String url = ConnectionString.toJdbc(given);
    Secrets.addFromUrl(url);
    String jdbc = url.startsWith("jdbc:mysql:") ? "jdbc:mariadb:" + url.substring("jdbc:mysql:".length()) : url;
    if (!jdbc.startsWith("jdbc:postgresql:") && !jdbc.startsWith("jdbc:mariadb:")) {
      throw new UserError("--db: give a jdbc:postgresql://... or jdbc:mariadb://... URL, not " + Secrets.scrub(url));
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
    } else if (password == null && jdbc.startsWith("jdbc:postgresql:") && !jdbc.contains("password=")) {
      // As libpq: PGPASSFILE, else ~/.pgpass, when it has a line for this server; else no password.
      Path pgpass = System.getenv("PGPASSFILE") != null ? Path.of(System.getenv("PGPASSFILE"))
          : Path.of(System.getProperty("user.home"), ".pgpass");
      if (java.nio.file.Files.isReadable(pgpass)) {
        try {
          PasswordFile.Credentials found = PasswordFile.read(pgpass, jdbc, u);
          password = found.password();
          found.user().ifPresent(x -> props.setProperty("user", x));
        } catch (UserError noLine) {
          // no line for this server: connect without a password, as libpq would
        }
      }
    }
    if (password != null) {
      Secrets.add(password);
      props.setProperty("password", password);
    }
    return open(url, jdbc, props, timeoutSeconds);
  }

  /**
   * A connection as {@code user} with {@code password}, which logdex made (the rehearsal's replay login): the same
   * guards, read-only at first.
   */
  static Connection connectAs(String url, String user, String password, int timeoutSeconds) {
    String jdbc = url.startsWith("jdbc:mysql:") ? "jdbc:mariadb:" + url.substring("jdbc:mysql:".length()) : url;
    Secrets.add(password);
    Properties props = new Properties();
    props.setProperty("user", user);
    props.setProperty("password", password);
    return open(url, jdbc, props, timeoutSeconds);
  }

  private static Connection open(String url, String jdbc, Properties props, int timeoutSeconds) {
    if (jdbc.startsWith("jdbc:mariadb:")) {
      // One statement per call, checked by the server too; and the server may not ask for a local file.
      refuse(jdbc, url, "allowMultiQueries=true");
      refuse(jdbc, url, "allowLocalInfile=true");
      props.setProperty("allowMultiQueries", "false");
      props.setProperty("allowLocalInfile", "false");
    } else {
      // The extended protocol: the server refuses several statements in one message (logdex's own check comes
      // first; this is the second wall). The simple protocol would run them all.
      refuse(jdbc, url, "preferQueryMode=simple");
      props.setProperty("preferQueryMode", "extended");
    }
    try {
      // Every statement logdex sends says it is logdex's (/* logdex */), in the server's logs and statistics.
      Connection c = dev.logdex.core.plan.TaggedConnection.of(DriverManager.getConnection(jdbc, props));
      JdbcSchemaLoader.prepare(c, timeoutSeconds);
      return c;
    } catch (SQLException e) {
      String hint = e.getSQLState() != null && e.getSQLState().startsWith("28") ? ". Give the password of user "
          + props.getProperty("user", "(the driver's default)") + " with LOGDEX_DB_PASSWORD"
          + (jdbc.startsWith("jdbc:postgresql:") ? " or PGPASSWORD" : "") + " in the environment, or "
          + "--db-password-file FILE (the password alone, or .pgpass lines)" : "";
      throw new UserError("--db " + Secrets.scrub(url) + ": cannot connect: " + Secrets.scrub(firstLine(e.getMessage()))
          + hint);
    }
  }

  private static void refuse(String jdbc, String url, String setting) {
    if (jdbc.toLowerCase(java.util.Locale.ROOT).contains(setting.toLowerCase(java.util.Locale.ROOT))) {
      throw new UserError("--db " + Secrets.scrub(url) + ": logdex does not connect with " + setting
          + ", which would let a logged statement carry others; remove it from the URL");
    }
  }

  private static String firstLine(String s) {
    return s == null ? "" : s.lines().findFirst().orElse("");
  }
}
