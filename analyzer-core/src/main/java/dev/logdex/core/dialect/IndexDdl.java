package dev.logdex.core.dialect;

import dev.logdex.core.model.Dialect;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * Writes index DDL and index names for a dialect: production-safe forms only ({@code CREATE INDEX CONCURRENTLY} on
 * PostgreSQL, online {@code ALTER TABLE ... ALGORITHM=INPLACE, LOCK=NONE} on MySQL and MariaDB).
 */
public final class IndexDdl {
  private IndexDdl() {}

  /** PostgreSQL's NAMEDATALEN - 1. */
  static final int POSTGRES_MAX_NAME = 63;

  /** MySQL's and MariaDB's identifier limit. */
  static final int MYSQL_MAX_NAME = 64;

  /**
   * Index keys as a column list, {@code a, "B" DESC}: each a column name, quoted where it must be, optionally
   * followed by {@code " DESC"}, or (PostgreSQL) an {@link ExpressionKey} written by logdex itself. Never an
   * expression copied from elsewhere.
   */
  public static String keyList(Dialect dialect, List<String> keys) {
    StringBuilder cols = new StringBuilder();
    for (String k : keys) {
      cols.append(cols.length() > 0 ? ", " : "").append(key(dialect, k));
    }
    return cols.toString();
  }

  private static String key(Dialect dialect, String k) {
    java.util.Optional<ExpressionKey> e = ExpressionKey.parse(k);
    if (e.isPresent()) {
      if (dialect == Dialect.MYSQL) {
        // MySQL 8.0.13+ takes it as a functional key part, MariaDB only through a generated column: no one form runs
        // on both, so none is written (the recommender does not propose it there).
        throw new IllegalArgumentException("no expression index DDL for MySQL: " + k);
      }
      return e.get().sql(dialect);
    }
    boolean desc = k.endsWith(" DESC");
    return Identifiers.quote(dialect, desc ? k.substring(0, k.length() - 5) : k) + (desc ? " DESC" : "");
  }

  /**
   * The statement that creates the index.
   *
   * @param schema the table's schema, or {@code ""} to leave the name unqualified
   * @param keys plain column names, each optionally followed by {@code " DESC"}
   * @param where a partial-index predicate already in SQL, or {@code ""}; PostgreSQL only
   */
  public static String create(Dialect dialect, String schema, String table, String name, List<String> keys,
      String where) {
    return create(dialect, schema, table, name, keys, where, false);
  }

  /**
   * The statement that creates the index; on a PostgreSQL partitioned table without CONCURRENTLY, which PostgreSQL
   * does not allow there, and with a comment that says it blocks writes while it builds.
   */
  public static String create(Dialect dialect, String schema, String table, String name, List<String> keys,
      String where, boolean partitioned) {
    return create(dialect, schema, table, name, keys, where, partitioned, List.of());
  }

  /** The same, with {@code include} columns stored in the index for index-only scans (PostgreSQL 11+). */
  public static String create(Dialect dialect, String schema, String table, String name, List<String> keys,
      String where, boolean partitioned, List<String> include) {
    // logdex writes its predicates from quoted names and checked literals; one read back from a snapshot is
    // checked again, as it goes into the statement as it is.
    if (!where.isEmpty() && !SqlText.isSafeFragment(dialect, where)) {
      throw new IllegalArgumentException("index " + name + ": predicate cannot be used safely: " + where);
    }
    String cols = keyList(dialect, keys) + (include.isEmpty() ? "" : ") INCLUDE (" + keyList(dialect, include));
    String qualified = Identifiers.qualified(dialect, schema, table);
    if (dialect == Dialect.MYSQL) {
      if (!where.isEmpty() || !include.isEmpty()) {
        throw new IllegalArgumentException("MySQL has no partial indexes and no INCLUDE columns");
      }
      return "ALTER TABLE " + qualified + " ADD INDEX " + Identifiers.quote(dialect, name) + " (" + cols
          + "), ALGORITHM=INPLACE, LOCK=NONE;";
    }
    return (partitioned ? PARTITIONED_NOTE + "CREATE INDEX IF NOT EXISTS " : "CREATE INDEX CONCURRENTLY IF NOT EXISTS ")
        + Identifiers.quote(dialect, name) + " ON " + qualified + " (" + cols + ")"
        + (where.isEmpty() ? "" : " WHERE " + where) + ";";
  }

  /** Said above an index statement on a PostgreSQL partitioned table. */
  static final String PARTITIONED_NOTE = "-- a partitioned table: PostgreSQL cannot build or drop its indexes "
      + "CONCURRENTLY, so this blocks writes to it while it runs\n";

  /**
   * The statement that creates an existing index again (to undo dropping it): its method, key expressions and
   * predicate as the schema gives them.
   */
  public static String recreate(Dialect dialect, String schema, String table, String name, List<String> keys,
      boolean unique, String method, String where) {
    return recreate(dialect, schema, table, name, keys, unique, method, where, false);
  }

