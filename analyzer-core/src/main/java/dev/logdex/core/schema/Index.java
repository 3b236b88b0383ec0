package dev.logdex.core.schema;

import java.util.List;
import java.util.Objects;

/**
 * An index, a primary key or a unique constraint: anything the database can scan by key.
 *
 * @param name the index or constraint name ({@code ""} when the DDL gave none)
 * @param table the table it belongs to
 * @param keys its key parts in order: a column name, or an expression in parentheses such as {@code (lower(email))};
 *     a descending column is written {@code "created_at DESC"}
 * @param unique whether it enforces uniqueness
 * @param primary whether it is the primary key
 * @param method the access method in lower case ({@code btree}, {@code hash}, {@code gin}, ...)
 * @param where the predicate of a partial index, or {@code ""} for a full index
 * @param implicit whether the database created it by itself (InnoDB's index for a foreign key)
 */
public record Index(
    String name,
    String table,
    List<String> keys,
    boolean unique,
    boolean primary,
    String method,
    String where,
    boolean implicit) {

  public Index {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(table, "table");
    keys = List.copyOf(keys);
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(where, "where");
  }

  /** Whether the index is partial (has a WHERE clause). */
  public boolean isPartial() {
    return !where.isEmpty();
  }

  /** Whether key part {@code i} is an expression rather than a plain column. */
  public boolean isExpression(int i) {
    return keys.get(i).startsWith("(");
  }

  /**
   * The plain column name of key part {@code i}, without a direction or a pattern operator class; {@code ""} for an
   * expression.
   */
  public String column(int i) {
    String k = keys.get(i);
    if (k.startsWith("(")) {
      return "";
    }
    return dev.logdex.core.dialect.PatternKey.column(k);
  }

  /** Whether a B-tree scan can use this index by key (hash and GIN indexes serve other patterns). */
  public boolean isBtree() {
    return method.equals("btree");
  }
}
