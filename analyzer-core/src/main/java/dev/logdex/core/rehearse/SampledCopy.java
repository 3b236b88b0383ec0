package dev.logdex.core.rehearse;

import dev.logdex.core.dialect.Identifiers;
import dev.logdex.core.model.Dialect;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A copy that holds a sample of each large table instead of all of it, closed under foreign keys: every row a
 * sampled row references is copied too, so that the copy's keys hold and a join finds what it finds in the source.
 * Small tables (up to the sample size) are copied whole.
 *
 * <p>PostgreSQL: the schema comes from pg_dump in its two halves (or, without pg_dump, from the source's catalog),
 * tables before the data and indexes, keys and triggers after it (so that the keys are checked on the finished
 * sample); rows travel as each table's row type in
 * text, read in one repeatable-read snapshot of the source. MySQL/MariaDB: the copy is on the same server, so rows
 * are copied with INSERT ... SELECT.
 */
final class SampledCopy {
  private SampledCopy() {}

  /** Rounds of the closure at most: a chain of references longer than this is cut (the keys then say so). */
  static final int MAX_ROUNDS = 20;

  /** Rows sent to the copy in one statement. */
  private static final int BATCH = 1000;

  /** A foreign key, by table names as SQL and its columns as SQL. */
  private record Reference(String child, List<String> childColumns, String parent, List<String> parentColumns) {}

  /**
   * About how many bytes a sample of {@code rows} per table takes (each table's size, scaled down); {@code c} is a
   * connection to the source on PostgreSQL (its catalog is its own), to the server on MySQL.
   */
  static long estimate(Connection admin, Dialect dialect, String source, long rows) throws SQLException {
    String sql = dialect == Dialect.POSTGRESQL
        ? "SELECT COALESCE(SUM(pg_total_relation_size(c.oid) * LEAST(1.0, ?::float8 / GREATEST(c.reltuples, 1))), 0)"
            + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = 'r'"
            + " AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'"

        : "SELECT COALESCE(SUM((DATA_LENGTH + INDEX_LENGTH) * LEAST(1.0, ? / GREATEST(COALESCE(TABLE_ROWS, 1), 1))),"
            + " 0) FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_TYPE = 'BASE TABLE'";
    try (PreparedStatement ps = admin.prepareStatement(sql)) {
      ps.setLong(1, rows);
      if (dialect == Dialect.MYSQL) {
        ps.setString(2, source);
      }
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? (long) rs.getDouble(1) : 0;
      }
    }
  }

  /**
   * Copies PostgreSQL's {@code source} into the new, marked, empty database {@code copy}: about {@code rows} rows of
   * each larger table with the rows they reference, or every row when {@code rows} is 0. The schema comes from
   * pg_dump when it is installed here, else from the source's catalog ({@link CatalogSchema}).
   */
  static void postgres(Server server, String source, String copy, long rows) throws SQLException, IOException {
    java.util.Optional<Server.DumpTools> tools = server.dumpTools();
    Path schema = tools.isPresent() ? Files.createTempFile("logdex-schema", ".dump") : null;
    try {
      CatalogSchema catalog = null;
      if (tools.isPresent()) {
        Tools.run(tools.get(), List.of("pg_dump", "-Fc", "--schema-only", "--no-owner", "--no-acl", "-f",
            schema.toString(), source));
        Tools.run(tools.get(), List.of("pg_restore", "--section=pre-data", "--no-owner", "--no-acl",
            "--exit-on-error", "-d", copy, schema.toString()));
      }
      try (Connection from = server.readSource(); Connection to = server.connect(copy)) {
        from.setAutoCommit(false);
        try (Statement st = from.createStatement()) {
          st.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
        }
        if (tools.isEmpty()) {
          catalog = CatalogSchema.read(from); // in the rows' snapshot
          run(to, catalog.preData);
        }
        List<String[]> tables = new ArrayList<>();
        try (Statement st = from.createStatement(); ResultSet rs = st.executeQuery("SELECT n.nspname, c.relname,"
            + " c.reltuples FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = 'r'"
            + " AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'"
            + " ORDER BY 1, 2")) {
          while (rs.next()) {
            tables.add(new String[] {rs.getString(1), rs.getString(2), Double.toString(rs.getDouble(3))});
          }
        }
        for (String[] t : tables) {
          String table = Identifiers.qualified(Dialect.POSTGRESQL, t[0], t[1]);
          double estimate = Double.parseDouble(t[2]);
          // REPEATABLE: the same rows for the same table and seed; BERNOULLI: rows from every page.
          String sample = rows > 0 && estimate > rows ? String.format(Locale.ROOT,
              " TABLESAMPLE BERNOULLI (%.6f) REPEATABLE (7)", Math.min(100.0, 100.0 * rows / estimate)) : "";
          List<String> columns = columnsOf(from, table);
          if (PgCopy.available(from, to)) {
            String cols = String.join(", ", columns);
            PgCopy.stream(from, "COPY (SELECT " + cols + " FROM ONLY " + table + " x" + sample
                + ") TO STDOUT (FORMAT binary)", to, "COPY " + table + " (" + cols + ") FROM STDIN (FORMAT binary)");
          } else {
            transfer(from, to, "SELECT x::text FROM ONLY " + table + " x" + sample, List.of(), table, columns);
          }
        }
        for (int round = 0; rows > 0 && round < MAX_ROUNDS; round++) {
          long added = 0;
          for (Reference r : references(from)) {
            added += close(from, to, r);
          }
          if (added == 0) {
            break;
          }
        }
        sequences(from, to);
        from.rollback();
        if (catalog != null) {
          run(to, catalog.postData);
        }
      }
      if (tools.isPresent()) {
        Tools.run(tools.get(), List.of("pg_restore", "--section=post-data", "--no-owner", "--no-acl",
            "--exit-on-error", "-d", copy, schema.toString()));
      }
    } finally {
      if (schema != null) {
        Files.deleteIfExists(schema);
      }
    }
  }

  /** Runs each statement on the copy; a failure names the statement's start. */
  private static void run(Connection to, List<String> statements) throws SQLException {
    try (Statement st = to.createStatement()) {
      for (String sql : statements) {
        try {
          st.execute(sql);
        } catch (SQLException e) {
          throw new SQLException("copying the schema from the catalog failed at: "
              + (sql.length() > 120 ? sql.substring(0, 120) + "..." : sql) + ": " + e.getMessage(), e.getSQLState(), e);
        }
      }
    }
  }

  /**
   * Runs {@code query} (one text column: rows of {@code table}'s row type) on the source with {@code keys} as its
   * one parameter when given, and inserts the rows into the copy's {@code table}; returns how many.
   */
  private static long transfer(Connection from, Connection to, String query, List<String> keys, String table,
      List<String> columns) throws SQLException {
    String cols = String.join(", ", columns);
    String insert = "INSERT INTO " + table + " (" + cols + ") OVERRIDING SYSTEM VALUE SELECT "
        + String.join(", ", columns.stream().map(c -> "(r::" + table + ")." + c).toList())
        + " FROM unnest(?::text[]) r ON CONFLICT DO NOTHING";
    long n = 0;
    try (PreparedStatement read = from.prepareStatement(query); PreparedStatement write = to.prepareStatement(insert)) {
      if (!keys.isEmpty()) {
        read.setArray(1, from.createArrayOf("text", keys.toArray()));
      }
      read.setFetchSize(BATCH);
      try (ResultSet rs = read.executeQuery()) {
        List<String> batch = new ArrayList<>();
        while (rs.next()) {
          batch.add(rs.getString(1));
          if (batch.size() == BATCH) {
            n += send(to, write, batch);
          }
        }
        n += send(to, write, batch);
      }
    }
    return n;
  }

  private static long send(Connection to, PreparedStatement write, List<String> batch) throws SQLException {
    if (batch.isEmpty()) {
      return 0;
    }
    Array rows = to.createArrayOf("text", batch.toArray());
    write.setArray(1, rows);
    long n = write.executeUpdate();
    batch.clear();
    return n;
  }

  /** The foreign keys between the source's tables, as SQL names. */
  private static List<Reference> references(Connection from) throws SQLException {
    List<Reference> out = new ArrayList<>();
    try (Statement st = from.createStatement(); ResultSet rs = st.executeQuery("SELECT cn.nspname, c.relname,"
        + " pn.nspname, p.relname, ARRAY(SELECT a.attname FROM unnest(k.conkey) WITH ORDINALITY u(n, i)"
        + " JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.n ORDER BY u.i),"
        + " ARRAY(SELECT a.attname FROM unnest(k.confkey) WITH ORDINALITY u(n, i)"
        + " JOIN pg_attribute a ON a.attrelid = k.confrelid AND a.attnum = u.n ORDER BY u.i)"
        + " FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace cn ON cn.oid = c.relnamespace"
        + " JOIN pg_class p ON p.oid = k.confrelid JOIN pg_namespace pn ON pn.oid = p.relnamespace"
        + " WHERE k.contype = 'f' AND k.conparentid = 0 ORDER BY k.conname")) {
      while (rs.next()) {
        out.add(new Reference(Identifiers.qualified(Dialect.POSTGRESQL, rs.getString(1), rs.getString(2)),
            quoted((String[]) rs.getArray(5).getArray()),
            Identifiers.qualified(Dialect.POSTGRESQL, rs.getString(3), rs.getString(4)),
            quoted((String[]) rs.getArray(6).getArray())));
      }
    }
    return out;
  }

  private static List<String> quoted(String[] names) {
    return java.util.Arrays.stream(names).map(n -> Identifiers.quote(Dialect.POSTGRESQL, n)).toList();
  }

  /**
   * Copies the parent rows that the copy's child rows of {@code r} reference and the copy lacks; returns how many.
   * Keys travel as the text of a row of their columns, compared the same way on both sides.
   */
  private static long close(Connection from, Connection to, Reference r) throws SQLException {
    String childKey = "ROW(" + String.join(", ", r.childColumns().stream().map(c -> "c." + c).toList()) + ")::text";
    String parentKey = "ROW(" + String.join(", ", r.parentColumns().stream().map(c -> "p." + c).toList()) + ")::text";
    String notNull = String.join(" AND ", r.childColumns().stream().map(c -> "c." + c + " IS NOT NULL").toList());
    String match = String.join(" AND ", java.util.stream.IntStream.range(0, r.childColumns().size())
        .mapToObj(i -> "p." + r.parentColumns().get(i) + " = c." + r.childColumns().get(i)).toList());
    List<String> missing = new ArrayList<>();
    try (Statement st = to.createStatement(); ResultSet rs = st.executeQuery("SELECT DISTINCT " + childKey + " FROM "
        + r.child() + " c WHERE " + notNull + " AND NOT EXISTS (SELECT 1 FROM " + r.parent() + " p WHERE " + match
        + ")")) {
      while (rs.next()) {
        missing.add(rs.getString(1));
      }
    }
    if (missing.isEmpty()) {
      return 0;
    }
    return transfer(from, to, "SELECT p::text FROM " + r.parent() + " p WHERE " + parentKey + " = ANY (?)", missing,
        r.parent(), columnsOf(from, r.parent()));
  }

  /** The columns of a table given as SQL that take a value (not generated), as SQL, found through its regclass. */
  private static List<String> columnsOf(Connection c, String tableSql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT attname FROM pg_attribute WHERE attrelid = ?::regclass"
        + " AND attnum > 0 AND NOT attisdropped AND attgenerated = '' ORDER BY attnum")) {
      ps.setString(1, tableSql);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(Identifiers.quote(Dialect.POSTGRESQL, rs.getString(1)));
        }
      }
    }
    return out;
  }

  /**
   * Sets each of the copy's sequences where the source's stands, so that an insert does not reuse a key. An
   * identity column's sequence is found by its column, as its name in the copy is the server's choice.
   */
  private static void sequences(Connection from, Connection to) throws SQLException {
    try (Statement st = from.createStatement(); ResultSet rs = st.executeQuery("SELECT s.schemaname, s.sequencename,"
        + " s.last_value, tn.nspname, t.relname, a.attname FROM pg_sequences s"
        + " JOIN pg_namespace n ON n.nspname = s.schemaname JOIN pg_class c ON c.relnamespace = n.oid"
        + " AND c.relname = s.sequencename"
        + " LEFT JOIN pg_depend d ON d.objid = c.oid AND d.classid = 'pg_class'::regclass AND d.deptype = 'i'"
        + " LEFT JOIN pg_class t ON t.oid = d.refobjid LEFT JOIN pg_namespace tn ON tn.oid = t.relnamespace"
        + " LEFT JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid"
        + " WHERE s.last_value IS NOT NULL");
        PreparedStatement set = to.prepareStatement("SELECT setval(?::regclass, ?)");
        PreparedStatement identity = to.prepareStatement("SELECT setval(pg_get_serial_sequence(?, ?), ?)")) {
      while (rs.next()) {
        PreparedStatement ps;
        if (rs.getString(5) != null) {
          ps = identity;
          ps.setString(1, Identifiers.qualified(Dialect.POSTGRESQL, rs.getString(4), rs.getString(5)));
          ps.setString(2, rs.getString(6));
          ps.setLong(3, rs.getLong(3));
        } else {
          ps = set;
          ps.setString(1, Identifiers.qualified(Dialect.POSTGRESQL, rs.getString(1), rs.getString(2)));
          ps.setLong(2, rs.getLong(3));
        }
        try (ResultSet ignored = ps.executeQuery()) {
          // setval returns the value it set
        }
      }
    }
  }

  /**
   * Copies a sample of the MySQL/MariaDB database {@code source} into {@code copy}, whose tables exist and are empty:
   * about {@code rows} rows of each larger table, all rows of the others, then the referenced rows the sample lacks.
   */
  static void mysql(Connection admin, String source, String copy, long rows) throws SQLException {
    Dialect d = Dialect.MYSQL;
    List<String[]> tables = new ArrayList<>();
    try (PreparedStatement ps = admin.prepareStatement("SELECT TABLE_NAME, COALESCE(TABLE_ROWS, 0) FROM"
        + " information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_NAME")) {
      ps.setString(1, source);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          tables.add(new String[] {rs.getString(1), Long.toString(rs.getLong(2))});
        }
      }
    }
    try (Statement st = admin.createStatement()) {
      st.execute("SET SESSION foreign_key_checks = 0");
      try {
        for (String[] t : tables) {
          String columns = String.join(", ", DatabaseCopy.insertableColumns(admin, source, t[0]).stream()
              .map(c -> Identifiers.quote(d, c)).toList());
          long estimate = Long.parseLong(t[1]);
          // RAND(seed): the same rows for the same table; a share of the rows, from the whole table.
          String where = estimate > rows ? String.format(Locale.ROOT, " WHERE RAND(7) < %.9f",
              (double) rows / estimate) : "";
          st.execute("INSERT INTO " + Identifiers.qualified(d, copy, t[0]) + " (" + columns + ") SELECT " + columns
              + " FROM " + Identifiers.qualified(d, source, t[0]) + where);
        }
        List<Reference> refs = mysqlReferences(admin, source);
        for (int round = 0; round < MAX_ROUNDS; round++) {
          long added = 0;
          for (Reference r : refs) {
            String match = String.join(" AND ", java.util.stream.IntStream.range(0, r.childColumns().size())
                .mapToObj(i -> "p." + r.parentColumns().get(i) + " = c." + r.childColumns().get(i)).toList());
            String present = String.join(" AND ", java.util.stream.IntStream.range(0, r.childColumns().size())
                .mapToObj(i -> "x." + r.parentColumns().get(i) + " = c." + r.childColumns().get(i)).toList());
            List<String> names = DatabaseCopy.insertableColumns(admin, source, r.parent()).stream()
                .map(c -> Identifiers.quote(d, c)).toList();
            added += st.executeUpdate("INSERT IGNORE INTO " + Identifiers.qualified(d, copy, r.parent()) + " ("
                + String.join(", ", names) + ") SELECT DISTINCT "
                + String.join(", ", names.stream().map(c -> "p." + c).toList()) + " FROM "
                + Identifiers.qualified(d, source, r.parent()) + " p JOIN " + Identifiers.qualified(d, copy, r.child())
                + " c ON " + match + " WHERE NOT EXISTS (SELECT 1 FROM " + Identifiers.qualified(d, copy, r.parent())
                + " x WHERE " + present + ")");
          }
          if (added == 0) {
            break;
          }
        }
      } finally {
        st.execute("SET SESSION foreign_key_checks = 1");
      }
    }
  }

  /** The foreign keys among {@code source}'s tables: child and parent as bare table names, columns as SQL. */
  private static List<Reference> mysqlReferences(Connection c, String source) throws SQLException {
    java.util.Map<String, Reference> out = new java.util.LinkedHashMap<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT CONSTRAINT_NAME, TABLE_NAME, COLUMN_NAME,"
        + " REFERENCED_TABLE_NAME, REFERENCED_COLUMN_NAME FROM information_schema.KEY_COLUMN_USAGE"
        + " WHERE TABLE_SCHEMA = ? AND REFERENCED_TABLE_SCHEMA = ? ORDER BY TABLE_NAME, CONSTRAINT_NAME,"
        + " ORDINAL_POSITION")) {
      ps.setString(1, source);
      ps.setString(2, source);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String key = rs.getString(2) + "\u0000" + rs.getString(1);
          Reference r = out.get(key);
          if (r == null) {
            r = new Reference(rs.getString(2), new ArrayList<>(), rs.getString(4), new ArrayList<>());
            out.put(key, r);
          }
          r.childColumns().add(Identifiers.quote(Dialect.MYSQL, rs.getString(3)));
          r.parentColumns().add(Identifiers.quote(Dialect.MYSQL, rs.getString(5)));
        }
      }
    }
    return new ArrayList<>(out.values());
  }

  /** PostgreSQL's command-line tools, run with the server's address and the password in their environment. */
  static final class Tools {
    private Tools() {}

    /** {@code command} (the tool, then its own arguments) with the server's address, ready to start. */
    static ProcessBuilder builder(Server.DumpTools tools, List<String> command) {
      List<String> full = new ArrayList<>(command.subList(0, 1));
      full.addAll(List.of("-h", tools.host(), "-p", Integer.toString(tools.port()), "-U", tools.user(),
          "--no-password"));
      full.addAll(command.subList(1, command.size()));
      ProcessBuilder pb = new ProcessBuilder(full).redirectOutput(ProcessBuilder.Redirect.DISCARD);
      tools.password().ifPresent(p -> pb.environment().put("PGPASSWORD", p));
      return pb;
    }

    /** Runs {@code command}; fails with the tool's first line of error when it exits with another status than 0. */
    static void run(Server.DumpTools tools, List<String> command) throws IOException {
      Process p = builder(tools, command).start();
      waitFor(List.of(p), command.get(0));
    }

    /** Waits for the processes of a pipeline, each named by {@code names} in order, and fails as {@link #run}. */
    static void waitFor(List<Process> processes, String... names) throws IOException {
      try {
        for (int i = 0; i < processes.size(); i++) {
          Process p = processes.get(i);
          String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();
          if (p.waitFor() != 0) {
            throw new IOException(names[i] + " failed: " + err.lines().findFirst().orElse("exit " + p.exitValue()));
          }
        }
      } catch (InterruptedException e) {
        processes.forEach(Process::destroy);
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while running " + String.join(" | ", names), e);
      }
    }
  }
}
