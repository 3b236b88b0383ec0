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
