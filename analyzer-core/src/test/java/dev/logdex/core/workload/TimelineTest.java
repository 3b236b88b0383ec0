package dev.logdex.core.workload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logdex.core.fingerprint.Fingerprinter;
import dev.logdex.core.model.Dialect;
import dev.logdex.core.model.QueryEvent;
import dev.logdex.core.schema.Schema;
import dev.logdex.core.sql.StatementAnalyzer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TimelineTest {

  private static Workload of(List<QueryEvent> events) {
    SimpleMeterRegistry reg = new SimpleMeterRegistry();
    WorkloadBuilder b = new WorkloadBuilder(Fingerprinter.standard(),
        new StatementAnalyzer(Schema.empty(Dialect.POSTGRESQL), reg), reg);
    events.forEach(b);
    return b.build();
  }

  private static QueryEvent at(String time, double millis, String sql) {
    return new QueryEvent("t", 1, Optional.of(Instant.parse(time)), "", "", 1, millis, -1, -1, 0, sql);
  }

  /** A day of events, one every 7 minutes, of two classes, with a busy hour at noon. */
  private static List<QueryEvent> day() {
    List<QueryEvent> out = new ArrayList<>();
    Instant start = Instant.parse("2026-11-28T00:00:00Z");
    for (int m = 0; m < 24 * 60; m += 7) {
      Instant t = start.plusSeconds(m * 60L);
      out.add(at(t.toString(), 2.0, "SELECT * FROM a WHERE id = " + m));
      int busy = m / 60 == 12 ? 20 : 1;
      for (int i = 0; i < busy; i++) {
        out.add(at(t.plusSeconds(i).toString(), 10.0 + i, "SELECT * FROM b WHERE x = " + i));
      }
    }
    return out;
  }

  @Test
  void aDayIsCutIntoTenMinuteBucketsAndTheBusyHourStandsOut() {
    Workload w = of(day());
    assertThat(w.timeline().width()).isEqualTo(600);
    List<Timeline.Bucket> buckets = w.buckets();
    assertThat(buckets).hasSizeLessThanOrEqualTo(Timeline.MAX_BUCKETS).hasSize(144);
    assertThat(buckets.stream().mapToLong(Timeline.Bucket::calls).sum()).isEqualTo(w.totalCalls());
    assertThat(buckets.stream().mapToDouble(Timeline.Bucket::millis).sum()).isCloseTo(w.totalMillis(),
        org.assertj.core.data.Offset.offset(1e-6));
    Timeline.Bucket busiest = buckets.stream().max(java.util.Comparator.comparingDouble(Timeline.Bucket::millis))
        .orElseThrow();
    assertThat(busiest.start().toString()).startsWith("2026-11-28T12:");
    assertThat(busiest.byClass()).hasSize(2);
    assertThat(busiest.latency().count()).isEqualTo(busiest.calls());
  }

  @Test
  void theTimelineIsTheSameInAnyOrderAndAnySplitOfTheEvents() {
    List<QueryEvent> events = day();
    Workload whole = of(events);
    List<QueryEvent> shuffled = new ArrayList<>(events);
    Collections.shuffle(shuffled, new Random(7));
    // Parts see shorter periods, so narrower buckets, until they are merged.
    Workload parts = Workload.merge(of(shuffled.subList(0, 40)), Workload.merge(
        of(shuffled.subList(40, 41)), of(shuffled.subList(41, shuffled.size()))));
    assertThat(parts.timeline().width()).isEqualTo(whole.timeline().width());
    assertThat(parts.timeline().latency()).isEqualTo(whole.timeline().latency());
    assertThat(parts.buckets()).isEqualTo(whole.buckets());
    for (QueryStats q : whole.queries()) {
      assertThat(parts.queries()).filteredOn(p -> p.fingerprint().equals(q.fingerprint()))
          .singleElement().satisfies(p -> assertThat(p.series()).isEqualTo(q.series()));
    }
  }

  @Test
  void leavingClassesOutLeavesTheirCallsOutAndTheLatencyOfAllOut() {
    Workload w = of(day());
    Workload onlyA = w.filter(q -> q.sample().contains(" a "));
    assertThat(onlyA.buckets().stream().mapToLong(Timeline.Bucket::calls).sum()).isEqualTo(onlyA.totalCalls());
    assertThat(onlyA.timeline().latencyOfAll()).isFalse();
    assertThat(onlyA.timeline().latency()).isEmpty();
    assertThat(w.filter(q -> true).timeline()).isSameAs(w.timeline());
  }

  @Test
  void aShortLogGetsSecondBucketsAndEventsWithoutTimeNone() {
    Workload w = of(List.of(at("2026-11-28T10:00:00.200Z", 1, "SELECT 1"), at("2026-11-28T10:00:59Z", 1, "SELECT 1"),
        QueryEvent.untimed("t", 3, "SELECT 1")));
    assertThat(w.timeline().width()).isEqualTo(1);
    assertThat(w.buckets()).hasSize(60);
    assertThat(w.buckets().get(0).calls()).isEqualTo(1);
    assertThat(w.totalCalls()).isEqualTo(3);
    assertThat(of(List.of(QueryEvent.untimed("t", 1, "SELECT 1"))).buckets()).isEmpty();
  }
}
