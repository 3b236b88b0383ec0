package dev.logdex.core.snapshot;

import dev.logdex.core.recommend.IndexCandidate;
import dev.logdex.core.recommend.Recommendation;
import dev.logdex.core.recommend.ServedQuery;
import dev.logdex.core.schema.Index;
import dev.logdex.core.schema.Table;
import dev.logdex.core.workload.QueryStats;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What changed between two snapshots: query classes new, gone, faster and slower (by their mean time, or by their
 * p95 where the logs timed each execution); recommendations applied (their index now exists), still open, and new.
 *
 * @param queries every query class of either snapshot, with its change, worst regressions first
 * @param applied recommendations of the first snapshot whose index exists in the second's schema
 * @param open recommendations in both
 * @param added recommendations only the second has
 * @param beforeMillis total time of the first workload
 * @param afterMillis total time of the second workload
 */
public record SnapshotDiff(List<QueryChange> queries, List<Applied> applied, List<Recommendation> open,
    List<Recommendation> added, double beforeMillis, double afterMillis) {

  /** How a query class changed. */
  public enum Status { NEW, GONE, SLOWER, FASTER, SAME }

  /**
   * One query class in both snapshots (or one of them).
   *
   * @param changePct the mean time's change in percent (positive: slower); 0 for NEW and GONE
   * @param p95Before the 95th percentile latency before, -1 when the log had no per-execution times
   * @param p95After the same after
   * @param p95ChangePct its change in percent; 0 unless both are known
   */
  public record QueryChange(String fingerprint, String sample, Status status, long callsBefore, long callsAfter,
      double meanBefore, double meanAfter, double shareBefore, double shareAfter, double changePct,
      double p95Before, double p95After, double p95ChangePct) {

    /** The larger slowdown of the mean and the p95, in percent: what makes a class slower. */
    public double worstChangePct() {
      return Math.max(changePct, p95ChangePct);
    }

    /** Whether both snapshots have the class's p95. */
    public boolean hasP95() {
      return p95Before >= 0 && p95After >= 0;
    }
  }

  /** An applied recommendation and what became of the queries it served (their mean times, before and after). */
  public record Applied(Recommendation recommendation, List<QueryChange> served) {}

  /**
   * Compares {@code before} with {@code after}.
   *
   * @param noisePct a mean time must change by more than this share to count as faster or slower
   * @param noiseMillis ... and by more than this many milliseconds (timers jitter on fast queries)
   */
  public static SnapshotDiff of(Snapshot before, Snapshot after, double noisePct, double noiseMillis) {
    double totalBefore = before.workload().totalMillis();
    double totalAfter = after.workload().totalMillis();
    Map<String, QueryStats> b = byId(before);
    Map<String, QueryStats> a = byId(after);
    Map<String, QueryChange> changes = new TreeMap<>();
    for (String id : union(b, a)) {
      changes.put(id, change(b.get(id), a.get(id), totalBefore, totalAfter, noisePct, noiseMillis));
    }
    List<QueryChange> queries = new ArrayList<>(changes.values());
    queries.sort(Comparator.comparing((QueryChange q) -> q.status().ordinal())
        .thenComparing(Comparator.comparingDouble(QueryChange::worstChangePct).reversed())
        .thenComparing(QueryChange::fingerprint));

    List<Applied> applied = new ArrayList<>();
    List<Recommendation> open = new ArrayList<>();
    for (Recommendation r : before.recommendations()) {
      if (exists(after, r.index())) {
        List<QueryChange> served = new ArrayList<>();
        for (ServedQuery q : r.queries()) {
          Optional.ofNullable(changes.get(q.fingerprint())).ifPresent(served::add);
        }
        applied.add(new Applied(r, served));
      } else if (after.recommendations().stream().anyMatch(x -> same(x.index(), r.index()))) {
        open.add(r);
      }
    }
    List<Recommendation> added = after.recommendations().stream()
        .filter(r -> before.recommendations().stream().noneMatch(x -> same(x.index(), r.index()))).toList();
    return new SnapshotDiff(queries, applied, open, added, totalBefore, totalAfter);
  }

  /** The worst slowdown among the query classes, of the mean or the p95, in percent (0 when none got slower). */
  public double worstRegressionPct() {
    return queries.stream().filter(q -> q.status() == Status.SLOWER).mapToDouble(QueryChange::worstChangePct).max()
        .orElse(0);
  }

  private static QueryChange change(QueryStats b, QueryStats a, double totalBefore, double totalAfter,
      double noisePct, double noiseMillis) {
    QueryStats any = a != null ? a : b;
    long cb = b == null ? 0 : b.calls();
    long ca = a == null ? 0 : a.calls();
    double mb = b == null ? 0 : b.meanMillis();
    double ma = a == null ? 0 : a.meanMillis();
    double sb = b == null || totalBefore == 0 ? 0 : b.totalMillis() / totalBefore;
    double sa = a == null || totalAfter == 0 ? 0 : a.totalMillis() / totalAfter;
    double pb = b == null || b.latency().isEmpty() ? -1 : b.latency().percentileMillis(95);
    double pa = a == null || a.latency().isEmpty() ? -1 : a.latency().percentileMillis(95);
    Status status;
    double pct = 0;
    double p95Pct = 0;
    if (b == null) {
      status = Status.NEW;
    } else if (a == null) {
      status = Status.GONE;
    } else {
      pct = mb == 0 ? 0 : 100.0 * (ma - mb) / mb;
      boolean moved = Math.abs(pct) > noisePct && Math.abs(ma - mb) > noiseMillis;
      // The tail can get slower while the mean does not (a plan that flips for some values): that counts too.
      p95Pct = pb > 0 && pa >= 0 ? 100.0 * (pa - pb) / pb : 0;
      boolean tailSlower = p95Pct > noisePct && pa - pb > noiseMillis;
      status = moved && pct > 0 || tailSlower ? Status.SLOWER : moved ? Status.FASTER : Status.SAME;
    }
    return new QueryChange(any.fingerprint().id(), any.sample(), status, cb, ca, mb, ma, sb, sa, pct, pb, pa, p95Pct);
  }

  /** Whether the second snapshot's schema has an index serving the recommendation. */
  private static boolean exists(Snapshot after, IndexCandidate c) {
    Optional<Table> t = after.schema().table(c.table());
    if (t.isEmpty()) {
      return false;
    }
    for (Index ix : t.get().indexes()) {
      if (ix.keys().size() >= c.keys().size() && ix.where().replaceAll("[\\s()\"]", "")
          .equalsIgnoreCase(c.where().replaceAll("[\\s()\"]", ""))) {
        boolean leads = true;
        for (int i = 0; i < c.keys().size() && leads; i++) {
          leads = ix.keys().get(i).equalsIgnoreCase(c.keys().get(i));
        }
        if (leads) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean same(IndexCandidate x, IndexCandidate y) {
    return x.table().equals(y.table()) && x.keys().equals(y.keys()) && x.where().equals(y.where());
  }

  private static Map<String, QueryStats> byId(Snapshot s) {
    Map<String, QueryStats> m = new TreeMap<>();
    s.workload().queries().forEach(q -> m.put(q.fingerprint().id(), q));
    return m;
  }

  private static List<String> union(Map<String, ?> x, Map<String, ?> y) {
    TreeMap<String, Boolean> all = new TreeMap<>();
    x.keySet().forEach(k -> all.put(k, true));
    y.keySet().forEach(k -> all.put(k, true));
    return new ArrayList<>(all.keySet());
  }
}
