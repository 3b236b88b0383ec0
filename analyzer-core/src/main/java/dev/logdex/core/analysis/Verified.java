package dev.logdex.core.analysis;

import dev.logdex.core.plan.Verifier;
import dev.logdex.core.recommend.Recommendation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The analysis as the planner judged it: the verifier plans, this puts its verdicts into the result. */
public final class Verified {
  private Verified() {}

  /**
   * {@code report} with its recommendations as the planner judged them: those it uses first, then those none of
   * whose queries could be planned, then those it uses for none of their queries (demoted); rank order kept within
   * each group, ranks renumbered, and each reason saying what the planner did.
   */
  public static AnalysisReport judge(AnalysisReport report, Verifier.Result result, Verifier.Method method) {
    Map<Recommendation, Verifier.Verdict> byRecommendation = new LinkedHashMap<>();
    result.verdicts().forEach(v -> byRecommendation.put(v.recommendation(), v));
    List<Recommendation> used = new ArrayList<>();
    List<Recommendation> unverified = new ArrayList<>();
    List<Recommendation> demoted = new ArrayList<>();
    for (Recommendation r : report.recommendations()) {
      Verifier.Verdict v = byRecommendation.get(r);
      if (v == null || !v.verified()) {
        unverified.add(r);
      } else if (v.used()) {
        used.add(r);
      } else {
        demoted.add(r);
      }
    }
    List<Recommendation> judged = new ArrayList<>();
    for (List<Recommendation> group : List.of(used, unverified, demoted)) {
      for (Recommendation r : group) {
        judged.add(r.reranked(judged.size() + 1, r.reason() + "; " + note(byRecommendation.get(r))));
      }
    }
    return report.verified(judged, new Verification(method.name().toLowerCase(java.util.Locale.ROOT),
        result.costBefore(), result.costAfter(), used.size(), demoted.size(), unverified.size(),
        result.unplanned().size()));
  }

  private static String note(Verifier.Verdict v) {
    if (v != null && !v.notJudged().isEmpty()) {
      return "verify: not judged, " + v.notJudged();
    }
    if (v == null || !v.verified()) {
      return "verify: none of its queries could be planned";
    }
    if (!v.used()) {
      return "verify: the planner uses it for none of its queries (demoted)";
    }
    double before = v.queries().stream().mapToDouble(q -> q.calls() * q.costBefore()).sum();
    double after = v.queries().stream().mapToDouble(q -> q.calls() * q.costAfter()).sum();
    return String.format(java.util.Locale.ROOT, "verify: used by the planner, its queries' cost %,.0f -> %,.0f",
        before, after);
  }
}
