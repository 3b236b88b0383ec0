package dev.logdex.core.schema;

import java.util.Objects;

/**
 * A column of a table.
 *
 * @param name the column name as the database stores it
 * @param type the declared type, as written in the DDL (lower case), or {@code ""} when unknown
 * @param nullable whether NULL is allowed
 */
public record Column(String name, String type, boolean nullable) {
  public Column {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
  }
}
