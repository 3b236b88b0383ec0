package dev.logdex.core.dialect;

import dev.logdex.core.model.Dialect;
import dev.logdex.core.model.Fix;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

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
   * followed by (PostgreSQL) a {@link PatternKey} class and by {@code " DESC"}, or (PostgreSQL) an
   * {@link ExpressionKey} written by logdex itself. Never an expression copied from elsewhere.
   */
  public static String keyList(Dialect dialect, List<String> keys) {
    StringBuilder cols = new StringBuilder();
    for (String k : keys) {
      cols.append(cols.length() > 0 ? ", " : "").append(key(dialect, k));
    }
    return cols.toString();
  }

  private static String key(Dialect dialect, String k) {
    java.util.Optional<String> opclass = dialect == Dialect.POSTGRESQL ? PatternKey.opclass(k)
        : java.util.Optional.empty();
    String pattern = opclass.map(c -> " " + c).orElse("");
    java.util.Optional<ExpressionKey> e = ExpressionKey.parse(opclass.isPresent() ? PatternKey.column(k) : k);
    if (e.isPresent()) {
      // MySQL 8.0.13+ would take a functional key part, MariaDB only a generated column: the generated column runs
      // on both, so the key is that column (see generatedColumns).
      return dialect == Dialect.MYSQL ? Identifiers.quote(dialect, generatedColumn(e.get()))
          : e.get().sql(dialect) + pattern;
    }
    boolean desc = k.endsWith(" DESC");
    String column = opclass.isPresent() ? PatternKey.column(k) : desc ? k.substring(0, k.length() - 5) : k;
    return Identifiers.quote(dialect, column) + pattern + (desc ? " DESC" : "");
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
    return create(dialect, schema, table, name, keys, where, partitioned, include, Map.of());
  }

  /**
   * The same; on MySQL and MariaDB an expression key ({@code lower(email)}) is first added as an invisible virtual
   * generated column of the type {@code generatedTypes} gives for it, and the index is on that column.
   */
  public static String create(Dialect dialect, String schema, String table, String name, List<String> keys,
      String where, boolean partitioned, List<String> include, Map<String, String> generatedTypes) {
    return create(dialect, schema, table, name, keys, where, partitioned, include, generatedTypes, List.of());
  }

  /**
   * The name of a declared type alone, in lower case ({@code text}, {@code longblob}), to say in a message: a type
   * as a schema file or catalog writes it can carry more (an ENUM's values, a collation), which is not repeated.
   */
  public static String typeName(String type) {
    java.util.regex.Matcher m = TYPE_NAME.matcher(type.toLowerCase(Locale.ROOT).strip());
    return m.find() ? m.group() : "?";
  }

  private static final Pattern TYPE_NAME = Pattern.compile("^[a-z]+");
  private static final Pattern SIZED_STRING = Pattern.compile("(var)?(char|binary)\\s*\\((\\d+)\\).*");
  /** Compiled once: asked of every key of every candidate on MySQL. */
  private static final Pattern KEYED_ONLY_BY_PREFIX = Pattern.compile("(tiny|medium|long)?(text|blob)\\b.*"
      + "|json\\b.*|long( varchar| varbinary)?\\b.*|(multi)?(point|linestring|polygon)\\b.*"
      + "|geometry(collection)?\\b.*");

  /** The longest key InnoDB builds (DYNAMIC and COMPRESSED rows, the default since MySQL 5.7 and MariaDB 10.2). */
  public static final int MYSQL_MAX_KEY_BYTES = 3072;

  /**
   * The most bytes InnoDB may need for a key on columns of {@code types} (as declared), a string's characters at
   * 4 bytes (utf8mb4, the default character set; logdex does not read a column's), a type it does not know at none.
   */
  public static long mysqlKeyBytes(List<String> types) {
    return types.stream().mapToLong(IndexDdl::mysqlTypeBytes).sum();
  }

  private static int mysqlTypeBytes(String type) {
    String t = type.toLowerCase(Locale.ROOT).strip();
    java.util.regex.Matcher m = SIZED_STRING.matcher(t);
    if (m.matches()) {
      int n = Integer.parseInt(m.group(3));
      return (m.group(2).equals("char") ? 4 * n : n) + (m.group(1) != null ? 2 : 0);
    }
    if (t.startsWith("bigint") || t.startsWith("double") || t.startsWith("datetime") || t.startsWith("set")) {
      return 8;
    }
    if (t.startsWith("decimal") || t.startsWith("numeric")) {
      return 16;
    }
    if (t.startsWith("uuid")) {
      return 16;
    }
    return t.isEmpty() ? 0 : 4; // int, float, date, time, timestamp, enum and smaller
  }

  /**
   * Whether MySQL and MariaDB can make a column of {@code type} (as the schema declares it) a key only by a prefix
   * whose length the DBA chooses, or only in a SPATIAL index: TEXT, BLOB, JSON and the spatial types. MySQL
   * refuses such a key ("BLOB/TEXT column used in key specification without a key length"), MariaDB takes it whole
   * and fails past 3072 bytes.
   */
  public static boolean mysqlKeysOnlyByPrefix(String type) {
    return KEYED_ONLY_BY_PREFIX.matcher(type.toLowerCase(Locale.ROOT).strip()).matches();
  }

  /**
   * The same; on a PostgreSQL partitioned table whose partitions are given in {@code onPartitions}, the statements
   * that build it without blocking writes, as PostgreSQL's manual describes: the index made on the parent alone
   * ({@code ON ONLY}, not valid yet), each partition's built {@code CONCURRENTLY} and attached to it (a partition
   * partitioned in turn the same way, one level down). The last attach makes the parent's index valid. Each
   * statement can run again: a second run creates nothing and attaches what is already attached.
   */
  public static String create(Dialect dialect, String schema, String table, String name, List<String> keys,
      String where, boolean partitioned, List<String> include, Map<String, String> generatedTypes,
      List<Fix.PartitionIndex> onPartitions) {
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
      return String.join("", generatedColumns(schema, table, keys, generatedTypes)) + "ALTER TABLE " + qualified
          + " ADD INDEX " + Identifiers.quote(dialect, name) + " (" + cols + "), ALGORITHM=INPLACE, LOCK=NONE;";
    }
    String definition = " (" + cols + ")" + (where.isEmpty() ? "" : " WHERE " + where) + ";";
    if (partitioned && !onPartitions.isEmpty()) {
      return piecewise("CREATE INDEX ", schema, table, name, definition, onPartitions);
    }
    return (partitioned ? PARTITIONED_NOTE + "CREATE INDEX IF NOT EXISTS " : "CREATE INDEX CONCURRENTLY IF NOT EXISTS ")
        + Identifiers.quote(dialect, name) + " ON " + qualified + definition;
  }

  /**
   * The statements that build index {@code name} of a PostgreSQL partitioned table without blocking writes: made on
   * the table alone, each partition's built {@code CONCURRENTLY} and attached.
   *
   * @param head {@code "CREATE INDEX "} or {@code "CREATE UNIQUE INDEX "}
   * @param definition what follows the table: {@code [USING method] (keys) [WHERE ...];}
   */
  private static String piecewise(String head, String schema, String table, String name, String definition,
      List<Fix.PartitionIndex> onPartitions) {
    Dialect d = Dialect.POSTGRESQL;
    StringBuilder b = new StringBuilder(PIECEWISE_NOTE).append(head).append("IF NOT EXISTS ")
        .append(Identifiers.quote(d, name)).append(" ON ONLY ").append(Identifiers.qualified(d, schema, table))
        .append(definition);
    onPartitions(b, head, Identifiers.qualified(d, schema, name), onPartitions, definition);
    return b.toString();
  }

  /** Each partition's index, built and attached to {@code parentIndex}; a partitioned one's own partitions first. */
  private static void onPartitions(StringBuilder b, String head, String parentIndex,
      List<Fix.PartitionIndex> partitions, String definition) {
    Dialect d = Dialect.POSTGRESQL;
    for (Fix.PartitionIndex p : partitions) {
      String index = Identifiers.qualified(d, p.schema(), p.name());
      b.append('\n').append(head).append(p.partitioned() ? "IF NOT EXISTS " : "CONCURRENTLY IF NOT EXISTS ")
          .append(Identifiers.quote(d, p.name())).append(p.partitioned() ? " ON ONLY " : " ON ")
          .append(Identifiers.qualified(d, p.schema(), p.table())).append(definition);
      if (p.partitioned()) {
        onPartitions(b, head, index, p.partitions(), definition);
      }
      b.append('\n').append("ALTER INDEX ").append(parentIndex).append(" ATTACH PARTITION ").append(index).append(';');
    }
  }

  /** Said above the statements that build an index on a PostgreSQL partitioned table partition by partition. */
  static final String PIECEWISE_NOTE = "-- a partitioned table: PostgreSQL cannot build its index CONCURRENTLY, so it "
      + "is made on the table alone (not valid yet), built CONCURRENTLY on each partition, and attached; writes go on "
      + "meanwhile, and the last ATTACH makes it valid\n";

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
    return recreate(dialect, schema, table, name, keys, unique, method, where, partitioned, List.of());
  }

  /**
   * The same; on a PostgreSQL partitioned table whose partitions are given, built partition by partition without
   * blocking writes, as {@link #create} does a new index.
   */
  public static String recreate(Dialect dialect, String schema, String table, String name, List<String> keys,
      boolean unique, String method, String where, boolean partitioned, List<Fix.PartitionIndex> onPartitions) {
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
    String definition = (method.equals("btree") ? "" : " USING " + method) + " (" + cols + ")"
        + (where.isEmpty() ? "" : " WHERE " + where) + ";";
    if (partitioned && !onPartitions.isEmpty()) {
      return piecewise("CREATE " + (unique ? "UNIQUE " : "") + "INDEX ", schema, table, name, definition,
          onPartitions);
    }
    return (partitioned ? PARTITIONED_NOTE : "") + "CREATE " + (unique ? "UNIQUE " : "") + "INDEX "
        + (partitioned ? "" : "CONCURRENTLY ") + "IF NOT EXISTS " + Identifiers.quote(dialect, name)
        + " ON " + qualified + definition;
  }

  /** A generated column's type as logdex writes it: a base type, a size, unsigned. */
  private static final Pattern GENERATED_TYPE = Pattern.compile(
      "(?:var)?char\\([0-9]{1,5}\\)|(?:tiny|small|medium|big)?int(?: unsigned)?"
      + "|decimal\\([0-9]{1,2},[0-9]{1,2}\\)|date");

  /**
   * The statements (each on its own line, with a comment first) that add the invisible virtual generated column of
   * each of {@code keys} that is an expression, for MySQL and MariaDB; none when no key is.
   */
  static List<String> generatedColumns(String schema, String table, List<String> keys,
      Map<String, String> generatedTypes) {
    List<String> out = new ArrayList<>();
    for (String k : keys) {
      Optional<ExpressionKey> e = ExpressionKey.parse(k);
      if (e.isEmpty()) {
        continue;
      }
      String type = generatedTypes.get(k);
      if (type == null) {
        throw new IllegalArgumentException("no type for the generated column of " + k);
      }
      if (out.isEmpty()) {
        out.add(GENERATED_NOTE);
      }
      out.add(addGeneratedColumn(schema, table, e.get(), type) + ";\n");
    }
    return out;
  }

  /**
   * The statement, without its terminator, that adds the invisible virtual generated column MySQL and MariaDB
   * index {@code key} through, of {@code type} as {@link ExpressionKey#mysqlColumnType} gives it.
   */
  public static String addGeneratedColumn(String schema, String table, ExpressionKey key, String type) {
    if (!GENERATED_TYPE.matcher(type).matches()) {
      throw new IllegalArgumentException("not a generated column type logdex writes: " + type);
    }
    return "ALTER TABLE " + Identifiers.qualified(Dialect.MYSQL, schema, table) + " ADD COLUMN "
        + Identifiers.quote(Dialect.MYSQL, generatedColumn(key)) + " " + type + " AS (" + key.sql(Dialect.MYSQL)
        + ") VIRTUAL INVISIBLE, ALGORITHM=INPLACE, LOCK=NONE";
  }

  /** Said above the generated columns of an expression index on MySQL and MariaDB. */
  static final String GENERATED_NOTE = "-- the expression is stored in an invisible virtual column (MySQL 8.0.23+, "
      + "MariaDB 10.3+), which SELECT * and INSERT without a column list do not see. MySQL and MariaDB 11.8+ use "
      + "the index for the expression as the queries write it; older MariaDB only for queries that name the column\n";

  /**
   * The name of the generated column MySQL and MariaDB index an expression key through: {@code email_lower},
   * {@code tries_coalesce_0}, {@code created_at_date}; with a hash of the key where its argument is not a plain
   * word, so that two keys never share a column.
   */
  public static String generatedColumn(ExpressionKey k) {
    String argument = k.argument().replace("'", "");
    String suffix = switch (k.function()) {
      case "cast" -> argument;
      case "coalesce" -> "coalesce_" + argument;
      default -> k.function();
    };
    String full = sanitize(k.column() + "_" + suffix);
    boolean plain = argument.matches("[A-Za-z0-9_]*");
    if (plain && full.length() <= MYSQL_MAX_NAME) {
      return full;
    }
    String hash = hash(k.key());
    return full.substring(0, Math.min(full.length(), MYSQL_MAX_NAME - hash.length() - 1)) + "_" + hash;
  }

  /**
   * The statement that undoes {@link #create}: drops the index, and on MySQL and MariaDB the generated columns of
   * its expression keys with it.
   */
  public static String undo(Dialect dialect, String schema, String table, String name, List<String> keys,
      boolean partitioned) {
    if (dialect != Dialect.MYSQL || keys.stream().allMatch(k -> ExpressionKey.parse(k).isEmpty())) {
      return drop(dialect, schema, table, name, partitioned);
    }
    StringBuilder columns = new StringBuilder();
    for (String k : keys) {
      ExpressionKey.parse(k).ifPresent(e -> columns.append(", DROP COLUMN ")
          .append(Identifiers.quote(dialect, generatedColumn(e))));
    }
    return "ALTER TABLE " + Identifiers.qualified(dialect, schema, table) + " DROP INDEX "
        + Identifiers.quote(dialect, name) + columns + ", ALGORITHM=INPLACE, LOCK=NONE;";
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
