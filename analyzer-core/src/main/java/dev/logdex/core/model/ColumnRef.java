package dev.logdex.core.model;

import java.util.Objects;

/** A column of a table, both named as the schema names them (unquoted, folded as the database folds them). */
public record ColumnRef(String table, String column) implements Comparable<ColumnRef> {
  public ColumnRef {
    // The same few names stand in thousands of query classes: one copy each keeps a big workload in the heap.
    table = Objects.requireNonNull(table, "table").intern();
    column = Objects.requireNonNull(column, "column").intern();
  }

  /** Written out, as StatementAnalyzer.isDatabaseFree explains; the record's hashCode agrees with it. */
  @Override
  public boolean equals(Object o) {
    return o == this || o instanceof ColumnRef c && table.equals(c.table) && column.equals(c.column);
  }

  @Override
  public int compareTo(ColumnRef o) {
    int c = table.compareTo(o.table);
    return c != 0 ? c : column.compareTo(o.column);
  }

  @Override
  public String toString() {
    return table + "." + column;
  }
}
