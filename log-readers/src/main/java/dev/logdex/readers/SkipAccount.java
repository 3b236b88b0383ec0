package dev.logdex.readers;

import dev.logdex.core.model.InputSummary;
import java.util.Map;
import java.util.TreeMap;

/** Counts what a reader skipped, by reason, with where each reason first happened. Never silently dropped. */
public final class SkipAccount {
  private final String source;
  private final Map<String, Long> counts = new TreeMap<>();
  private final Map<String, String> first = new TreeMap<>();
  private final Map<String, Long> passedOver = new TreeMap<>();
  private long events;

  public SkipAccount(String source) {
    this.source = source;
  }

  /** Records one skipped line or record at {@code line} for {@code reason}. */
  public void skip(String reason, long line) {
    counts.merge(reason, 1L, Long::sum);
    first.putIfAbsent(reason, source + ":" + line);
  }

  /**
   * Records a line that is not a statement and was never meant to be one (a checkpoint message, a connection
   * line, a server banner): counted by kind, so that nothing read goes unaccounted, but not damage.
   */
  public void passOver(String kind) {
    passedOver.merge(kind, 1L, Long::sum);
  }

  /** What a statement logdex itself sent is counted as: passed over, never analysed. */
  public static final String OWN_STATEMENT = "logdex's own statement (/* logdex */)";

  /** Takes back one event counted with {@link #event}: it was logdex's own statement, passed over instead. */
  public void ownStatement() {
    events--;
    passOver(OWN_STATEMENT);
  }

  /** Takes back one event counted with {@link #event}: a filter left it out; counted under {@code kind}. */
  public void leftOut(String kind) {
    events--;
    passOver(kind);
  }

  /** Counts one event handed on. */
  public void event() {
    events++;
  }

  public long events() {
    return events;
  }

  public long skipped() {
    return counts.values().stream().mapToLong(Long::longValue).sum();
  }

  public InputSummary summary(String format) {
    return new InputSummary(source, format, events, counts, first, passedOver);
  }

  /**
   * Two accounts of parts of one input (byte ranges of a file) added up: counts summed, each reason's first skip
   * the earlier of the two ({@code file:line}, lines counted in the whole file).
   */
  public static InputSummary combine(InputSummary a, InputSummary b) {
    if (!a.path().equals(b.path()) || !a.format().equals(b.format())) {
      throw new IllegalArgumentException("accounts of two inputs: " + a.path() + ", " + b.path());
    }
    java.util.Map<String, Long> skipped = new java.util.TreeMap<>(a.skipped());
    b.skipped().forEach((k, v) -> skipped.merge(k, v, Long::sum));
    java.util.Map<String, Long> passed = new java.util.TreeMap<>(a.passedOver());
    b.passedOver().forEach((k, v) -> passed.merge(k, v, Long::sum));
    java.util.Map<String, String> first = new java.util.TreeMap<>(a.firstSkipAt());
    b.firstSkipAt().forEach((k, v) -> first.merge(k, v, (x, y) -> lineOf(x) <= lineOf(y) ? x : y));
    return new InputSummary(a.path(), a.format(), a.events() + b.events(), skipped, first, passed);
  }

  /** The line of a first skip's place, {@code file:line}. */
  static long lineOf(String at) {
    return Long.parseLong(at.substring(at.lastIndexOf(':') + 1));
  }
}
