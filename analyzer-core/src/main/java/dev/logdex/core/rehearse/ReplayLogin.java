package dev.logdex.core.rehearse;

import dev.logdex.core.dialect.Identifiers;
import dev.logdex.core.model.Dialect;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The login the logged statements are replayed as: made for one rehearsal, allowed to read and write the copy's
 * tables and nothing else, dropped at the end. A logged statement is hostile text; even one that passes logdex's
 * check (a single SELECT, INSERT, UPDATE or DELETE) may call a function that reaches beyond the table it names
 * ({@code pg_terminate_backend}, {@code lo_export}, {@code set_config('role', ...)}, {@code LOAD_FILE}). As this
 * login, such a call has no rights to do harm: it is not a superuser, owns nothing, and cannot become anyone else.
 */
final class ReplayLogin {
  final String user;
  final String password;

  private ReplayLogin(String user, String password) {
    this.user = user;
    this.password = password;
  }

  private static final SecureRandom RANDOM = new SecureRandom();

  /** Creates the login and gives it the copy's tables, through {@code copyAdmin}, a connection to the copy. */
  static ReplayLogin create(Connection copyAdmin, Dialect dialect, String copy) throws SQLException {
    byte[] secret = new byte[18];
    RANDOM.nextBytes(secret);
    String suffix = HexFormat.of().formatHex(secret, 0, 6);
    // Made of hex digits only: safe in a name and in a string literal.
    ReplayLogin login = new ReplayLogin("logdex_replay_" + suffix, HexFormat.of().formatHex(secret));
    try {
      login.grant(copyAdmin, dialect, copy);
    } catch (SQLException e) {
      try {
        login.drop(copyAdmin, dialect); // half made: nothing of it may stay behind
      } catch (SQLException again) {
        e.addSuppressed(again);
      }
      throw e;
    }
    return login;
  }

  private void grant(Connection copyAdmin, Dialect dialect, String copy) throws SQLException {
    ReplayLogin login = this;
    try (Statement st = copyAdmin.createStatement()) {
      if (dialect == Dialect.POSTGRESQL) {
        String role = Identifiers.quote(dialect, login.user);
        st.execute("CREATE ROLE " + role + " LOGIN PASSWORD '" + login.password + "' NOSUPERUSER NOCREATEDB"
            + " NOCREATEROLE NOINHERIT NOREPLICATION NOBYPASSRLS CONNECTION LIMIT 2");
        st.execute("GRANT CONNECT ON DATABASE " + Identifiers.quote(dialect, copy) + " TO " + role);
        for (String schema : userSchemas(copyAdmin)) {
          String s = Identifiers.quote(dialect, schema);
          st.execute("GRANT USAGE ON SCHEMA " + s + " TO " + role);
          st.execute("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA " + s + " TO " + role);
          st.execute("GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA " + s + " TO " + role);
        }
      } else {
        // Both hosts: an anonymous ''@'localhost' account, where a server has one, would otherwise be taken
        // for a local connection before '%'.
        for (String host : HOSTS) {
          String account = "'" + login.user + "'@'" + host + "'";
          st.execute("CREATE USER " + account + " IDENTIFIED BY '" + login.password + "'"
              + " WITH MAX_USER_CONNECTIONS 2");
          st.execute("GRANT SELECT, INSERT, UPDATE, DELETE ON " + Identifiers.quote(dialect, copy) + ".* TO "
              + account);
        }
      }
    }
  }

  private static final String[] HOSTS = {"%", "localhost"};

  /** Removes the login and what was granted to it. */
  void drop(Connection admin, Dialect dialect) throws SQLException {
    try (Statement st = admin.createStatement()) {
      if (dialect == Dialect.POSTGRESQL) {
        String role = Identifiers.quote(dialect, user);
        st.execute("DROP OWNED BY " + role);
        st.execute("DROP ROLE IF EXISTS " + role);
      } else {
        for (String host : HOSTS) {
          st.execute("DROP USER IF EXISTS '" + user + "'@'" + host + "'");
        }
      }
    }
  }

  private static List<String> userSchemas(Connection c) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT nspname FROM pg_namespace"
        + " WHERE nspname NOT IN ('pg_catalog', 'information_schema') AND nspname NOT LIKE 'pg\\_%'")) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }
}
