package dev.logdex.core.workload;

/**
 * A bound on the query classes held in memory while reading. Memory grows with the classes (each keeps its counts,
 * sample and analysis until the report), so a log of millions of distinct statements would otherwise fill the heap
 * and crawl in garbage collection without an answer: past the bound, reading stops with {@link ExceededException}
 * saying which limit was reached and how to raise it. Shared by every builder of one run; thread-safe.
 */
public final class ClassLimit {
  /** Heap bytes one query class may take, all it holds until the report is written (measured, with headroom). */
  public static final long BYTES_PER_CLASS = 5_000;

  private final long max;
  private final java.util.Set<String> seen = java.util.concurrent.ConcurrentHashMap.newKeySet();

  private ClassLimit(long max) {
    this.max = max;
  }

  /** At most {@code max} classes. */
  public static ClassLimit of(long max) {
    if (max < 1) {
      throw new IllegalArgumentException("the class limit must be 1 or more, not " + max);
    }
    return new ClassLimit(max);
  }

  /** The bound that fits the heap this JVM may use, less what the schema takes ({@code schemaBytes}). */
  public static ClassLimit forHeap(long schemaBytes) {
    return of(defaultFor(Runtime.getRuntime().maxMemory(), schemaBytes));
  }

  /** The default bound for a heap of {@code heapBytes} that holds a schema of {@code schemaBytes}. */
  public static long defaultFor(long heapBytes, long schemaBytes) {
    return Math.max(1_000, (heapBytes - schemaBytes) / BYTES_PER_CLASS);
  }

  /** No bound: for tests and callers that bound their input themselves. */
  public static ClassLimit unlimited() {
    return new ClassLimit(Long.MAX_VALUE);
  }

  public long max() {
    return max;
  }

  /**
   * Counts the class {@code id} (once, however many reading threads hold it); throws when it is one too many. The
   * ids are the fingerprints' own strings, so counting costs a set entry per class.
   */
  void admit(String id) {
    if (max != Long.MAX_VALUE && seen.add(id) && seen.size() > max) {
      throw new ExceededException(max);
    }
  }

  /** Reading held more query classes than the limit allows. */
  public static final class ExceededException extends RuntimeException {
    private final long max;

    ExceededException(long max) {
      super("more than " + String.format(java.util.Locale.ROOT, "%,d", max) + " distinct statement classes");
      this.max = max;
    }

    public long max() {
      return max;
    }
  }
}
