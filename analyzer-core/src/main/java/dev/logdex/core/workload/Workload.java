package dev.logdex.core.workload;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A workload: every query class seen, with its counts. Mergeable, so threads, files and snapshots combine the same
 * way: {@code merge} adds counts per fingerprint and does not depend on order.
 */
public final class Workload {
  private final Map<String, QueryStats> queries;
  private final java.time.Instant first;
  private final java.time.Instant last;

  Workload(Map<String, QueryStats> queries) {
    this(queries, null, null);
  }

  Workload(Map<String, QueryStats> queries, java.time.Instant first, java.time.Instant last) {
    this.queries = new TreeMap<>(queries);
    this.first = first;
    this.last = last;
  }

  /** The time of the earliest and latest event, when the logs carry times (a pg_stat_statements export does not). */
  public java.util.Optional<java.time.Instant> first() {
    return java.util.Optional.ofNullable(first);
  }

  public java.util.Optional<java.time.Instant> last() {
    return java.util.Optional.ofNullable(last);
  }

  /** A workload of these query classes (one per fingerprint; repeated ones are added up). */
  public static Workload of(Collection<QueryStats> queries) {
    Map<String, QueryStats> m = new LinkedHashMap<>();
    for (QueryStats q : queries) {
      m.merge(q.fingerprint().id(), q, QueryStats::plus);
    }
    return new Workload(m);
  }

  /** The classes {@code keep} keeps, over the same period. */
  public Workload filter(java.util.function.Predicate<QueryStats> keep) {
    Map<String, QueryStats> m = new LinkedHashMap<>();
    queries.forEach((id, q) -> {
      if (keep.test(q)) {
        m.put(id, q);
      }
    });
    return new Workload(m, first, last);
  }

  /** An empty workload. */
  public static Workload empty() {
    return new Workload(Map.of());
  }

  /** The query classes, ordered by fingerprint id (stable across runs). */
  public Collection<QueryStats> queries() {
    return queries.values();
  }

  /** The query classes by total time, largest first (ties by fingerprint id). */
  public List<QueryStats> byTotalTime() {
    List<QueryStats> out = new ArrayList<>(queries.values());
    out.sort(Comparator.comparingDouble(QueryStats::totalMillis).reversed()
        .thenComparing(q -> q.fingerprint().id()));
    return out;
  }

  /** Total calls over all classes. */
  public long totalCalls() {
    return queries.values().stream().mapToLong(QueryStats::calls).sum();
  }

  /** Total time over all classes, in milliseconds. */
  public double totalMillis() {
    return queries.values().stream().mapToDouble(QueryStats::totalMillis).sum();
  }

  /** Calls and time of the statements that write each table (INSERT, UPDATE, DELETE). */
  public Map<String, TableWrites> writesByTable() {
    Map<String, TableWrites> out = new LinkedHashMap<>();
    for (QueryStats q : queries.values()) {
      q.profile().ifPresent(p -> {
        for (String t : p.tablesWritten()) {
          out.merge(t, new TableWrites(q.calls(), q.totalMillis()), TableWrites::plus);
        }
      });
    }
    return out;
  }

  /** {@code a} and {@code b} added together. */
  public static Workload merge(Workload a, Workload b) {
    Map<String, QueryStats> m = new LinkedHashMap<>(a.queries);
    b.queries.forEach((id, q) -> m.merge(id, q, QueryStats::plus));
    return new Workload(m, min(a.first, b.first), max(a.last, b.last));
  }

  private static java.time.Instant min(java.time.Instant x, java.time.Instant y) {
    return x == null ? y : y == null ? x : x.isBefore(y) ? x : y;
  }

  private static java.time.Instant max(java.time.Instant x, java.time.Instant y) {
    return x == null ? y : y == null ? x : x.isAfter(y) ? x : y;
  }

  /**
   * Write load on one table.
   *
   * @param calls write statements executed
   * @param totalMillis their total time
   */
  public record TableWrites(long calls, double totalMillis) {
    TableWrites plus(TableWrites o) {
      return new TableWrites(calls + o.calls, totalMillis + o.totalMillis);
    }
  }
}
