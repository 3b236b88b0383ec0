package dev.logdex.core.rehearse;

import dev.logdex.core.dialect.Identifiers;
import dev.logdex.core.lex.SqlScript;
import dev.logdex.core.model.Dialect;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Makes and drops the copy of a database that a rehearsal works on. The source is only read. Every copy carries a
 * comment that says logdex made it, so that {@code --replace} and the final drop never remove a database logdex
 * did not make.
 */
final class DatabaseCopy {
  private DatabaseCopy() {}

  /** How the copy was made. */
  enum Method {
    /** PostgreSQL's {@code CREATE DATABASE ... TEMPLATE}: a file-level copy, the fastest, when no one else is in. */
    TEMPLATE("CREATE DATABASE ... TEMPLATE"),
    /** pg_dump piped into pg_restore, when other sessions use the source. */
    DUMP_RESTORE("pg_dump | pg_restore"),
    /** PostgreSQL without pg_dump here: the schema from the source's catalog, every row over JDBC. */
    CATALOG_COPY("schema from the catalog, rows over JDBC"),
    /** PostgreSQL without pg_dump here: the catalog's schema around a sample of the rows. */
    SAMPLED_CATALOG("schema from the catalog, sampled rows with foreign-key closure"),
    /** MySQL/MariaDB: each table's own CREATE TABLE, then INSERT ... SELECT. */
    TABLE_BY_TABLE("SHOW CREATE TABLE, INSERT ... SELECT"),
    /** PostgreSQL: pg_dump's schema around a sample of the rows, closed under foreign keys. */
    SAMPLED_DUMP("pg_dump schema, sampled rows with foreign-key closure"),
    /** MySQL/MariaDB: the tables, and a sample of the rows closed under foreign keys. */
    SAMPLED_TABLE_BY_TABLE("SHOW CREATE TABLE, sampled rows with foreign-key closure");

    final String label;

    Method(String label) {
      this.label = label;
    }
  }

  /** The comment a copy made by logdex carries; the source's name follows it. */
  static final String MARK = "logdex rehearsal copy of ";

  /** A database name logdex accepts for a copy: plain letters, digits and underscores, as no quoting can go wrong. */
  static boolean isPlainName(String name) {
    return name.matches("[A-Za-z_][A-Za-z0-9_]{0,62}");
  }

