package dev.logdex.core.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logdex.core.analysis.Rehearsed.ClassResult;
import dev.logdex.core.analysis.Rehearsed.IndexResult;
import dev.logdex.core.analysis.Rehearsed.Timing;
import dev.logdex.core.analysis.Rehearsed.Verdict;
import dev.logdex.core.model.StatementKind;
import dev.logdex.core.recommend.IndexCandidate;
import dev.logdex.core.recommend.Recommendation;
import dev.logdex.core.recommend.ServedQuery;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RehearsalRankingTest {

  private static Recommendation rec(int rank, String table) {
    return new Recommendation(rank, new IndexCandidate(table, List.of("a"), 1, ""), "idx_" + table,
        "CREATE INDEX idx_" + table + " ON " + table + " (a);", 100.0 / rank, "equality on a",
        List.of(new ServedQuery("q" + rank, "SELECT 1", 10, 5)));
  }

  private static IndexResult measured(String table, double gain, Verdict v) {
    return new IndexResult(table, "idx_" + table, "add_index_" + table, 12.5, 8192, List.of("q"), gain, v);
  }

  private static Timing timing(double min, double median, double p95) {
    return new Timing(min, median, p95, false, "", Set.of());
  }

  @Test
  void measuredGainsOrderTheRecommendationsAndEachReasonSaysWhatWasMeasured() {
    List<Recommendation> recs = List.of(rec(1, "t1"), rec(2, "t2"), rec(3, "t3"), rec(4, "t4"), rec(5, "t5"));
    Rehearsed r = new Rehearsed("shop", "shop_copy", "template", 1 << 20, 0.1, false, 5, 1, 10, List.of(), List.of(),
        List.of(measured("t1", 0, Verdict.NO_EFFECT), measured("t2", 50, Verdict.MEASURED_FASTER),
            measured("t3", 900, Verdict.MEASURED_FASTER), measured("t5", -40, Verdict.SLOWER)), List.of());
    AnalysisReport report = new AnalysisReport("t", "postgresql", List.of(), 40, 5, 5, 20, recs, List.of(),
        List.of(), List.of(), List.of(), List.of(), Optional.empty(), Map.of(), "");

    AnalysisReport judged = RehearsalRanking.judge(report, r);

    assertThat(judged.recommendations()).extracting(Recommendation::name)
        .containsExactly("idx_t3", "idx_t2", "idx_t4", "idx_t1", "idx_t5");
    assertThat(judged.recommendations()).extracting(Recommendation::rank).containsExactly(1, 2, 3, 4, 5);
    assertThat(judged.recommendations().get(0).reason())
        .endsWith("rehearsal: measured faster, 900.0 ms saved over 1 classes (calls x median); built in 12.5 ms, 8 kB");
    assertThat(judged.recommendations().get(2).reason()).endsWith("rehearsal: not measured (not made on the copy)");
    assertThat(judged.recommendations().get(4).reason()).contains("rehearsal: slower");
    assertThat(judged.rehearsal()).contains(r);
  }

  @Test
  void fasterMeansTheTypicalRunAfterBeatsTheFastestRunBefore() {
    ClassResult clear = new ClassResult("q", "SELECT 1", StatementKind.SELECT, 10,
        Optional.of(timing(1.6, 1.7, 2.2)), Optional.of(timing(0.2, 0.3, 1.9)), "");
    assertThat(clear.faster()).as("one slow run after does not hide a 5x gain").isTrue();
    ClassResult overlapping = new ClassResult("q", "SELECT 1", StatementKind.SELECT, 10,
        Optional.of(timing(0.5, 0.64, 0.9)), Optional.of(timing(0.45, 0.51, 0.8)), "");
    assertThat(overlapping.faster()).as("the runs overlap: noise").isFalse();
    assertThat(overlapping.slower()).isFalse();
    ClassResult worse = new ClassResult("q", "UPDATE t SET a = 1", StatementKind.UPDATE, 10,
        Optional.of(timing(1.0, 1.1, 1.3)), Optional.of(timing(1.5, 1.6, 1.7)), "");
    assertThat(worse.slower()).isTrue();
    assertThat(worse.gainMs()).isCloseTo(-5.0, org.assertj.core.data.Offset.offset(1e-9));
    ClassResult failing = new ClassResult("q", "SELECT pg_read_file('x')", StatementKind.SELECT, 10,
        Optional.of(new Timing(1, 1, 1, false, "permission denied", Set.of())), Optional.of(timing(0.1, 0.1, 0.1)), "");
    assertThat(failing.faster()).as("an error measures nothing").isFalse();
    assertThat(failing.gainMs()).isZero();
  }
}
