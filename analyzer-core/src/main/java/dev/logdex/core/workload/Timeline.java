package dev.logdex.core.workload;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The workload over time: the period cut into buckets of one width, chosen from the period so that it has at most
 * {@link #MAX_BUCKETS} of them, and the latency of the statements timed one by one in each. The calls and time of
 * each bucket are the sum of the classes' {@link Series}, so a filter on classes filters them too; the latency is
 * of every class and is left out when classes were filtered.
 *
 * <p>Immutable.
 */
public final class Timeline {

  /** Bucket widths in seconds, each a multiple of the one before, so that coarsening adds buckets exactly. */
  static final long[] WIDTHS = {1, 5, 10, 30, 60, 300, 600, 1800, 3600, 7200, 21600, 43200, 86400, 604800};

  /** At most this many buckets over the period (fewer for a period the widths do not fit exactly). */
  public static final int MAX_BUCKETS = 200;

  /** No timed event. */
  public static final Timeline NONE = new Timeline(WIDTHS[0], Map.of(), true);

  private final long width;
  private final Map<Long, Latency> latency; // by bucket, ascending
  private final boolean latencyOfAll;

  Timeline(long width, Map<Long, Latency> latency, boolean latencyOfAll) {
    this.width = width;
    this.latency = java.util.Collections.unmodifiableMap(new TreeMap<>(latency));
    this.latencyOfAll = latencyOfAll;
  }

  /** A timeline read back from a snapshot. */
  public static Timeline of(long width, Map<Long, Latency> latency) {
    if (!isWidth(width)) {
      throw new IllegalArgumentException("timeline: width " + width + " s is not one logdex uses");
    }
    return new Timeline(width, latency, true);
  }

  static boolean isWidth(long w) {
    return java.util.Arrays.stream(WIDTHS).anyMatch(x -> x == w);
  }

  /** The narrowest width that cuts the period from {@code first} to {@code last} into at most MAX_BUCKETS. */
  public static long widthFor(long firstSecond, long lastSecond) {
    for (long w : WIDTHS) {
      if (Math.floorDiv(lastSecond, w) - Math.floorDiv(firstSecond, w) + 1 <= MAX_BUCKETS) {
        return w;
      }
    }
    return WIDTHS[WIDTHS.length - 1];
  }

  /** Seconds per bucket. */
  public long width() {
    return width;
  }

  /** The latency of the statements timed one by one, by bucket index. */
  public Map<Long, Latency> latency() {
    return latency;
  }

  /** Whether {@link #latency()} covers every class, not only the classes a filter kept. */
  public boolean latencyOfAll() {
    return latencyOfAll;
  }

  /** The same at {@code w} seconds a bucket, a width not below this one. */
  public Timeline coarsen(long w) {
    if (w == width) {
      return this;
    }
    Map<Long, Latency> out = new TreeMap<>();
    latency.forEach((b, l) -> out.merge(Math.floorDiv(b, w / width), l, Latency::plus));
    return new Timeline(w, out, latencyOfAll);
  }

  /** Both timelines added, at the wider width. */
  public Timeline plus(Timeline other) {
    long w = Math.max(width, other.width);
    Map<Long, Latency> out = new TreeMap<>(coarsen(w).latency);
    other.coarsen(w).latency.forEach((b, l) -> out.merge(b, l, Latency::plus));
    return new Timeline(w, out, latencyOfAll && other.latencyOfAll);
  }

  /** The same buckets, without the latency, which was of classes a filter has since left out. */
  Timeline withoutLatency() {
    return new Timeline(width, Map.of(), false);
  }

  /**
   * One bucket of the period, as reports show it.
   *
   * @param start when it starts
   * @param seconds how long it is
   * @param calls statements run in it
   * @param millis their total time
   * @param latency the latency of those timed one by one (of every class: see {@link #latencyOfAll()})
   * @param byClass the time of each class in it, by fingerprint id
   */
  public record Bucket(Instant start, long seconds, long calls, double millis, Latency latency,
      Map<String, Double> byClass) {
    /** Statements per second over the bucket. */
    public double perSecond() {
      return calls / (double) seconds;
    }
  }

  /**
   * Every bucket from the first to the last with calls, empty ones included (a gap is something to see), with the
   * calls and time of {@code classes}.
   */
  public List<Bucket> buckets(Collection<QueryStats> classes) {
    TreeMap<Long, long[]> calls = new TreeMap<>();
    TreeMap<Long, long[]> nanos = new TreeMap<>();
    Map<Long, Map<String, Double>> byClass = new TreeMap<>();
    List<QueryStats> sorted = new ArrayList<>(classes);
    sorted.sort(Comparator.comparing(q -> q.fingerprint().id()));
    for (QueryStats q : sorted) {
      Series s = q.series().coarsen(Math.max(width, q.series().width()));
      for (int i = 0; i < s.size(); i++) {
        long b = s.bucket(i);
        calls.computeIfAbsent(b, k -> new long[1])[0] += s.calls(i);
        nanos.computeIfAbsent(b, k -> new long[1])[0] += QueryStats.nanosOf(s.millis(i));
        byClass.computeIfAbsent(b, k -> new LinkedHashMap<>()).merge(q.fingerprint().id(), s.millis(i), Double::sum);
      }
    }
    List<Bucket> out = new ArrayList<>();
    if (calls.isEmpty()) {
      return out;
    }
    if (calls.lastKey() - calls.firstKey() >= 100L * MAX_BUCKETS) {
      // The width fits the period; calls this far apart mean a series that does not (a damaged snapshot).
      throw new IllegalStateException("calls spread over " + (calls.lastKey() - calls.firstKey() + 1)
          + " buckets of " + width + " s: more than the period's");
    }
    for (long b = calls.firstKey(); b <= calls.lastKey(); b++) {
      long[] c = calls.get(b);
      out.add(new Bucket(Instant.ofEpochSecond(b * width), width, c == null ? 0 : c[0],
          c == null ? 0 : QueryStats.millisOf(nanos.get(b)[0]), latency.getOrDefault(b, Latency.NONE),
          byClass.getOrDefault(b, Map.of())));
    }
    return out;
  }
}
