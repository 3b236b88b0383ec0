package dev.logdex.core.analysis;

import dev.logdex.core.analysis.Rehearsed.IndexResult;
import dev.logdex.core.analysis.Rehearsed.Verdict;
import dev.logdex.core.recommend.Recommendation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The analysis as a rehearsal measured it: measured gains, not estimates, order the recommendations. */
public final class RehearsalRanking {
  private RehearsalRanking() {}

  /**
   * {@code report} with its recommendations ordered by what the rehearsal measured: those measured faster first,
   * by time saved (calls times median); then those the rehearsal did not measure (not made on the copy); then those
   * of no measurable effect; then those that made things slower. Ranks are renumbered and each reason says what
   * was measured.
   */
  public static AnalysisReport judge(AnalysisReport report, Rehearsed r) {
    return report.rehearsed(rank(report.recommendations(), r), r);
  }

  /** {@code recommendations} in the order {@link #judge} gives them, renumbered, with what was measured. */
  public static List<Recommendation> rank(List<Recommendation> recommendations, Rehearsed r) {
    List<Recommendation> faster = new ArrayList<>();
    List<Recommendation> unmeasured = new ArrayList<>();
    List<Recommendation> idle = new ArrayList<>();
    List<Recommendation> slower = new ArrayList<>();
    for (Recommendation rec : recommendations) {
      Optional<IndexResult> i = measured(r, rec);
      if (i.isEmpty()) {
        unmeasured.add(rec);
      } else if (i.get().verdict() == Verdict.MEASURED_FASTER) {
        faster.add(rec);
      } else if (i.get().verdict() == Verdict.SLOWER) {
        slower.add(rec);
      } else {
        idle.add(rec);
      }
    }
    faster.sort(Comparator.comparingDouble((Recommendation rec) -> -measured(r, rec).get().gainMs()));
    List<Recommendation> judged = new ArrayList<>();
    for (List<Recommendation> group : List.of(faster, unmeasured, idle, slower)) {
      for (Recommendation rec : group) {
        judged.add(rec.reranked(judged.size() + 1, rec.reason() + "; " + note(measured(r, rec))));
      }
    }
    return judged;
  }

  /** What the rehearsal measured of the index {@code rec} proposes (matched by the index's name). */
  static Optional<IndexResult> measured(Rehearsed r, Recommendation rec) {
    return r.indexes().stream().filter(i -> i.name().equalsIgnoreCase(rec.name())).findFirst();
  }

  private static String note(Optional<IndexResult> i) {
    if (i.isEmpty()) {
      return "rehearsal: not measured (not made on the copy)";
    }
    IndexResult x = i.get();
    String size = x.bytes() < 0 ? "" : String.format(Locale.ROOT, ", %,d kB", (x.bytes() + 1023) / 1024);
    if (x.verdict() == Verdict.MEASURED_FASTER) {
      return String.format(Locale.ROOT, "rehearsal: measured faster, %,.1f ms saved over %d classes (calls x "
          + "median); built in %,.1f ms%s", x.gainMs(), x.classes().size(), x.buildMs(), size);
    }
    return "rehearsal: " + x.verdict().label + (x.classes().isEmpty() ? " (no replayed plan uses it)" : "")
        + String.format(Locale.ROOT, "; built in %,.1f ms%s", x.buildMs(), size);
  }
}
