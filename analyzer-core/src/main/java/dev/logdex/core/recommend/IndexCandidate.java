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

  /**
   * Equal components, as a record's equals, but the same instance first and the cheapest components next: the
   * selection compares candidates in lists and sets many times over, and most comparisons are with itself or
   * with a candidate of other keys.
   */
  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    return o instanceof IndexCandidate c && equalityPrefix == c.equalityPrefix && keys.size() == c.keys.size()
        && include.size() == c.include.size() && keys.equals(c.keys) && table.equals(c.table)
        && where.equals(c.where) && include.equals(c.include);
  }

  /**
   * A hash of every component, mixed: names of one schema are short and alike ({@code t17}, {@code c3}), and the
   * plain 31-polynomial of {@code Objects.hash} gives many candidates the same hash, so that every set and map of
   * candidates degrades into comparisons.
   */
  @Override
  public int hashCode() {
    int h = table.hashCode();
    h = h * 0x9E3779B1 + keys.hashCode();
    h = h * 0x85EBCA77 + equalityPrefix;
    h = h * 0xC2B2AE3D + where.hashCode();
    h = h * 0x27D4EB2F + include.hashCode();
    h ^= h >>> 16; // MurmurHash3's finalizer
    h *= 0x85EBCA6B;
    h ^= h >>> 13;
    h *= 0xC2B2AE35;
    return h ^ (h >>> 16);
  }

  /** A candidate with no INCLUDE columns. */
  public IndexCandidate(String table, List<String> keys, int equalityPrefix, String where) {
    this(table, keys, equalityPrefix, where, List.of());
  }

  /** The same index carrying {@code columns} as INCLUDE columns. */
  public IndexCandidate including(List<String> columns) {
    return new IndexCandidate(table, keys, equalityPrefix, where, columns);
  }

  /** The column name of key {@code i}, without direction or pattern operator class. */
  public String column(int i) {
    return dev.logdex.core.dialect.PatternKey.column(keys.get(i));
  }

  /** The same keys with another partial-index predicate ({@code ""} for a full index). */
  public IndexCandidate withWhere(String predicate) {
    return predicate.equals(where) ? this : new IndexCandidate(table, keys, equalityPrefix, predicate, include);
  }
}
