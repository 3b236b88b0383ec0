package dev.logdex.core.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logdex.core.model.Fingerprint;
import dev.logdex.core.model.StatementKind;
import dev.logdex.core.model.StatementProfile;
import dev.logdex.core.recommend.IndexCandidate;
import dev.logdex.core.recommend.Recommendation;
import dev.logdex.core.recommend.ServedQuery;
import dev.logdex.core.schema.DdlSchemaLoader;
import dev.logdex.core.schema.Schema;
import dev.logdex.core.snapshot.SnapshotDiff.Status;
import dev.logdex.core.sql.StatementAnalysis;
import dev.logdex.core.workload.QueryStats;
import dev.logdex.core.workload.Workload;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Hand-made before/after pairs with known answers. */
class SnapshotDiffTest {

  private static QueryStats q(String id, long calls, double ms) {
    return new QueryStats(new Fingerprint(id, id), "SELECT " + id, calls, ms, -1, new StatementAnalysis.Parsed(
        new StatementProfile(StatementKind.SELECT, List.of(), Set.of(), Set.of(), List.of()), "calcite"));
  }

  private static Recommendation rec(String table, String col, String... served) {
    return new Recommendation(1, new IndexCandidate(table, List.of(col), 1, ""), "idx_" + table + "_" + col,
        "CREATE INDEX ...", 10, "why",
        java.util.Arrays.stream(served).map(s -> new ServedQuery(s, "SELECT " + s, 1, 1)).toList());
  }

  private static Snapshot snap(String ddl, List<QueryStats> qs, List<Recommendation> recs) {
    Schema s = new DdlSchemaLoader().load(ddl, "t").schema();
    return new Snapshot("t", s, Workload.of(qs), List.of(), 0, recs, List.of());
  }

  @Test
  void queriesNewGoneFasterSlowerAndWithinNoise() {
    String ddl = "CREATE TABLE t (id int PRIMARY KEY, a int, b int);";
    Snapshot before = snap(ddl, List.of(q("aaaa", 10, 100), q("bbbb", 10, 100), q("cccc", 10, 100),
        q("dddd", 5, 5)), List.of());
    Snapshot after = snap(ddl, List.of(q("aaaa", 10, 50), q("bbbb", 20, 400), q("cccc", 10, 105),
        q("eeee", 1, 1)), List.of());
    SnapshotDiff d = SnapshotDiff.of(before, after, 10, 0.05);
    assertThat(d.queries()).extracting(SnapshotDiff.QueryChange::fingerprint, SnapshotDiff.QueryChange::status)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("eeee", Status.NEW),
            org.assertj.core.groups.Tuple.tuple("dddd", Status.GONE),
            org.assertj.core.groups.Tuple.tuple("bbbb", Status.SLOWER),
            org.assertj.core.groups.Tuple.tuple("aaaa", Status.FASTER),
            org.assertj.core.groups.Tuple.tuple("cccc", Status.SAME));
    assertThat(d.worstRegressionPct()).isEqualTo(100.0); // 10 ms -> 20 ms mean
    assertThat(d.beforeMillis()).isEqualTo(305);
    assertThat(d.afterMillis()).isEqualTo(556);
  }

  private static QueryStats timed(String id, long... micros) {
    dev.logdex.core.workload.Latency.Recorder r = new dev.logdex.core.workload.Latency.Recorder();
    long total = 0;
    for (long m : micros) {
      r.record(m);
      total += m;
    }
    QueryStats base = q(id, micros.length, total / 1000.0);
    return new QueryStats(base.fingerprint(), base.sample(), base.calls(), base.totalMillis(), -1, base.analysis(),
        r.toLatency());
  }

  @Test
  void aClassWhoseTailGotSlowerIsSlowerThoughItsMeanIsNot() {
    String ddl = "CREATE TABLE t (id int PRIMARY KEY, a int);";
    long[] before = new long[20];
    long[] after = new long[20];
    java.util.Arrays.fill(before, 10_000); // 10 ms each
    java.util.Arrays.fill(after, 9_000);
    after[18] = 19_000; // the same mean, but one call in ten now takes 19 ms
    after[19] = 19_000;
    SnapshotDiff d = SnapshotDiff.of(snap(ddl, List.of(timed("aaaa", before)), List.of()),
        snap(ddl, List.of(timed("aaaa", after)), List.of()), 10, 0.05);
    SnapshotDiff.QueryChange c = d.queries().get(0);
    assertThat(c.changePct()).isZero();
    assertThat(c.p95Before()).isEqualTo(10.0);
    assertThat(c.p95After()).isEqualTo(19.0);
    assertThat(c.status()).isEqualTo(Status.SLOWER);
    assertThat(d.worstRegressionPct()).isEqualTo(90.0);
  }

  @Test
  void aRecommendationWhoseIndexNowExistsIsApplied() {
    Snapshot before = snap("CREATE TABLE t (id int PRIMARY KEY, a int, b int);",
        List.of(q("aaaa", 10, 1000), q("bbbb", 10, 10)), List.of(rec("t", "a", "aaaa"), rec("t", "b", "bbbb")));
    Snapshot after = snap("CREATE TABLE t (id int PRIMARY KEY, a int, b int); CREATE INDEX i ON t (a, b);",
        List.of(q("aaaa", 10, 20), q("bbbb", 10, 10)), List.of(rec("t", "b", "bbbb"), rec("t", "id", "aaaa")));
    SnapshotDiff d = SnapshotDiff.of(before, after, 10, 0.05);
    assertThat(d.applied()).singleElement().satisfies(a -> {
      assertThat(a.recommendation().name()).isEqualTo("idx_t_a");
      assertThat(a.served()).singleElement().satisfies(q -> {
        assertThat(q.meanBefore()).isEqualTo(100);
        assertThat(q.meanAfter()).isEqualTo(2);
      });
    });
    assertThat(d.open()).extracting(Recommendation::name).containsExactly("idx_t_b");
    assertThat(d.added()).extracting(Recommendation::name).containsExactly("idx_t_id");
  }
}
