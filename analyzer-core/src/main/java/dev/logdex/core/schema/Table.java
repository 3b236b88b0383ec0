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

  /** The row estimate when known. */
  public OptionalLong rows() {
    return rowEstimate < 0 ? OptionalLong.empty() : OptionalLong.of(rowEstimate);
  }
}
