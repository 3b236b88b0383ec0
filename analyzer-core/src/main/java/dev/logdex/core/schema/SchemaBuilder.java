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
   * The schema.
   *
   * @param implicitForeignKeyIndexes add the index InnoDB makes for each foreign key no index leads with: DDL text
   *     does not show it, a live catalog does
   */
  Schema build(boolean implicitForeignKeyIndexes) {
    List<Table> out = new ArrayList<>();
    for (TableBuilder tb : tables.values()) {
      if (implicitForeignKeyIndexes && dialect == Dialect.MYSQL) {
        addInnodbForeignKeyIndexes(tb);
      }
      out.add(new Table(tb.schema, tb.name, tb.columns, tb.indexes, tb.foreignKeys, tb.rows, tb.partitionKey));
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