  /** The same, on a table that may be partitioned. */
  public static String recreate(Dialect dialect, String schema, String table, String name, List<String> keys,
      boolean unique, String method, String where, boolean partitioned) {
    // Expressions and predicates are copied as the schema wrote them: only when they cannot end the statement.
    for (String k : keys) {
      if (k.startsWith("(") && !SqlText.isSafeFragment(dialect, k)) {
        throw new IllegalArgumentException("index " + name + ": key expression cannot be copied safely: " + k);
      }
    }
    if (!where.isEmpty() && !SqlText.isSafeFragment(dialect, where)) {
      throw new IllegalArgumentException("index " + name + ": predicate cannot be copied safely: " + where);
    }
    if (!method.matches("[a-z_0-9]+")) {
      throw new IllegalArgumentException("index " + name + ": unknown access method: " + method);
    }
    StringBuilder cols = new StringBuilder();
    for (String k : keys) {
      if (cols.length() > 0) {
        cols.append(", ");
      }
      if (k.startsWith("(")) {
        cols.append(k); // an expression key, as the schema wrote it
      } else {
        cols.append(key(dialect, k));
      }
    }
    String qualified = Identifiers.qualified(dialect, schema, table);
    if (dialect == Dialect.MYSQL) {
      String kind = unique ? "UNIQUE INDEX " : method.equals("fulltext") ? "FULLTEXT INDEX " : "INDEX ";
      return "ALTER TABLE " + qualified + " ADD " + kind + Identifiers.quote(dialect, name) + " (" + cols
          + "), ALGORITHM=INPLACE, LOCK=NONE;";
    }
    return (partitioned ? PARTITIONED_NOTE : "") + "CREATE " + (unique ? "UNIQUE " : "") + "INDEX "
        + (partitioned ? "" : "CONCURRENTLY ") + "IF NOT EXISTS " + Identifiers.quote(dialect, name)
        + " ON " + qualified + (method.equals("btree") ? "" : " USING " + method) + " (" + cols + ")"
        + (where.isEmpty() ? "" : " WHERE " + where) + ";";
  }

  /** The statement that drops the index again. */
  public static String drop(Dialect dialect, String schema, String table, String name) {
    return drop(dialect, schema, table, name, false);
  }

  /** The statement that drops the index, on a table that may be partitioned. */
  public static String drop(Dialect dialect, String schema, String table, String name, boolean partitioned) {
    if (dialect == Dialect.MYSQL) {
      String qualified = Identifiers.qualified(dialect, schema, table);
      return "ALTER TABLE " + qualified + " DROP INDEX " + Identifiers.quote(dialect, name)
          + ", ALGORITHM=INPLACE, LOCK=NONE;";
    }
    String n = Identifiers.qualified(dialect, schema, name);
    return partitioned ? PARTITIONED_NOTE + "DROP INDEX IF EXISTS " + n + ";"
        : "DROP INDEX CONCURRENTLY IF EXISTS " + n + ";";
  }

  /**
   * A deterministic, readable index name: {@code idx_<table>_<col>_<col>[_<predicate>]}, folded to
   * {@code [a-z0-9_]}, cut to the dialect's limit with a hash of the full name so that two long names stay distinct.
   */
  public static String name(Dialect dialect, String table, List<String> keys, String where) {
    StringBuilder b = new StringBuilder("idx_").append(table);
    for (String k : keys) {
      b.append('_').append(k.endsWith(" DESC") ? k.substring(0, k.length() - 5) + "_desc" : k);
    }
    if (!where.isEmpty()) {
      b.append("_where_").append(where);
    }
    String full = sanitize(b.toString());
    int max = dialect == Dialect.MYSQL ? MYSQL_MAX_NAME : POSTGRES_MAX_NAME;
    if (full.length() <= max) {
      return full;
    }
    String hash = hash(full);
    return full.substring(0, max - hash.length() - 1) + "_" + hash;
  }

  private static String sanitize(String s) {
    StringBuilder out = new StringBuilder();
    boolean underscore = false;
    for (char c : s.toLowerCase(Locale.ROOT).toCharArray()) {
      boolean ok = c >= 'a' && c <= 'z' || c >= '0' && c <= '9';
      if (ok) {
        out.append(c);
        underscore = false;
      } else if (!underscore) {
        out.append('_');
        underscore = true;
      }
    }
    while (out.length() > 0 && out.charAt(out.length() - 1) == '_') {
      out.setLength(out.length() - 1);
    }
    return out.toString();
  }

  static String hash(String s) {
    long h = 0xcbf29ce484222325L;
    for (byte x : s.getBytes(StandardCharsets.UTF_8)) {
      h ^= x & 0xff;
      h *= 0x100000001b3L;
    }
    String hex = Long.toHexString(h);
    return hex.substring(Math.max(0, hex.length() - 8));
  }
}
