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
  private final Timeline timeline;

  Workload(Map<String, QueryStats> queries) {
    this(queries, null, null, Timeline.NONE);
  }

  /**
   * The classes over the period from {@code first} to {@code last}; every class's series and the timeline are put
   * in buckets of one width, the narrowest that cuts the period into at most {@link Timeline#MAX_BUCKETS}, so that
   * equal workloads are equal however they were added up.
   */
  Workload(Map<String, QueryStats> queries, java.time.Instant first, java.time.Instant last, Timeline timeline) {
    long width = timeline.width();
    if (first != null && last != null) {
      width = Math.max(width, Timeline.widthFor(first.getEpochSecond(), last.getEpochSecond()));
    }
    for (QueryStats q : queries.values()) {
      width = Math.max(width, q.series().width());
    }
    TreeMap<String, QueryStats> same = new TreeMap<>();
    long w = width;
    queries.forEach((id, q) -> same.put(id, q.withSeriesWidth(w)));
    this.queries = same;
    this.first = first;
    this.last = last;
    this.timeline = timeline.coarsen(width);
  }

  /** The time of the earliest and latest event, when the logs carry times (a pg_stat_statements export does not). */
  public java.util.Optional<java.time.Instant> first() {
    return java.util.Optional.ofNullable(first);
  }

  public java.util.Optional<java.time.Instant> last() {
    return java.util.Optional.ofNullable(last);
  }

  /** The workload over time: its buckets' widths and latency. */
  public Timeline timeline() {
    return timeline;
  }

  /** The buckets of the period, with the calls and time of this workload's classes. */
  public List<Timeline.Bucket> buckets() {
    return timeline.buckets(queries.values());
  }

  /** A workload of these query classes (one per fingerprint; repeated ones are added up). */
  public static Workload of(Collection<QueryStats> queries) {
    return of(queries, null, null, Timeline.NONE);
  }

  /** The same over a period, with its timeline (a snapshot's). */
  public static Workload of(Collection<QueryStats> queries, java.time.Instant first, java.time.Instant last,
      Timeline timeline) {
    Map<String, QueryStats> m = new LinkedHashMap<>();
    for (QueryStats q : queries) {
      m.merge(q.fingerprint().id(), q, QueryStats::plus);
    }
    return new Workload(m, first, last, timeline);
  }

  /** The classes {@code keep} keeps, over the same period. */
  public Workload filter(java.util.function.Predicate<QueryStats> keep) {
    Map<String, QueryStats> m = new LinkedHashMap<>();
    queries.forEach((id, q) -> {
      if (keep.test(q)) {
        m.put(id, q);
      }
    });
    // The latency of each bucket was of every class: with some left out it would say what the kept ones did not.
    return new Workload(m, first, last, m.size() == queries.size() ? timeline : timeline.withoutLatency());
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
    return new Workload(m, min(a.first, b.first), max(a.last, b.last), a.timeline.plus(b.timeline));
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
