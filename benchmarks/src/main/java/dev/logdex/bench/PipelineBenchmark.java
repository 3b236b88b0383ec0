package dev.logdex.bench;

import dev.logdex.core.fingerprint.Fingerprinter;
import dev.logdex.core.model.Dialect;
import dev.logdex.core.model.QueryEvent;
import dev.logdex.core.schema.Schema;
import dev.logdex.core.sql.StatementAnalyzer;
import dev.logdex.core.workload.WorkloadBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The per-event path: fingerprint, cache lookup, aggregate ({@code cacheHits}); and the same with a parse each time
 * ({@code cacheMisses}, a fresh analyzer per invocation), which is what every new distinct statement costs.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PipelineBenchmark {
  private final Schema schema = Schema.empty(Dialect.POSTGRESQL);
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private WorkloadBuilder warm;
  private QueryEvent[] events;

  @Setup
  public void setUp() {
    warm = new WorkloadBuilder(Fingerprinter.standard(), new StatementAnalyzer(schema, registry), registry);
    events = new QueryEvent[Statements.MIX.length];
    for (int i = 0; i < events.length; i++) {
      events[i] = new QueryEvent("bench", i + 1, "", "", 1, 1.5, 1, Statements.MIX[i]);
      warm.accept(events[i]);
    }
  }

  @Benchmark
  @OperationsPerInvocation(8)
  public WorkloadBuilder cacheHits() {
    for (QueryEvent e : events) {
      warm.accept(e);
    }
    return warm;
  }

  @Benchmark
  @OperationsPerInvocation(8)
  public WorkloadBuilder cacheMisses() {
    WorkloadBuilder cold =
        new WorkloadBuilder(Fingerprinter.standard(), new StatementAnalyzer(schema, registry), registry);
    for (QueryEvent e : events) {
      cold.accept(e);
    }
    return cold;
  }
}
