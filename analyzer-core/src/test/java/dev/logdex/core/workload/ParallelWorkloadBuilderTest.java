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
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ParallelWorkloadBuilderTest {
  private static final String[] SHAPES = {
    "SELECT * FROM orders WHERE user_id = %d ORDER BY created_at DESC LIMIT 20",
    "SELECT id FROM users WHERE email = 'u%d@example.com'",
    "UPDATE carts SET updated_at = now() WHERE id = %d",
    "SELECT p.id FROM products p WHERE p.category_id IN (%d, 7, 9) AND p.deleted_at IS NULL",
    "DELETE FROM sessions WHERE expires_at < '2026-01-%02d'",
  };

  /** A log's worth of events: a hot shape, a few rare ones, times and latencies that vary, now and then a batch. */
  private static List<QueryEvent> events(int n) {
    Random random = new Random(7);
    List<QueryEvent> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int shape = random.nextInt(10) < 6 ? 0 : 1 + random.nextInt(SHAPES.length - 1);
      String sql = String.format(SHAPES[shape], 1 + random.nextInt(28));
      long calls = random.nextInt(50) == 0 ? 1 + random.nextInt(30) : 1; // an aggregate row now and then
      double millis = Math.round(Math.exp(random.nextGaussian()) * 1e6) / 1e3 * calls; // microsecond precision
      Optional<Instant> time = Optional.of(Instant.parse("2026-11-20T00:00:00Z").plusMillis(random.nextInt(86_400_000)));
      out.add(new QueryEvent("log", i + 1, time, "shop", "app", calls, millis, random.nextInt(100), -1, 0, sql));
    }
    return out;
  }

  private static ParallelWorkloadBuilder.Result run(List<QueryEvent> events, int workers) {
    SimpleMeterRegistry reg = new SimpleMeterRegistry();
    // One analyzer for every run: each class is then parsed from the same sample whichever thread came first.
    ParallelWorkloadBuilder b = new ParallelWorkloadBuilder(Fingerprinter.standard(), ANALYZER, reg, workers);
    events.forEach(b);
    return b.finish();
  }

  private static final StatementAnalyzer ANALYZER =
      new StatementAnalyzer(Schema.empty(Dialect.POSTGRESQL), new SimpleMeterRegistry());

  @Test
  void anyNumberOfWorkersGivesWhatOneThreadGives() {
    List<QueryEvent> events = events(50_000);
    ParallelWorkloadBuilder.Result one = run(events, 1);
    assertThat(one.statements()).isEqualTo(events.stream().mapToLong(QueryEvent::calls).sum());
    assertThat(one.workload().queries()).hasSize(SHAPES.length);
    assertThat(one.workload().queries()).anySatisfy(q -> assertThat(q.latency().encode()).startsWith("hdr:"));
    for (int workers : new int[] {2, 3, 8}) {
      ParallelWorkloadBuilder.Result many = run(events, workers);
      assertThat(many.statements()).isEqualTo(one.statements());
      assertThat(List.copyOf(many.workload().queries())).as("%d workers", workers)
          .isEqualTo(List.copyOf(one.workload().queries()));
      assertThat(many.workload().first()).isEqualTo(one.workload().first());
      assertThat(many.workload().last()).isEqualTo(one.workload().last());
    }
  }

  @Test
  void onlySingleTimedExecutionsMakeTheDistribution() {
    List<QueryEvent> events = List.of(
        new QueryEvent("log", 1, "", "", 1, 2.5, -1, "SELECT 1"),
        new QueryEvent("log", 2, "", "", 10, 40.0, -1, "SELECT 1"), // an aggregate row: no distribution
        new QueryEvent("log", 3, "", "", 1, 0, -1, "SELECT 1")); // untimed
    QueryStats q = run(events, 2).workload().queries().iterator().next();
    assertThat(q.calls()).isEqualTo(12);
    assertThat(q.totalMillis()).isEqualTo(42.5);
    assertThat(q.latency().count()).isEqualTo(1);
    assertThat(q.latency().percentileMillis(99)).isEqualTo(2.5);
  }

  @Test
  void anEmptyInputIsAnEmptyWorkload() {
    ParallelWorkloadBuilder.Result r = run(List.of(), 3);
    assertThat(r.workload().queries()).isEmpty();
    assertThat(r.statements()).isZero();
  }

  @Test
  @org.junit.jupiter.api.Timeout(10)
  void closingBeforeTheEndStopsTheWorkers() {
    int before = workerThreads();
    ParallelWorkloadBuilder b = new ParallelWorkloadBuilder(Fingerprinter.standard(), ANALYZER,
        new SimpleMeterRegistry(), 2);
    assertThat(workerThreads()).isEqualTo(before + 2);
    events(1000).forEach(b);
    b.close(); // as when reading fails half way: returns, does not hang
    b.close();
    assertThat(workerThreads()).as("the workers are gone").isEqualTo(before);
    org.assertj.core.api.Assertions.assertThatThrownBy(b::finish).isInstanceOf(IllegalStateException.class);
  }

  private static int workerThreads() {
    return (int) Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.isAlive() && t.getName().startsWith("logdex-aggregate-")).count();
  }
}
