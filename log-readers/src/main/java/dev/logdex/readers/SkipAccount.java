package dev.logdex.readers;

import dev.logdex.core.model.InputSummary;
import java.util.Map;
import java.util.TreeMap;

/** Counts what a reader skipped, by reason, with where each reason first happened. Never silently dropped. */
public final class SkipAccount {
  private final String source;
  private final Map<String, Long> counts = new TreeMap<>();
  private final Map<String, String> first = new TreeMap<>();
  private long events;

  public SkipAccount(String source) {
    this.source = source;
  }

  /** Records one skipped line or record at {@code line} for {@code reason}. */
  public void skip(String reason, long line) {
    counts.merge(reason, 1L, Long::sum);
    first.putIfAbsent(reason, source + ":" + line);
  }

  void event() {
    events++;
  }

  public long events() {
    return events;
  }

  public long skipped() {
    return counts.values().stream().mapToLong(Long::longValue).sum();
  }

  public InputSummary summary(String format) {
    return new InputSummary(source, format, events, counts, first);
  }
}
