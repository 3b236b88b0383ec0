package dev.logdex.core.workload;

import dev.logdex.core.fingerprint.Fingerprinter;
import dev.logdex.core.model.Fingerprint;
import dev.logdex.core.model.QueryEvent;
import dev.logdex.core.sql.StatementAnalysis;
import dev.logdex.core.sql.StatementAnalyzer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Folds events into a {@link Workload}: fingerprint, analyse once per class (through the analyzer's cache), add up.
 * Memory grows with the number of distinct fingerprints, not with events. Not thread-safe: one builder per thread,
 * merged at the end.
 */
public final class WorkloadBuilder implements Consumer<QueryEvent> {
  private final Fingerprinter fingerprinter;
  private final StatementAnalyzer analyzer;
  private final Map<String, QueryStats> queries = new HashMap<>();
  private final Counter events;
  private long statements;
  private java.time.Instant first;
  private java.time.Instant last;

  public WorkloadBuilder(Fingerprinter fingerprinter, StatementAnalyzer analyzer, MeterRegistry registry) {
    this.fingerprinter = fingerprinter;
    this.analyzer = analyzer;
    this.events = registry.counter("logdex.events.read");
  }

  @Override
  public void accept(QueryEvent e) {
    events.increment();
    statements += e.calls();
    e.time().ifPresent(t -> {
      first = first == null || t.isBefore(first) ? t : first;
      last = last == null || t.isAfter(last) ? t : last;
    });
    Fingerprint fp = fingerprinter.fingerprint(e.text());
    // Every event goes through the analyzer's cache (a hit costs a hash lookup), so its hit rate is the real one.
    StatementAnalysis analysis = analyzer.analyze(fp, e.text());
    QueryStats event = new QueryStats(fp, e.text(), e.calls(), e.totalMillis(), e.rows(), analysis);
    queries.merge(fp.id(), event, QueryStats::plus);
  }

  /** Statements added so far (an aggregate event counts its calls). */
  public long statements() {
    return statements;
  }

  /** The workload built so far. */
  public Workload build() {
    return new Workload(queries, first, last);
  }
}