  /** The size of the source database in bytes, as its server counts it (tables and indexes). */
  static long size(Connection admin, Dialect dialect, String source) throws SQLException {
    String sql = dialect == Dialect.POSTGRESQL ? "SELECT pg_database_size(?)"
        : "SELECT COALESCE(SUM(DATA_LENGTH + INDEX_LENGTH), 0) FROM information_schema.TABLES WHERE TABLE_SCHEMA = ?";
    try (PreparedStatement ps = admin.prepareStatement(sql)) {
      ps.setString(1, source);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getLong(1) : 0;
      }
    }
  }

  /**
   * Whether a database of that name exists; empty if not, else whether logdex made it: PostgreSQL's comment on it
   * says so; on MySQL and MariaDB its {@link #MARK_TABLE} does (MySQL keeps no comment on a database), or, for a
   * copy made before that table, MariaDB's comment on it.
   */
  static Optional<Boolean> existing(Connection admin, Dialect dialect, String name) throws SQLException {
    if (dialect == Dialect.POSTGRESQL) {
      return first(admin, "SELECT COALESCE(shobj_description(oid, 'pg_database'), '') FROM pg_database"
          + " WHERE datname = ?", name).map(comment -> comment.startsWith(MARK));
    }
    if (first(admin, "SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?", name).isEmpty()) {
      return Optional.empty();
    }
    if (first(admin, "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME = '"
        + MARK_TABLE + "'", name).isPresent()) {
      try (Statement st = admin.createStatement(); ResultSet rs = st.executeQuery("SELECT mark FROM "
          + Identifiers.qualified(dialect, name, MARK_TABLE))) {
        return Optional.of(rs.next() && rs.getString(1).startsWith(MARK));
      }
    }
    return Optional.of(MysqlFlavor.isMariadb(admin) && first(admin, "SELECT COALESCE(SCHEMA_COMMENT, '') FROM"
        + " information_schema.SCHEMATA WHERE SCHEMA_NAME = ?", name).orElse("").startsWith(MARK));
  }

  /** The table that marks a MySQL or MariaDB copy as logdex's, in the copy, with one row: {@link #MARK} and the source. */
  static final String MARK_TABLE = "logdex_rehearsal_copy";

  private static Optional<String> first(Connection c, String sql, String parameter) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, parameter);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
      }
    }
  }

  /** Drops the copy {@code name}, which must carry logdex's mark. */
  static void drop(Connection admin, Dialect dialect, String name) throws SQLException {
    if (!existing(admin, dialect, name).orElse(false)) {
      throw new SQLException("database " + name + " was not made by logdex (no mark of logdex's in it: '" + MARK
          + "...'): not dropped");
    }
    try (Statement st = admin.createStatement()) {
      st.execute("DROP DATABASE " + Identifiers.quote(dialect, name)
          + (dialect == Dialect.POSTGRESQL ? " WITH (FORCE)" : ""));
    }
  }

  /** Sessions other than this one connected to the PostgreSQL database {@code name}. */
  static int otherSessions(Connection admin, String name) throws SQLException {
    try (PreparedStatement ps = admin.prepareStatement(
        "SELECT count(*) FROM pg_stat_activity WHERE datname = ? AND pid <> pg_backend_pid()")) {
      ps.setString(1, name);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  /**
   * Copies the PostgreSQL database {@code source} to {@code copy}: as a template when no other session is connected
   * to the source, else with pg_dump and pg_restore, else (no pg_dump here) by logdex itself over JDBC.
   */
  static Method postgres(Server server, Connection admin, String source, String copy)
      throws SQLException, IOException {
    String q = Identifiers.quote(Dialect.POSTGRESQL, copy);
    if (otherSessions(admin, source) == 0) {
      try (Statement st = admin.createStatement()) {
        st.execute("CREATE DATABASE " + q + " TEMPLATE " + Identifiers.quote(Dialect.POSTGRESQL, source));
        mark(admin, Dialect.POSTGRESQL, source, copy);
        return Method.TEMPLATE;
      } catch (SQLException e) {
        if (!"55006".equals(e.getSQLState())) { // object_in_use: someone connected meanwhile
          throw e;
        }
      }
    }
    try (Statement st = admin.createStatement()) {
      st.execute("CREATE DATABASE " + q);
    }
    mark(admin, Dialect.POSTGRESQL, source, copy);
    if (server.dumpTools().isEmpty()) {
      // Other sessions use the source and pg_dump is not here: logdex's own copy, schema from the catalog.
      SampledCopy.postgres(server, source, copy, 0);
      return Method.CATALOG_COPY;
    }
    dumpRestore(server.dumpTools().get(), source, copy);
    return Method.DUMP_RESTORE;
  }

  private static void mark(Connection admin, Dialect dialect, String source, String copy) throws SQLException {
    try (Statement st = admin.createStatement()) {
      // The names are plain (checked before), so they can stand in a string literal as they are.
      if (dialect == Dialect.POSTGRESQL) {
        st.execute("COMMENT ON DATABASE " + Identifiers.quote(dialect, copy) + " IS '" + MARK + source + "'");
      } else {
        // A table, not a comment: MySQL keeps no comment on a database. The replay touches only the source's tables.
        String table = Identifiers.qualified(dialect, copy, MARK_TABLE);
        st.execute("CREATE TABLE " + table + " (mark VARCHAR(200) NOT NULL)");
        st.execute("INSERT INTO " + table + " VALUES ('" + MARK + source + "')");
      }
    }
  }

  private static void dumpRestore(Server.DumpTools tools, String source, String copy) throws IOException {
    ProcessBuilder dump = SampledCopy.Tools.builder(tools, List.of("pg_dump", "-Fc", "--no-owner", "--no-acl", source))
        .redirectOutput(ProcessBuilder.Redirect.PIPE);
    ProcessBuilder restore = SampledCopy.Tools.builder(tools, List.of("pg_restore", "--no-owner", "--no-acl",
        "--exit-on-error", "-d", copy));
    SampledCopy.Tools.waitFor(ProcessBuilder.startPipeline(List.of(dump, restore)), "pg_dump", "pg_restore");
  }

  /**
   * Copies the MySQL/MariaDB database {@code source} to {@code copy}: each base table by the server's own
   * {@code SHOW CREATE TABLE} (indexes, keys and partitions included), then its rows with INSERT ... SELECT of the
   * columns that are not generated. Views, triggers and routines are not copied.
   */
  static Method mysql(Connection admin, String source, String copy, long sampleRows) throws SQLException {
    Dialect d = Dialect.MYSQL;
    String to = Identifiers.quote(d, copy);
    try (Statement st = admin.createStatement()) {
      st.execute("CREATE DATABASE " + to);
      mark(admin, d, source, copy);
      List<String> tables = new ArrayList<>();
      try (PreparedStatement ps = admin.prepareStatement("SELECT TABLE_NAME FROM information_schema.TABLES"
          + " WHERE TABLE_SCHEMA = ? AND TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_NAME")) {
        ps.setString(1, source);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            tables.add(rs.getString(1));
          }
        }
      }
      st.execute("SET SESSION foreign_key_checks = 0");
      try {
        st.execute("USE " + to);
        for (String t : tables) {
          String create;
          try (ResultSet rs = st.executeQuery("SHOW CREATE TABLE " + Identifiers.qualified(d, source, t))) {
            rs.next();
            create = rs.getString(2);
          }
          // The server's own DDL for its own table: still, only one CREATE TABLE statement is sent.
          List<SqlScript.Statement> parts = SqlScript.split(create, d);
          if (parts.size() != 1 || !parts.get(0).text().strip().toUpperCase(Locale.ROOT).startsWith("CREATE TABLE")) {
            throw new SQLException("SHOW CREATE TABLE " + t + " did not give one CREATE TABLE statement");
          }
          st.execute(parts.get(0).text());
          if (sampleRows == 0) {
            String columns = String.join(", ", insertableColumns(admin, source, t).stream()
                .map(c -> Identifiers.quote(d, c)).toList());
            st.execute("INSERT INTO " + Identifiers.qualified(d, copy, t) + " (" + columns + ") SELECT " + columns
                + " FROM " + Identifiers.qualified(d, source, t));
          }
        }
      } finally {
        st.execute("SET SESSION foreign_key_checks = 1");
      }
    }
    if (sampleRows > 0) {
      SampledCopy.mysql(admin, source, copy, sampleRows);
      return Method.SAMPLED_TABLE_BY_TABLE;
    }
    return Method.TABLE_BY_TABLE;
  }

  /** Copies a sample of PostgreSQL's {@code source}: see {@link SampledCopy}. */
  static Method postgresSampled(Server server, Connection admin, String source, String copy, long rows)
      throws SQLException, IOException {
    try (Statement st = admin.createStatement()) {
      st.execute("CREATE DATABASE " + Identifiers.quote(Dialect.POSTGRESQL, copy));
    }
    mark(admin, Dialect.POSTGRESQL, source, copy);
    SampledCopy.postgres(server, source, copy, rows);
    return server.dumpTools().isPresent() ? Method.SAMPLED_DUMP : Method.SAMPLED_CATALOG;
  }

  static List<String> insertableColumns(Connection c, String schema, String table) throws SQLException {
    List<String> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT COLUMN_NAME FROM information_schema.COLUMNS"
        + " WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? AND EXTRA NOT LIKE '%GENERATED%'"
        + " AND EXTRA NOT IN ('VIRTUAL', 'PERSISTENT', 'STORED') ORDER BY ORDINAL_POSITION")) {
      ps.setString(1, schema);
      ps.setString(2, table);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
    }
    return out;
  }
}
