package dev.logdex.core.schema;

import java.util.Objects;

/**
 * A column of a table.
 *
 * @param name the column name as the database stores it
 * @param type the declared type, as written in the DDL (lower case), or {@code ""} when unknown
 * @param nullable whether NULL is allowed
 * @param distinct the database's estimate of distinct values, or -1 when unknown (no live statistics)
 */
public record Column(String name, String type, boolean nullable, double distinct) {
  public Column {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
  }

  /** A column with no statistics. */
  public Column(String name, String type, boolean nullable) {
    this(name, type, nullable, -1);
  }
}
