package dev.logdex.core.analysis;

import dev.logdex.core.model.StatementKind;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a rehearsal measured: the migration applied to a copy of the database, statement by statement, and the
 * logged statements run on the copy before and after it. A value, rendered by the writers and kept in snapshots.
 *
 * @param source the database copied (only read)
 * @param copy the copy's name
 * @param method how the copy was made
 * @param sourceBytes the source's size when it was copied
 * @param copySeconds how long the copy took
 * @param kept whether the copy was left in place
 * @param rounds timed runs of each statement, before and after
 * @param warmup untimed runs first
 * @param timeoutSeconds the time limit of one run
 * @param migration the statements applied, with their times; the last one failed when one did
 * @param classes the query classes replayed, or why not
 * @param indexes the indexes the migration made, with what each bought
 * @param notes what the reader should know (a sample, what was not copied, classes left out)
 */
public record Rehearsed(String source, String copy, String method, long sourceBytes, double copySeconds, boolean kept,
    int rounds, int warmup, int timeoutSeconds, List<Applied> migration, List<ClassResult> classes,
    List<IndexResult> indexes, List<String> notes) {

  /**
   * One statement of a migration.
   *
   * @param source the file it comes from (or the change's slug), for the report and for errors
   * @param line the 1-based line in {@code source} where the statement starts
   * @param sql the statement
   */
  public record Step(String source, int line, String sql) {}

  /**
   * A migration statement as applied to the copy.
   *
   * @param millis how long it took
   * @param lockWaitMs how much of that it was seen waiting for a lock (sampled every few milliseconds)
   * @param error the database's error, or ""
   */
  public record Applied(Step step, double millis, double lockWaitMs, String error) {
    public boolean failed() {
      return !error.isEmpty();
    }
  }

  /**
   * One timed side of a class.
   *
   * @param minMs the fastest round
   * @param medianMs the median of the rounds
   * @param p95Ms the 95th percentile of the rounds
   * @param timedOut whether a run ran out of time (the times are then the limit)
   * @param error the database's error, or ""
   * @param indexes the indexes its plan uses
   */
  public record Timing(double minMs, double medianMs, double p95Ms, boolean timedOut, String error,
      Set<String> indexes) {}

  /**
   * A query class replayed, or why not.
   *
   * @param skipped why it was not replayed, or "" when it was
   */
  public record ClassResult(String fingerprint, String sample, StatementKind kind, long calls, Optional<Timing> before,
      Optional<Timing> after, String skipped) {

    /** Calls times the median saved ({@code > 0}: faster). */
    public double gainMs() {
      return before.isPresent() && after.isPresent() && !failed()
          ? calls * (before.get().medianMs() - after.get().medianMs()) : 0;
    }

    /**
     * Whether after is faster than before beyond the machine's noise: no longer timing out; or a median at least
     * 20% and {@value Rehearsed#NOISE_MS} ms lower that is also below the fastest run before. A shared machine's
     * noise mostly slows runs down (a pause, a checkpoint), so the fastest run is the steady one to compare with.
     */
    public boolean faster() {
      if (before.isEmpty() || after.isEmpty() || failed()) {
        return false;
      }
      Timing b = before.get();
      Timing a = after.get();
      return b.timedOut() && !a.timedOut() || !a.timedOut() && a.medianMs() <= 0.8 * b.medianMs()
          && b.medianMs() - a.medianMs() > NOISE_MS && a.medianMs() < b.minMs();
    }

    /** Whether after is slower than before beyond noise: even its fastest run is slower than before's median. */
    public boolean slower() {
      if (before.isEmpty() || after.isEmpty() || failed()) {
        return false;
      }
      Timing b = before.get();
      Timing a = after.get();
      return !b.timedOut() && a.timedOut() || !b.timedOut() && a.medianMs() >= 1.25 * b.medianMs()
          && a.medianMs() - b.medianMs() > NOISE_MS && a.minMs() > b.medianMs();
    }

    /** Whether a run failed with an error, before or after: its times measure nothing. */
    public boolean failed() {
      return before.map(t -> !t.error().isEmpty()).orElse(false) || after.map(t -> !t.error().isEmpty()).orElse(false);
    }
  }

  /** Differences below this per call are not told apart from the machine's noise. */
  public static final double NOISE_MS = 0.1;

  /** What a measured index did. */
  public enum Verdict {
    MEASURED_FASTER("measured faster"),
    NO_EFFECT("no measurable effect"),
    SLOWER("slower");

    public final String label;

    Verdict(String label) {
      this.label = label;
    }
  }

  /**
   * An index the migration made on the copy.
   *
   * @param source the migration file (or change) that made it
   * @param buildMs how long its statement took
   * @param bytes its size on disk, or -1 when the server does not say
   * @param classes the classes whose plan uses it after the migration
   * @param gainMs calls times median saved over those classes (negative: slower)
   */
  public record IndexResult(String table, String name, String source, double buildMs, long bytes,
      List<String> classes, double gainMs, Verdict verdict) {}


  /** Calls times median of the replayed reads, before and after. */
  public double readMs(boolean after) {
    return total(after, false);
  }

  /** Calls times median of the replayed writes (rolled back), before and after. */
  public double writeMs(boolean after) {
    return total(after, true);
  }

  private double total(boolean after, boolean writes) {
    double sum = 0;
    for (ClassResult c : classes) {
      Optional<Timing> t = after ? c.after() : c.before();
      if (c.kind().isWrite() == writes && c.before().isPresent() && c.after().isPresent() && !c.failed()) {
        sum += c.calls() * t.get().medianMs();
      }
    }
    return sum;
  }

  /** Whether a migration statement failed, which stopped the rehearsal before the second replay. */
  public boolean migrationFailed() {
    return migration.stream().anyMatch(Applied::failed);
  }
}
