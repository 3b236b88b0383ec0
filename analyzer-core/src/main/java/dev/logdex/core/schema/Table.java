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
 */
public record Table(
    String schema,
    String name,
    List<Column> columns,
    List<Index> indexes,
    List<ForeignKey> foreignKeys,
    long rowEstimate) {

  public Table {
    Objects.requireNonNull(schema, "schema");
    Objects.requireNonNull(name, "name");
    columns = List.copyOf(columns);
    indexes = List.copyOf(indexes);
    foreignKeys = List.copyOf(foreignKeys);
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
   * Whether a B-tree index (or the primary key) that is not partial starts with exactly these columns, in this
   * order: then lookups by them, and the checks a foreign key needs, use an index.
   */
  public boolean hasIndexLeadingWith(List<String> cols) {
    for (Index ix : indexes) {
      if (ix.isPartial() || !ix.isBtree() && !ix.implicit() || ix.keys().size() < cols.size()) {
        continue;
      }
      boolean leads = true;
      for (int i = 0; i < cols.size() && leads; i++) {
        leads = !ix.isExpression(i) && ix.column(i).equalsIgnoreCase(cols.get(i));
      }
      if (leads) {
        return true;
      }
    }
    return false;
  }

  /** The row estimate when known. */
  public OptionalLong rows() {
    return rowEstimate < 0 ? OptionalLong.empty() : OptionalLong.of(rowEstimate);
  }
}
