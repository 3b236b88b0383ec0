package dev.logdex.core.analysis;

import dev.logdex.core.workload.Latency;
import dev.logdex.core.workload.QueryStats;

/**
 * One of the query classes that cost the workload the most time, as the reports list them.
 *
 * @param fingerprint the class id
 * @param sample one statement of the class, as logged
 * @param calls executions
 * @param totalMillis their total time
 * @param timedCalls executions timed one by one, which the percentiles describe (0: none, so no percentiles; an
 *     aggregate source such as pg_stat_statements gives totals only)
 * @param p50Millis median latency
 * @param p95Millis 95th percentile latency
 * @param p99Millis 99th percentile latency
 * @param maxMillis slowest execution
 * @param rows rows returned or affected, summed ({@code -1}: no log said)
 * @param rowsExamined rows the server examined, summed ({@code -1}: no log said; MySQL's slow log does)
 * @param lockMillis time waiting for locks, summed (MySQL's slow log; {@code 0} elsewhere)
 * @param origins the databases and users its calls came from
 * @param histogram the executions timed one by one, counted in the bands of {@link #HISTOGRAM_BANDS}; empty when
 *     none was
 * @param stddevMillis the standard deviation of the executions timed one by one
 * @param firstSeen when its first call ran, if the logs say
 * @param lastSeen when its last call ran, if the logs say
 */
public record TopQuery(String fingerprint, String sample, long calls, double totalMillis, long timedCalls,
    double p50Millis, double p95Millis, double p99Millis, double maxMillis, long rows, long rowsExamined,
    double lockMillis, dev.logdex.core.workload.Origins origins, java.util.List<Long> histogram,
    double stddevMillis, java.util.Optional<java.time.Instant> firstSeen,
    java.util.Optional<java.time.Instant> lastSeen) {

  /**
   * The latency histogram's bands, by their lower edge, each ten times the one before, as pt-query-digest draws
   * them: {@code 1us} holds the executions under 10 µs, {@code 1ms} those from 1 to 10 ms, {@code 10s+} the rest.
   */
  public static final java.util.List<String> HISTOGRAM_BANDS = java.util.List.of("1us", "10us", "100us", "1ms",
      "10ms", "100ms", "1s", "10s+");

  /** The bands' upper edges in microseconds, as {@link Latency#bandCounts} takes them. */
  private static final long[] BAND_EDGES = {9, 99, 999, 9_999, 99_999, 999_999, 9_999_999};

  public TopQuery {
    histogram = java.util.List.copyOf(histogram);
  }

  /** An entry without a histogram. */
  public TopQuery(String fingerprint, String sample, long calls, double totalMillis, long timedCalls,
      double p50Millis, double p95Millis, double p99Millis, double maxMillis, long rows, long rowsExamined,
      double lockMillis, dev.logdex.core.workload.Origins origins) {
    this(fingerprint, sample, calls, totalMillis, timedCalls, p50Millis, p95Millis, p99Millis, maxMillis, rows,
        rowsExamined, lockMillis, origins, java.util.List.of(), 0, java.util.Optional.empty(),
        java.util.Optional.empty());
  }

  /** An entry whose logs say nothing of rows or locks. */
  public TopQuery(String fingerprint, String sample, long calls, double totalMillis, long timedCalls,
      double p50Millis, double p95Millis, double p99Millis, double maxMillis) {
    this(fingerprint, sample, calls, totalMillis, timedCalls, p50Millis, p95Millis, p99Millis, maxMillis, -1, -1, 0,
        dev.logdex.core.workload.Origins.NONE);
  }

  /** The entry for {@code q}. */
  public static TopQuery of(QueryStats q) {
    Latency l = q.latency();
    boolean timed = !l.isEmpty();
    return new TopQuery(q.fingerprint().id(), q.sample(), q.calls(), q.totalMillis(), l.count(),
        timed ? l.percentileMillis(50) : 0, timed ? l.percentileMillis(95) : 0, timed ? l.percentileMillis(99) : 0,
        timed ? l.maxMillis() : 0, q.rows(), q.rowsExamined(), q.lockMillis(), q.origins(),
        timed ? java.util.Arrays.stream(l.bandCounts(BAND_EDGES)).boxed().toList() : java.util.List.of(),
        timed ? l.stddevMillis() : 0, q.series().first(), q.series().last());
  }

  /**
   * Calls per second between its first and last call (at least one second), as pt-query-digest counts a class's
   * QPS; empty when the logs carry no times.
   */
  public java.util.OptionalDouble perSecond() {
    if (firstSeen.isEmpty()) {
      return java.util.OptionalDouble.empty();
    }
    double seconds = Math.max(1.0, java.time.Duration.between(firstSeen.get(), lastSeen.orElseThrow()).toMillis()
        / 1000.0);
    return java.util.OptionalDouble.of(calls / seconds);
  }

  /** Mean time per call. */
  public double meanMillis() {
    return calls == 0 ? 0 : totalMillis / calls;
  }

  /** Whether some executions were timed one by one, so the percentiles mean something. */
  public boolean hasPercentiles() {
    return timedCalls > 0;
  }
}
