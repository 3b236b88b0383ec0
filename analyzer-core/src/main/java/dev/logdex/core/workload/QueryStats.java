package dev.logdex.core.workload;

import dev.logdex.core.model.Fingerprint;
import dev.logdex.core.model.StatementProfile;
import dev.logdex.core.sql.StatementAnalysis;
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
 */
public record QueryStats(
    Fingerprint fingerprint, String sample, long calls, double totalMillis, long rows, StatementAnalysis analysis) {

  public QueryStats {
    Objects.requireNonNull(fingerprint, "fingerprint");
    Objects.requireNonNull(sample, "sample");
    Objects.requireNonNull(analysis, "analysis");
  }

  /** Mean time per call in milliseconds. */
  public double meanMillis() {
    return calls == 0 ? 0 : totalMillis / calls;
  }

  /** The profile, when the statement was parsed. */
  public Optional<StatementProfile> profile() {
    return analysis instanceof StatementAnalysis.Parsed p ? Optional.of(p.profile()) : Optional.empty();
  }

  /** This class with {@code other}'s counts added (same fingerprint). */
  public QueryStats plus(QueryStats other) {
    long r = rows < 0 ? other.rows : other.rows < 0 ? rows : rows + other.rows;
    String keep = sample.compareTo(other.sample) <= 0 ? sample : other.sample;
    return new QueryStats(fingerprint, keep, calls + other.calls, totalMillis + other.totalMillis, r, analysis);
  }
}
