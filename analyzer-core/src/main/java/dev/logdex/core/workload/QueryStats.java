package dev.logdex.core.workload;

import dev.logdex.core.model.Fingerprint;
import dev.logdex.core.model.StatementProfile;
import dev.logdex.core.sql.StatementAnalysis;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything known about one query class in a workload.
 *
 * @param fingerprint the class
 * @param sample one statement of the class as logged: of all seen, the smallest text (so that adding up does not
 *     depend on order)
 * @param calls executions
 * @param totalMillis total execution time
 * @param rows rows returned or affected ({@code -1} when no source said)
 * @param analysis the parse result
 * @param latency the distribution of the executions that were timed one by one (fewer than {@code calls} when some
 *     came from aggregate rows or untimed log lines)
 * @param samples a few statements of the class as logged, with their values: the smallest distinct texts, at most
 *     {@link #SAMPLES}, {@code sample} first (again so that adding up does not depend on order). A rehearsal replays
 *     them in turn.
 * @param rowsExamined rows the server examined, summed over the calls that said ({@code -1} when none did: only
 *     MySQL's slow log says)
 * @param lockMillis time spent waiting for locks, summed (MySQL's slow log; {@code 0} elsewhere)
 * @param origins the databases and users the calls came from, as the logs say them
 * @param series the calls and time over the period, from the events that carry their time
 * @param constants which literal values every call of the class writes alike
 */
public record QueryStats(Fingerprint fingerprint, String sample, long calls, double totalMillis, long rows,
    StatementAnalysis analysis, Latency latency, List<String> samples, long rowsExamined, double lockMillis,
    Origins origins, Series series, Constants constants) {

  /** How many samples a class keeps: enough to replay more than one set of values, little enough per class. */
  public static final int SAMPLES = 3;

  public QueryStats {
    Objects.requireNonNull(fingerprint, "fingerprint");
    Objects.requireNonNull(sample, "sample");
    Objects.requireNonNull(analysis, "analysis");
    Objects.requireNonNull(latency, "latency");
    samples = samples.isEmpty() ? List.of(sample) : List.copyOf(samples);
    Objects.requireNonNull(origins, "origins");
    Objects.requireNonNull(series, "series");
    Objects.requireNonNull(constants, "constants");
  }

  /** A class whose literals were not followed. */
  public QueryStats(Fingerprint fingerprint, String sample, long calls, double totalMillis, long rows,
      StatementAnalysis analysis, Latency latency, List<String> samples, long rowsExamined, double lockMillis,
      Origins origins, Series series) {
    this(fingerprint, sample, calls, totalMillis, rows, analysis, latency, samples, rowsExamined, lockMillis, origins,
        series, Constants.NONE);
  }

  /** A class whose events carry no time. */
  public QueryStats(Fingerprint fingerprint, String sample, long calls, double totalMillis, long rows,
      StatementAnalysis analysis, Latency latency, List<String> samples, long rowsExamined, double lockMillis,
      Origins origins) {
    this(fingerprint, sample, calls, totalMillis, rows, analysis, latency, samples, rowsExamined, lockMillis, origins,
        Series.NONE);
  }

  /** This class with its calls over time in buckets of {@code width} seconds. */
  QueryStats withSeriesWidth(long width) {
    return width == series.width() ? this : new QueryStats(fingerprint, sample, calls, totalMillis, rows, analysis,
        latency, samples, rowsExamined, lockMillis, origins, series.coarsen(width), constants);
  }

  /** A class whose logs say nothing of its origins. */
  public QueryStats(Fingerprint fingerprint, String sample, long calls, double totalMillis, long rows,
      StatementAnalysis analysis, Latency latency, List<String> samples, long rowsExamined, double lockMillis) {
    this(fingerprint, sample, calls, totalMillis, rows, analysis, latency, samples, rowsExamined, lockMillis,
        Origins.NONE);
  }

  /** A class whose log says nothing of rows examined or lock time. */
  public QueryStats(Fingerprint fingerprint, String sample, long calls, double totalMillis, long rows,
      StatementAnalysis analysis, Latency latency, List<String> samples) {
    this(fingerprint, sample, calls, totalMillis, rows, analysis, latency, samples, -1, 0);
  }

  /** A class with one sample. */
  public QueryStats(Fingerprint fingerprint, String sample, long calls, double totalMillis, long rows,
      StatementAnalysis analysis, Latency latency) {
    this(fingerprint, sample, calls, totalMillis, rows, analysis, latency, List.of(sample));
  }

  /** A class with no per-execution timings. */
  public QueryStats(Fingerprint fingerprint, String sample, long calls, double totalMillis, long rows,
      StatementAnalysis analysis) {
    this(fingerprint, sample, calls, totalMillis, rows, analysis, Latency.NONE);
  }

  /** Mean time per call in milliseconds. */
  public double meanMillis() {
    return calls == 0 ? 0 : totalMillis / calls;
  }

  /** The profile, when the statement was parsed. */
  public Optional<StatementProfile> profile() {
    return analysis instanceof StatementAnalysis.Parsed p ? Optional.of(p.profile()) : Optional.empty();
  }

  /**
   * This class with {@code other}'s counts added (same fingerprint). Times add as whole nanoseconds, so that the sum
   * does not depend on the order in which partial counts (threads, files, snapshots) are added.
   */
  public QueryStats plus(QueryStats other) {
    List<String> both = smallest(samples, other.samples);
    Constants merged = constants.plus(other.constants);
    return new QueryStats(fingerprint, both.get(0), calls + other.calls,
        millisOf(nanosOf(totalMillis) + nanosOf(other.totalMillis)), sum(rows, other.rows), merged.settle(analysis),
        latency.plus(other.latency), both, sum(rowsExamined, other.rowsExamined),
        millisOf(nanosOf(lockMillis) + nanosOf(other.lockMillis)), origins.plus(other.origins),
        series.plus(other.series), merged);
  }

  /** Two counts added, where -1 says unknown: known plus unknown is the known one. */
  static long sum(long a, long b) {
    return a < 0 ? b : b < 0 ? a : a + b;
  }

  /** The {@link #SAMPLES} smallest distinct texts of {@code a} and {@code b}, smallest first. */
  static List<String> smallest(Collection<String> a, Collection<String> b) {
    java.util.TreeSet<String> all = new java.util.TreeSet<>(a);
    all.addAll(b);
    return all.stream().limit(SAMPLES).toList();
  }

  /** {@code millis} as whole nanoseconds. */
  static long nanosOf(double millis) {
    return Math.round(millis * 1e6);
  }

  /** Whole nanoseconds as milliseconds. */
  static double millisOf(long nanos) {
    return nanos / 1e6;
  }
}
