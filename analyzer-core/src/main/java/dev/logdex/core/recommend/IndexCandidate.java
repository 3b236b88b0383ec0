package dev.logdex.core.recommend;

import java.util.List;
import java.util.Objects;

/**
 * A proposed index: equality columns first (their order is free), then at most one range column or the sort keys.
 *
 * @param table the table, as the schema names it
 * @param keys the key columns in index order; a descending key is written {@code "created_at DESC"}
 * @param equalityPrefix how many leading keys are equality columns (any permutation of them serves equally)
 * @param where a partial-index predicate, or {@code ""}
 * @param include columns stored in the index but not keys (PostgreSQL's INCLUDE), for index-only scans; usually none
 */
public record IndexCandidate(String table, List<String> keys, int equalityPrefix, String where,
    List<String> include) {
  public IndexCandidate {
    Objects.requireNonNull(table, "table");
    keys = List.copyOf(keys);
    Objects.requireNonNull(where, "where");
    include = List.copyOf(include);
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("an index needs at least one key");
    }
    if (equalityPrefix < 0 || equalityPrefix > keys.size()) {
      throw new IllegalArgumentException("equalityPrefix out of range: " + equalityPrefix);
    }
  }

  /** A candidate with no INCLUDE columns. */
  public IndexCandidate(String table, List<String> keys, int equalityPrefix, String where) {
    this(table, keys, equalityPrefix, where, List.of());
  }

  /** The same index carrying {@code columns} as INCLUDE columns. */
  public IndexCandidate including(List<String> columns) {
    return new IndexCandidate(table, keys, equalityPrefix, where, columns);
  }

  /** The column name of key {@code i}, without direction. */
  public String column(int i) {
    String k = keys.get(i);
    return k.endsWith(" DESC") ? k.substring(0, k.length() - 5) : k;
  }

  /** The same keys with another partial-index predicate ({@code ""} for a full index). */
  public IndexCandidate withWhere(String predicate) {
    return predicate.equals(where) ? this : new IndexCandidate(table, keys, equalityPrefix, predicate, include);
  }
}
