package dev.logdex.core.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logdex.core.analysis.AnalysisReport;
import dev.logdex.core.recommend.IndexCandidate;
import dev.logdex.core.recommend.Recommendation;
import dev.logdex.core.recommend.ServedQuery;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VerdictsTest {

  private static Recommendation rec(int rank, String table) {
    return new Recommendation(rank, new IndexCandidate(table, List.of("a"), 1, ""), "idx_" + table,
        "CREATE INDEX idx_" + table + " ON " + table + " (a);", 10.0 / rank, "equality on a",
        List.of(new ServedQuery("q" + rank, "SELECT 1", 10, 5)));
  }

  @Test
  void usedComeFirstThenUnverifiedThenDemotedEachInRankOrder() {
    Recommendation ignored = rec(1, "t1");
    Recommendation unplannable = rec(2, "t2");
    Recommendation used = rec(3, "t3");
    Recommendation alsoUsed = rec(4, "t4");
    Verifier.QueryPlans plan3 = new Verifier.QueryPlans("q3", 10, 100, 4, "Seq Scan on t3", "Index Scan", List.of("x"));
    Verifier.QueryPlans plan1 = new Verifier.QueryPlans("q1", 10, 50, 50, "Seq Scan on t1", "Seq Scan", List.of());
    Verifier.Result result = new Verifier.Result(List.of(
        new Verifier.Verdict(used, true, List.of(plan3)),
        new Verifier.Verdict(alsoUsed, true, List.of()),
        new Verifier.Verdict(ignored, false, List.of(plan1)),
        new Verifier.Verdict(unplannable, false, List.of())), 1500, 540, Map.of("q2", "syntax error"), List.of(plan3, plan1));
    AnalysisReport report = new AnalysisReport("t", "postgresql", List.of(), 40, 4, 4, 20,
        List.of(ignored, unplannable, used, alsoUsed), List.of(), List.of(), List.of(), List.of(), List.of(),
        Optional.empty(), Map.of(), "");

    AnalysisReport judged = dev.logdex.core.analysis.Verified.judge(report, result, Verifier.Method.HYPOPG);

    assertThat(judged.recommendations()).extracting(r -> r.index().table()).containsExactly("t3", "t4", "t2", "t1");
    assertThat(judged.recommendations()).extracting(Recommendation::rank).containsExactly(1, 2, 3, 4);
    assertThat(judged.recommendations().get(0).reason())
        .isEqualTo("equality on a; verify: used by the planner, its queries' cost 1,000 -> 40");
    assertThat(judged.recommendations().get(2).reason()).endsWith("verify: none of its queries could be planned");
    assertThat(judged.recommendations().get(3).reason()).endsWith("(demoted)");
    assertThat(judged.verification()).hasValueSatisfying(v -> {
      assertThat(v.method()).isEqualTo("hypopg");
      assertThat(v.used()).isEqualTo(2);
      assertThat(v.demoted()).isEqualTo(1);
      assertThat(v.unverified()).isEqualTo(1);
      assertThat(v.changePercent()).isEqualTo(-64.0);
    });
  }
}
