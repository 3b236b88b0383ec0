package dev.logdex.bench;

import dev.logdex.core.fingerprint.Fingerprinter;
import dev.logdex.core.model.Fingerprint;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/** Fingerprinting throughput over the statement mix (target: over a million statements per second per core). */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FingerprintBenchmark {
  private final Fingerprinter fingerprinter = Fingerprinter.standard();

  @Benchmark
  @OperationsPerInvocation(8)
  public void fingerprint(Blackhole bh) {
    for (String s : Statements.MIX) {
      Fingerprint f = fingerprinter.fingerprint(s);
      bh.consume(f);
    }
  }

  /** The floor: one pass over the same characters doing nothing but reading them. */
  @Benchmark
  @OperationsPerInvocation(8)
  public void baselineCharScan(Blackhole bh) {
    for (String s : Statements.MIX) {
      int h = 0;
      for (int i = 0; i < s.length(); i++) {
        h = 31 * h + s.charAt(i);
      }
      bh.consume(h);
    }
  }
}
