package dev.logdex.core.model;

import java.util.Objects;

/**
 * One use of a column by a statement.
 *
 * @param column the column used
 * @param kind how it is used
 * @param descending for {@link UseKind#ORDER_BY}: whether the sort is descending
 * @param detail free text that explains the use: the other column of a join, the function of an expression use
 */
public record ColumnUse(ColumnRef column, UseKind kind, boolean descending, String detail) {
  public ColumnUse {
    Objects.requireNonNull(column, "column");
    Objects.requireNonNull(kind, "kind");
    detail = Objects.requireNonNull(detail, "detail").intern(); // a join partner's name: shared like the names
  }

  /** Written out, as StatementAnalyzer.isDatabaseFree explains; the record's hashCode agrees with it. */
  @Override
  public boolean equals(Object o) {
    return o == this || o instanceof ColumnUse u && kind == u.kind && descending == u.descending
        && column.equals(u.column) && detail.equals(u.detail);
  }

  /**
   * How the detail of a correlated subquery's inner equality begins, before the outer column it is equal to:
   * {@code "correlated with orders.id"}.
   */
  public static final String CORRELATED = "correlated with ";

  public static ColumnUse of(ColumnRef column, UseKind kind) {
    return new ColumnUse(column, kind, false, "");
  }
}
