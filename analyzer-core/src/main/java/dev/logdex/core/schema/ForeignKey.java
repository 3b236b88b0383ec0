package dev.logdex.core.schema;

import java.util.List;
import java.util.Objects;

/**
 * A foreign key constraint.
 *
 * @param name the constraint name, or {@code ""} when the DDL gave none
 * @param table the referencing (child) table
 * @param columns the referencing columns, in order
 * @param referencedTable the referenced (parent) table
 * @param referencedColumns the referenced columns; empty when the DDL relies on the parent's primary key
 * @param onDelete the ON DELETE action in upper case ({@code CASCADE}, {@code SET NULL}, ...), or {@code ""}
 */
public record ForeignKey(
    String name,
    String table,
    List<String> columns,
    String referencedTable,
    List<String> referencedColumns,
    String onDelete) {

  public ForeignKey {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(table, "table");
    columns = List.copyOf(columns);
    Objects.requireNonNull(referencedTable, "referencedTable");
    referencedColumns = List.copyOf(referencedColumns);
    Objects.requireNonNull(onDelete, "onDelete");
  }
}
