package dev.logdex.core.schema;

import dev.logdex.core.model.Dialect;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The catalog logdex reasons about: tables by name, with the dialect they come from.
 *
 * <p>Tables are known by {@link Table#qualifiedName()}: {@code users}, or {@code app.users} outside the default
 * schema, so that two tables of one name in two schemas stay two. Lookups accept a name as a query writes it:
 * exact first, then case-insensitively, so {@code Users} finds {@code users}; see {@link #table(String)} for how
 * qualified and unqualified names resolve.
 */
public final class Schema {
  private final Dialect dialect;
  private final Map<String, Table> tables;
  private final Map<String, Table> folded;
  private final Map<String, List<Table>> byBareName = new LinkedHashMap<>();
  private final java.util.Set<String> tablesWithTriggers;
  private final boolean wholeDatabase;
  private final List<IndexUsage> indexUsage;
  private final boolean given;
  /**
   * A partitioned table by the names of its partitions, at every level: qualified as logdex names tables, and in
   * lower case. A statement that names a partition reads part of its parent, and the parent's indexes serve it.
   */
  private final Map<String, Table> partitionOf = new java.util.HashMap<>();
  /** On MySQL, the database whose tables the source names without one: "" when it does not say. */
  private final String database;

  public Schema(Dialect dialect, Collection<Table> tables) {
    this(dialect, tables, java.util.Set.of(), false);
  }

  /**
   * A schema.
   *
   * @param tablesWithTriggers tables that have triggers (a trigger may keep a copied column in step)
   * @param wholeDatabase whether the source describes a whole database (a dump or a live catalog), so that a table
   *     it lacks does not exist; a hand-written script may describe only part of one
   */
  public Schema(Dialect dialect, Collection<Table> tables, java.util.Set<String> tablesWithTriggers,
      boolean wholeDatabase) {
    this(dialect, tables, tablesWithTriggers, wholeDatabase, List.of());
  }

  /** A schema read from a live database, with what it says about index use. */
  public Schema(Dialect dialect, Collection<Table> tables, java.util.Set<String> tablesWithTriggers,
      boolean wholeDatabase, List<IndexUsage> indexUsage) {
    this(dialect, tables, tablesWithTriggers, wholeDatabase, indexUsage, true, "");
  }

  private Schema(Dialect dialect, Collection<Table> tables, java.util.Set<String> tablesWithTriggers,
      boolean wholeDatabase, List<IndexUsage> indexUsage, boolean given, String database) {
    this.given = given;
    this.database = database;
    this.dialect = dialect;
    this.indexUsage = List.copyOf(indexUsage);
    this.tablesWithTriggers = java.util.Set.copyOf(tablesWithTriggers);
    this.wholeDatabase = wholeDatabase;
    this.tables = new LinkedHashMap<>();
    this.folded = new LinkedHashMap<>();
    for (Table t : tables) {
      this.tables.put(t.qualifiedName(), t);
      this.folded.putIfAbsent(t.qualifiedName().toLowerCase(Locale.ROOT), t);
      this.byBareName.computeIfAbsent(t.name().toLowerCase(Locale.ROOT), k -> new java.util.ArrayList<>()).add(t);
      for (dev.logdex.core.model.Partition p : dev.logdex.core.model.Partition.all(t.partitions())) {
        String key = Table.qualifiedName(p.schema(), p.name());
        partitionOf.put(key, t);
        partitionOf.putIfAbsent(key.toLowerCase(Locale.ROOT), t);
      }
    }
  }

  /** A schema with no tables. */
  public static Schema empty(Dialect dialect) {
    return new Schema(dialect, List.of());
  }

  /**
   * No schema: the user gave none. Nothing is known of the tables, their keys or their indexes, and every report
   * says so.
   */
  public static Schema none(Dialect dialect) {
    return new Schema(dialect, List.of(), java.util.Set.of(), false, List.of(), false, "");
  }

  /**
   * This schema, known to be that of the MySQL database {@code name}: the database a live catalog was read from, or
   * the one a dump of a single database names. Its tables still match a statement of any database (the shards of an
   * app share one schema); the name is for what the report says.
   */
  public Schema inDatabase(String name) {
    return new Schema(dialect, tables.values(), tablesWithTriggers, wholeDatabase, indexUsage, given, name);
  }

  /** The MySQL database the schema's unqualified tables are in, or "" when the source does not say. */
  public String database() {
    return database;
  }

  /** False for {@link #none}: no schema was given, so no index is known to exist. */
  public boolean isGiven() {
    return given;
  }

  public Dialect dialect() {
    return dialect;
  }

  /** Index use statistics, when the schema came from a live database that keeps them; else empty. */
  public List<IndexUsage> indexUsage() {
    return indexUsage;
  }

  /** Whether the table has a trigger. */
  public boolean hasTrigger(String table) {
    return tablesWithTriggers.stream().anyMatch(t -> t.equalsIgnoreCase(table));
  }

  /** Whether the source describes a whole database (a dump or a live catalog). */
  public boolean isWholeDatabase() {
    return wholeDatabase;
  }

  /** All tables, in the order the source declared them. */
  public Collection<Table> tables() {
    return tables.values();
  }

  public boolean isEmpty() {
    return tables.isEmpty();
  }

  /**
   * The table a statement means by {@code name}, as written ({@code users}, {@code app.users}):
   * <ul>
   *   <li>its qualified name, exactly or in another case (a quoted name may hold a dot: {@code "a.b"});
   *   <li>qualified, {@code q.t}: the table {@code t} of schema {@code q}; else, when the schema source names no
   *       schema for its tables (a mysqldump of one database, a hand-written script), the one table {@code t};
   *   <li>unqualified: {@code t} in the default schema (the search path's {@code public}), else the one table of
   *       that name in any schema.
   *   <li>else a partition's name, as one of the above would name it: its partitioned table, since the statement
   *       reads part of that table, and the table's indexes are on each of its partitions.
   * </ul>
   * Empty when none, or when two schemas hold the name and neither is the default: a guess would merge them.
   */
  public Optional<Table> table(String name) {
    Optional<Table> t = ownTable(name);
    if (t.isPresent() || partitionOf.isEmpty()) {
      return t;
    }
    // A partition: its parent, by the partition's qualified name (app.events_2024, or events_2024 in the default
    // schema), exactly or in another case.
    int dot = name.lastIndexOf('.');
    String key = dot > 0 && Table.isDefaultSchema(name.substring(0, dot).toLowerCase(Locale.ROOT))
        ? name.substring(dot + 1) : name; // public.events_2024 is events_2024
    Table parent = partitionOf.get(key);
    if (parent == null) {
      parent = partitionOf.get(key.toLowerCase(Locale.ROOT));
    }
    return Optional.ofNullable(parent);
  }

  private Optional<Table> ownTable(String name) {
    Table t = tables.get(name);
    if (t == null) {
      t = folded.get(name.toLowerCase(Locale.ROOT));
    }
    if (t != null) {
      return Optional.of(t);
    }
    int dot = name.lastIndexOf('.');
    String bare = dot >= 0 ? name.substring(dot + 1) : name;
    String qualifier = dot >= 0 ? name.substring(0, dot) : "";
    List<Table> named = byBareName.getOrDefault(bare.toLowerCase(Locale.ROOT), List.of());
    if (named.isEmpty()) {
      return Optional.empty();
    }
    List<Table> exact = named.stream().filter(x -> x.name().equals(bare)).toList();
    List<Table> candidates = exact.isEmpty() ? named : exact;
    if (!qualifier.isEmpty() && !Table.isDefaultSchema(qualifier)) {
      for (Table x : candidates) {
        if (x.schema().equalsIgnoreCase(qualifier)) {
          return Optional.of(x);
        }
      }
      // A source that names no schema (one database's dump) may be the database the statement names: even one of
      // another name, for the shards of one app (shop_1, shop_2, ...) and a copy restored under a new name share it.
      List<Table> unnamed = candidates.stream().filter(x -> x.schema().isEmpty()).toList();
      return unnamed.size() == 1 ? Optional.of(unnamed.get(0)) : Optional.empty();
    }
    List<Table> inDefault = candidates.stream().filter(x -> Table.isDefaultSchema(x.schema())).toList();
    if (!inDefault.isEmpty()) {
      return Optional.of(inDefault.get(0));
    }
    return qualifier.isEmpty() && candidates.size() == 1 ? Optional.of(candidates.get(0)) : Optional.empty();
  }

  /**
   * How logdex names a table a statement names as {@code qualifier.name}: the schema's own name for it when the
   * schema has it, else the name as written, qualified unless by the default schema.
   */
  public String identity(String qualifier, String name) {
    String ref = qualifier.isEmpty() ? name : qualifier + "." + name;
    return table(ref).map(Table::qualifiedName)
        .orElse(Table.qualifiedName(qualifier, name));
  }

  /**
   * About how much heap the schema takes (tables, columns, indexes, foreign keys, as measured on a 100,000-table
   * schema, rounded up): so that what is left for the workload can be known before reading it.
   */
  public long estimatedBytes() {
    long bytes = 0;
    for (Table t : tables.values()) {
      bytes += 600 + 150L * t.columns().size() + 250L * (t.indexes().size() + t.foreignKeys().size());
    }
    return bytes;
  }

  /**
   * Every name a new index or constraint must not take: the indexes' and foreign keys' names, and on PostgreSQL the
   * tables' (one namespace with indexes).
   */
  public java.util.List<String> objectNames() {
    java.util.List<String> names = new java.util.ArrayList<>();
    for (Table t : tables.values()) {
      if (dialect == Dialect.POSTGRESQL) {
        names.add(t.name());
        dev.logdex.core.model.Partition.all(t.partitions()).forEach(p -> names.add(p.name()));
      }
      t.indexes().forEach(i -> names.add(i.name()));
      t.foreignKeys().forEach(f -> names.add(f.name()));
    }
    return names;
  }

}
