package dev.logdex.core.model;

/** How a statement uses a column. */
public enum UseKind {
  /** {@code col = value}. */
  EQUALITY,
  /** {@code col IN (...)}. */
  IN,
  /** {@code col IS NULL}. */
  IS_NULL,
  /** {@code <, <=, >, >=, BETWEEN} and {@code LIKE 'prefix%'}. */
  RANGE,
  /** {@code col = other_table.col}. */
  JOIN,
  ORDER_BY,
  GROUP_BY,
  /** The column under a function or operator, such as {@code lower(email) = ?}: a plain index does not serve it. */
  EXPRESSION,
  /**
   * {@code f(col) = value} or {@code IN}, with {@code f} one of the functions an expression index is proposed for
   * (the detail names it): an index on {@code f(col)} serves it, a plain index on {@code col} does not.
   */
  EXPRESSION_EQUALITY,
  /** {@code f(col) < value}, BETWEEN or a LIKE prefix, as {@link #EXPRESSION_EQUALITY}. */
  EXPRESSION_RANGE,
  /**
   * One arm of an OR whose every arm tests one column of the same table with a value ({@code assignee = ? OR
   * reporter = ?}): an index per arm serves the OR together (PostgreSQL's BitmapOr, MySQL's index merge), one
   * alone does not. The detail names the OR ({@code "OR 1"}), the same for each of its arms.
   */
  OR_ARM,
  /** A filter no B-tree index serves: {@code <>}, {@code LIKE '%x'}, {@code IS NOT NULL}, comparisons in an OR. */
  NON_SARGABLE,
  /** Read in the select list (directly, inside an expression, or through {@code *}). */
  SELECT,
  /** Set by an UPDATE. */
  WRITE;

  /** Whether an index can treat this use as an equality on the column. */
  public boolean isEqualityLike() {
    return this == EQUALITY || this == IN || this == IS_NULL;
  }
}
