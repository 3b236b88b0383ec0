package dev.logdex.core.workload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logdex.core.fingerprint.Fingerprinter;
import dev.logdex.core.model.Dialect;
import dev.logdex.core.model.QueryEvent;
import dev.logdex.core.schema.Schema;
import dev.logdex.core.sql.StatementAnalyzer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WorkloadTest {

  private static Workload of(String... timesAndSql) {
    SimpleMeterRegistry reg = new SimpleMeterRegistry();
    WorkloadBuilder b = new WorkloadBuilder(Fingerprinter.standard(),
        new StatementAnalyzer(Schema.empty(Dialect.POSTGRESQL), reg), reg);
    for (int i = 0; i < timesAndSql.length; i += 2) {
      Optional<Instant> t = timesAndSql[i].isEmpty() ? Optional.empty() : Optional.of(Instant.parse(timesAndSql[i]));
      b.accept(new QueryEvent("t", 1, t, "", "", 1, 2.0, -1, -1, 0, timesAndSql[i + 1]));
    }
    return b.build();
  }

  @Test
  void thePeriodIsTheEarliestAndLatestEventInAnyOrderOfMerging() {
    Workload a = of("2024-03-01T10:00:00Z", "SELECT 1", "2024-03-01T09:00:00Z", "SELECT 2", "", "SELECT 3");
    Workload b = of("2024-03-01T12:00:00Z", "SELECT 1");
    assertThat(a.first()).contains(Instant.parse("2024-03-01T09:00:00Z"));
    assertThat(a.last()).contains(Instant.parse("2024-03-01T10:00:00Z"));
    Workload ab = Workload.merge(a, b);
    Workload ba = Workload.merge(b, a);
    assertThat(ab.last()).contains(Instant.parse("2024-03-01T12:00:00Z")).isEqualTo(ba.last());
    assertThat(ab.first()).isEqualTo(ba.first());
    assertThat(ab.totalCalls()).isEqualTo(4);
    assertThat(of("", "SELECT 1").first()).isEmpty();
  }

  @Test
  void aClassKeepsItsThreeSmallestDistinctSamplesWhateverTheOrderOfEventsAndMerges() {
    String[] texts = {"SELECT * FROM t WHERE a = 5", "SELECT * FROM t WHERE a = 1", "SELECT * FROM t WHERE a = 4",
        "SELECT * FROM t WHERE a = 1", "SELECT * FROM t WHERE a = 3", "SELECT * FROM t WHERE a = 2"};
    Workload forward = of("", texts[0], "", texts[1], "", texts[2], "", texts[3], "", texts[4], "", texts[5]);
    Workload split = Workload.merge(of("", texts[5], "", texts[4], "", texts[3]),
        of("", texts[2], "", texts[1], "", texts[0]));
    for (Workload w : List.of(forward, split)) {
      assertThat(w.queries()).singleElement().satisfies(q -> {
        assertThat(q.samples()).containsExactly("SELECT * FROM t WHERE a = 1", "SELECT * FROM t WHERE a = 2",
            "SELECT * FROM t WHERE a = 3");
        assertThat(q.sample()).isEqualTo(q.samples().get(0));
        assertThat(q.calls()).isEqualTo(6);
      });
    }
  }

  @Test
  void theSampleKeptDoesNotDependOnOrder() {
    Workload x = Workload.merge(of("", "SELECT * FROM t WHERE a = 2"), of("", "SELECT * FROM t WHERE a = 1"));
    Workload y = Workload.merge(of("", "SELECT * FROM t WHERE a = 1"), of("", "SELECT * FROM t WHERE a = 2"));
    assertThat(x.queries()).singleElement().extracting(QueryStats::sample).isEqualTo("SELECT * FROM t WHERE a = 1");
    assertThat(y.queries()).singleElement().extracting(QueryStats::sample).isEqualTo("SELECT * FROM t WHERE a = 1");
  }

  @Test
  void theLiteralsAClassesAnalysisKeepsAreThoseEveryCallWritesWhateverTheOrderOfMerging() {
    String day = "SELECT id FROM t WHERE date_trunc('day', at) = '2026-01-01' AND status = 'paid' AND kind = 'a'";
    String month = "SELECT id FROM t WHERE date_trunc('month', at) = '2026-01-01' AND status = 'paid' AND kind = 'b'";
    Workload ab = Workload.merge(of("", day), of("", month));
    Workload ba = Workload.merge(of("", month), of("", day));
    for (Workload w : List.of(ab, ba)) {
      assertThat(w.queries()).singleElement().satisfies(q -> assertThat(q.profile().orElseThrow().accesses().get(0)
          .uses()).extracting(u -> u.column().column() + " " + u.kind() + " " + u.detail())
          .containsExactlyInAnyOrder("at EXPRESSION_EQUALITY date_trunc:?", "status EQUALITY = 'paid'",
              "kind EQUALITY ", "id SELECT "));
    }
    assertThat(ab.queries().iterator().next().profile()).isEqualTo(ba.queries().iterator().next().profile());
    assertThat(of("", day, "", day).queries().iterator().next().profile().orElseThrow().accesses().get(0).uses())
        .anySatisfy(u -> assertThat(u.detail()).isEqualTo("date_trunc:day"));
  }
}
