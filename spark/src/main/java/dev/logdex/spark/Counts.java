package dev.logdex.spark;

import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.util.AccumulatorV2;

/**
 * Counts by name, added up across tasks by Spark (events, statements not parsed, skips by reason): what the job
 * says while it runs and at its end, and what the Spark UI shows. The report's own numbers come from the parts
 * themselves, which add up exactly whatever a retried task did to these.
 */
final class Counts extends AccumulatorV2<Map<String, Long>, Map<String, Long>> {
  private final TreeMap<String, Long> counts = new TreeMap<>();

  @Override
  public boolean isZero() {
    return counts.isEmpty();
  }

  @Override
  public Counts copy() {
    Counts c = new Counts();
    c.counts.putAll(counts);
    return c;
  }

  @Override
  public void reset() {
    counts.clear();
  }

  @Override
  public void add(Map<String, Long> v) {
    v.forEach((k, n) -> counts.merge(k, n, Long::sum));
  }

  /** Adds {@code n} to the count of {@code name}. */
  void add(String name, long n) {
    if (n != 0) {
      counts.merge(name, n, Long::sum);
    }
  }

  @Override
  public void merge(AccumulatorV2<Map<String, Long>, Map<String, Long>> other) {
    add(other.value());
  }

  @Override
  public Map<String, Long> value() {
    return java.util.Collections.unmodifiableMap(new TreeMap<>(counts));
  }
}
