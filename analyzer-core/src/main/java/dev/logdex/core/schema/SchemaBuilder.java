package dev.logdex.core.schema;

import dev.logdex.core.model.Dialect;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Collects tables, their columns, indexes and keys, triggers and index statistics as a loader reads them, from DDL
 * text or from a live catalog, and makes the {@link Schema}. One builder for both sources, so a schema is the same
 * value whichever way it was read.
 */
final class SchemaBuilder {

  /** One table being collected. */
  static final class TableBuilder {
    final String schema;
    final String name;
    final long rows;
    final List<Column> columns = new ArrayList<>();
    final List<Index> indexes = new ArrayList<>();
    final List<ForeignKey> foreignKeys = new ArrayList<>();
    final List<String> partitionKey = new ArrayList<>();
    /** The partitioned table it is a partition of, or null. */
    TableBuilder parent;
    /** Its partitions, in the order the source attached them. */
    final List<TableBuilder> partitions = new ArrayList<>();
    /**
     * Whether it has a partition that is not among {@link #partitions}: a foreign table, or one the source does not
     * define. Then the partitions of the table it belongs to count as unknown, as an index built piece by piece
     * would never be complete.
     */
    boolean partitionMissing;
    /** Partitions a catalog lists as values, not as tables of their own. */
    final List<dev.logdex.core.model.Partition> listedPartitions = new ArrayList<>();

    private TableBuilder(String schema, String name, long rows) {
      this.schema = schema;
      this.name = name;
      this.rows = rows;
    }
  }

  final Dialect dialect;
  /** Whether unquoted names fold to lower case (PostgreSQL) or keep their case (MySQL). */
  final boolean fold;
  final List<String> warnings = new ArrayList<>();
  /** Materialized views by key, lower case: their indexes are passed over, not taken for a missing table's. */
  final java.util.Set<String> views = new java.util.HashSet<>();
  final Set<String> triggers = new TreeSet<>();
  final List<IndexUsage> usage = new ArrayList<>();
  boolean wholeDatabase;
  /** On MySQL, the database the tables named without one are in, when the source says; else "". */
  String database = "";
  /** While reading a script that creates tables in several MySQL databases: the one of its last USE. */
  String current = "";
  private final Map<String, TableBuilder> tables = new LinkedHashMap<>();

  SchemaBuilder(Dialect dialect) {
    this.dialect = dialect;
    this.fold = dialect == Dialect.POSTGRESQL;
  }

  /** Starts a table read from a catalog, with its row estimate (-1: unknown). */
  TableBuilder add(String schema, String name, long rows) {
    TableBuilder tb = new TableBuilder(schema, name, rows);
    tables.put(key(schema, name), tb);
    return tb;
  }

  /** How tables are told apart: by name within their schema (two schemas may each hold a users). */
  static String key(String schema, String name) {
    return Table.qualifiedName(schema, name);
  }

  /**
   * The table a catalog's row names, or null: by its key ({@code users}, or {@code app.users} outside the default
   * schema, as the PostgreSQL queries give it), else by its name alone (MySQL's database holds one of each).
   */
  TableBuilder exact(String name) {
    TableBuilder t = tables.get(name);
    if (t == null) {
      t = tables.values().stream().filter(x -> x.name.equals(name)).findFirst().orElse(null);
    }
    return t;
  }

  /**
   * The table DDL names: exactly, else case-insensitively; a new one when {@code create}, else a {@link
   * DdlException} (an ALTER or CREATE INDEX before the table's CREATE TABLE).
   */
  TableBuilder table(String schema, String name, boolean create) {
    String key = key(schema, name);
    TableBuilder existing = tables.get(key);
    if (existing == null) {
      existing = tables.get(key.toLowerCase(Locale.ROOT));
    }
    if (existing == null && schema.isEmpty() && !create) {
      // Unqualified in an ALTER or CREATE INDEX: the one table of that name, whichever schema created it.
      List<TableBuilder> named = tables.values().stream().filter(x -> x.name.equalsIgnoreCase(name)).toList();
      existing = named.size() == 1 ? named.get(0) : null;
    }
    if (existing != null) {
      return existing;
    }
    if (!create) {
      throw new DdlException("table " + name + " is not defined before this statement");
    }
    return add(schema, name, -1);
  }

  /**
   * Records {@code child} as a partition of {@code parent}: from now on it is part of the parent, not a table of the
   * schema by itself. A second attach moves it (a dump's DETACH then ATTACH elsewhere is not expected, but the last
   * word counts).
   */
  void attach(TableBuilder parent, TableBuilder child) {
    for (TableBuilder up = parent; up != null; up = up.parent) {
      if (up == child) {
        throw new DdlException("table " + child.name + " cannot be a partition of its own partition " + parent.name);
      }
    }
    if (child.parent != null) {
      child.parent.partitions.remove(child);
    }
    child.parent = parent;
    parent.partitions.add(child);
  }

  /** {@link #partitions}, or none when one of them is missing anywhere below {@code tb}. */
  private static List<dev.logdex.core.model.Partition> knownPartitions(TableBuilder tb) {
    return missing(tb) ? List.of() : partitions(tb);
  }

  private static boolean missing(TableBuilder tb) {
    return tb.partitionMissing || tb.partitions.stream().anyMatch(SchemaBuilder::missing);
  }

  private static List<dev.logdex.core.model.Partition> partitions(TableBuilder tb) {
    List<dev.logdex.core.model.Partition> out = new ArrayList<>(tb.listedPartitions);
    for (TableBuilder p : tb.partitions) {
      out.add(new dev.logdex.core.model.Partition(p.schema, p.name, !p.partitionKey.isEmpty() || !p.partitions.isEmpty(),
          partitions(p)));
    }
    return out;
  }

  /**
   * The schema.
   *
   * @param implicitForeignKeyIndexes add the index InnoDB makes for each foreign key no index leads with: DDL text
   *     does not show it, a live catalog does
   */
  Schema build(boolean implicitForeignKeyIndexes) {
    List<Table> out = new ArrayList<>();
    for (TableBuilder tb : tables.values()) {
      if (tb.parent != null) {
        continue; // a partition: its parent stands for it
      }
      if (implicitForeignKeyIndexes && dialect == Dialect.MYSQL) {
        addInnodbForeignKeyIndexes(tb);
      }
      out.add(new Table(tb.schema, tb.name, tb.columns, tb.indexes, tb.foreignKeys, tb.rows, tb.partitionKey,
          knownPartitions(tb)));
    }
    Schema schema = new Schema(dialect, out, triggers, wholeDatabase, usage);
    return database.isEmpty() ? schema : schema.inDatabase(database);
  }

  /**
   * InnoDB creates an index for every foreign key that no index starts with, in the same order (InnoDB's own rule,
   * stricter than what a lookup needs); it exists, so count it.
   */
  private static void addInnodbForeignKeyIndexes(TableBuilder tb) {
    for (ForeignKey fk : tb.foreignKeys) {
      boolean led = tb.indexes.stream().anyMatch(ix -> !ix.isPartial() && ix.keys().size() >= fk.columns().size()
          && java.util.stream.IntStream.range(0, fk.columns().size()).allMatch(i -> !ix.isExpression(i)
              && ix.column(i).equalsIgnoreCase(fk.columns().get(i))));
      if (!led) {
        tb.indexes.add(new Index(fk.name(), tb.name, fk.columns(), false, false, "btree", "", true));
      }
    }
  }
}
