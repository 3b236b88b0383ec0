package dev.logdex.core.schema;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A table with its columns, indexes (the primary key and unique constraints among them) and foreign keys.
 *
 * @param schema the schema (namespace) it lives in, or {@code ""} when the source does not say
 * @param name its name as the database stores it
 * @param columns its columns in declaration order
 * @param indexes every index, primary key and unique constraint
 * @param foreignKeys the foreign keys it declares (it is the child)
 * @param rowEstimate the estimated row count, or {@code -1} when unknown
 * @param partitionKey the columns (or expressions) a partitioned table is partitioned by; empty for a plain table.
 *     PostgreSQL builds no index concurrently on a partitioned table, and its primary and unique keys must hold
 *     these columns
 * @param partitions a PostgreSQL partitioned table's partitions, as far as the source lists them (each with its
 *     own when it is partitioned too); a partition is not a table of the schema by itself
 */
public record Table(
    String schema,
    String name,
    List<Column> columns,
    List<Index> indexes,
    List<ForeignKey> foreignKeys,
    long rowEstimate,
    List<String> partitionKey,
    List<dev.logdex.core.model.Partition> partitions) {

  public Table {
    Objects.requireNonNull(schema, "schema");
    Objects.requireNonNull(name, "name");
    columns = List.copyOf(columns);
    indexes = List.copyOf(indexes);
    foreignKeys = List.copyOf(foreignKeys);
    partitionKey = List.copyOf(partitionKey);
    partitions = List.copyOf(partitions);
  }

  /** A table whose partitions, if it has any, are not known. */
  public Table(String schema, String name, List<Column> columns, List<Index> indexes, List<ForeignKey> foreignKeys,
      long rowEstimate, List<String> partitionKey) {
    this(schema, name, columns, indexes, foreignKeys, rowEstimate, partitionKey, List.of());
  }

  /** A table that is not partitioned. */
  public Table(String schema, String name, List<Column> columns, List<Index> indexes, List<ForeignKey> foreignKeys,
      long rowEstimate) {
    this(schema, name, columns, indexes, foreignKeys, rowEstimate, List.of());
  }

  /**
   * The columns the partition key uses: each key that is a plain name, and the names inside an expression key
   * ({@code year(`at`)}: {@code at}). A primary or unique key of a partitioned table must hold all of them.
   */
  public List<String> partitionColumns() {
    List<String> out = new java.util.ArrayList<>();
    java.util.regex.Matcher m = java.util.regex.Pattern
        .compile("`((?:[^`]|``)+)`|\"((?:[^\"]|\"\")+)\"|([A-Za-z_][A-Za-z0-9_$]*)(\\s*\\()?").matcher("");
    for (String key : partitionKey) {
      m.reset(key);
      while (m.find()) {
        String name = m.group(1) != null ? m.group(1).replace("``", "`")
            : m.group(2) != null ? m.group(2).replace("\"\"", "\"") : m.group(4) == null ? m.group(3) : null;
        if (name != null && column(name).isPresent() && !out.contains(column(name).get().name())) {
          out.add(column(name).get().name());
        }
      }
    }
    return out;
  }

  /**
   * The table as logdex names it everywhere (workload, findings, recommendations, snapshots): its name, qualified
   * by its schema when that is not the default one ({@code app.users}; {@code users} for {@code public.users} or a
   * source that names no schema). Two tables of one name in two schemas stay two.
   */
  public String qualifiedName() {
    return qualifiedName(schema, name);
  }

  /** How logdex names table {@code name} of {@code schema}: see {@link #qualifiedName()}. */
  public static String qualifiedName(String schema, String name) {
    return isDefaultSchema(schema) ? name : schema + "." + name;
  }

  /** Whether {@code schema} is the one unqualified names resolve to: none given, or PostgreSQL's {@code public}. */
  public static boolean isDefaultSchema(String schema) {
    return schema.isEmpty() || schema.equals("public");
  }

  /** Whether it is a partitioned table (PostgreSQL's PARTITION BY). */
  public boolean isPartitioned() {
    return !partitionKey.isEmpty();
  }

  /** The column named {@code name}: an exact match first, then one that differs only in case. */
  public Optional<Column> column(String name) {
    for (Column c : columns) {
      if (c.name().equals(name)) {
        return Optional.of(c);
      }
    }
    for (Column c : columns) {
      if (c.name().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  /** The primary key, if the table has one. */
  public Optional<Index> primaryKey() {
    return indexes.stream().filter(Index::primary).findFirst();
  }

  /**
   * The primary key, or a unique index that is not partial, all of whose columns are among {@code cols} (any case):
   * then a lookup by equalities on {@code cols} finds one row at most through it. A key's pattern operator class
   * ({@code code text_pattern_ops}) serves equality too.
   */
  public Optional<Index> uniqueKeyAmong(java.util.Collection<String> cols) {
    java.util.Set<String> lower = new java.util.HashSet<>();
    cols.forEach(c -> lower.add(c.toLowerCase(java.util.Locale.ROOT)));
    return indexes.stream().filter(ix -> (ix.unique() || ix.primary()) && !ix.isPartial() && !ix.keys().isEmpty()
        && ix.keys().stream().allMatch(k -> lower.contains(
            dev.logdex.core.dialect.PatternKey.column(k).toLowerCase(java.util.Locale.ROOT))))
        .findFirst();
  }

  /**
   * Whether a B-tree index (or the primary key) that is not partial starts with these columns, in any order: then
   * lookups by them, and the checks a foreign key needs, use an index. The one answer to "is this foreign key
   * indexed" that the recommender, the rules and the migrations all ask.
   */
  public boolean hasIndexLeadingWith(List<String> cols) {
    for (Index ix : indexes) {
      if (ix.isPartial() || !ix.isBtree() && !ix.implicit() || ix.keys().size() < cols.size()) {
        continue;
      }
      boolean plain = true;
      for (int i = 0; i < cols.size() && plain; i++) {
        plain = !ix.isExpression(i);
      }
      if (plain && leadWith(ix.keys(), cols)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the first {@code cols.size()} of {@code keys} (index keys, a descending one written {@code "c DESC"})
   * are {@code cols} in any order, without regard to case: an equality lookup on all of them can use them.
   */
  public static boolean leadWith(List<String> keys, List<String> cols) {
    if (keys.size() < cols.size()) {
      return false;
    }
    java.util.Set<String> want = new java.util.HashSet<>();
    java.util.Set<String> have = new java.util.HashSet<>();
    for (int i = 0; i < cols.size(); i++) {
      want.add(cols.get(i).toLowerCase(java.util.Locale.ROOT));
      String k = keys.get(i);
      // a pattern operator class (title text_pattern_ops) serves equality too
      have.add(dev.logdex.core.dialect.PatternKey.column(k).toLowerCase(java.util.Locale.ROOT));
    }
    return want.equals(have);
  }

  /** The row estimate when known. */
  public OptionalLong rows() {
    return rowEstimate < 0 ? OptionalLong.empty() : OptionalLong.of(rowEstimate);
  }
}
