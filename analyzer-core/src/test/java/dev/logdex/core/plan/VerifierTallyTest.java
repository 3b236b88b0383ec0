package dev.logdex.core.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logdex.core.model.Fingerprint;
import dev.logdex.core.recommend.IndexCandidate;
import dev.logdex.core.recommend.Recommendation;
import dev.logdex.core.recommend.ServedQuery;
import dev.logdex.core.sql.StatementAnalysis;
import dev.logdex.core.workload.QueryStats;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What counts as the planner using an index: taking it in a plan that costs less than the plan without it. */
class VerifierTallyTest {

  private static final QueryStats Q = new QueryStats(new Fingerprint("q1", "SELECT ..."), "SELECT 1", 10, 100, -1,
      new StatementAnalysis.Unparsed("not needed here"));

  private static Recommendation rec() {
    return new Recommendation(1, new IndexCandidate("t", List.of("a"), 1, ""), "idx_t_a", "CREATE INDEX ...", 10,
        "equality on a", List.of(new ServedQuery("q1", "SELECT 1", 10, 100)));
  }

  private static Verifier.Verdict verdict(double before, double after) {
    Map<String, Recommendation> byName = new LinkedHashMap<>();
    byName.put("hypo_1", rec());
    return Verifier.tally(List.of(Q), Map.of("q1", new Verifier.Plan(before, "Seq Scan", List.of())),
        Map.of("q1", new Verifier.Plan(after, "Index Scan", List.of("hypo_1"))), byName, Map.of()).verdicts().get(0);
  }

  @Test
  void anIndexInACheaperPlanIsUsed() {
    assertThat(verdict(1000, 40).used()).isTrue();
  }

  @Test
  void anIndexInAPlanThatCostsMoreIsNotUsed() {
    assertThat(verdict(100, 140).used()).isFalse();
    assertThat(verdict(100, 100).used()).as("no gain is no evidence").isFalse();
  }

  @Test
  void theHypotheticalIndexKeepsItsTablesSchema() {
    Recommendation r = new Recommendation(1, new IndexCandidate("Foo", List.of("a"), 1, ""),
        new dev.logdex.core.model.Fix.CreateIndex("Bar", "Foo", "idx", List.of("a"), ""), "ddl", 1, "why",
        List.of());
    assertThat(Verifier.hypotheticalDdl(r)).isEqualTo("CREATE INDEX ON \"Bar\".\"Foo\" (a)");
  }
}
