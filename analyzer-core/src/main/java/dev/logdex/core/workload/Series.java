package dev.logdex.core.workload;

import java.util.Arrays;

/**
 * One query class's calls and time over the period the logs cover, in buckets of {@link #width()} seconds aligned
 * to the epoch (bucket {@code b} starts at {@code b * width}). Only buckets with calls are held. Widths come from
 * {@link Timeline#WIDTHS}, each a multiple of the one before, so a series coarsens exactly and two series add in
 * any order to the same result.
 *
 * <p>Immutable.
 */
public final class Series {

  /** No timed call. */
  public static final Series NONE = new Series(Timeline.WIDTHS[0], new long[0], new long[0], new long[0],
      Long.MAX_VALUE, Long.MIN_VALUE);

  private final long width;
  private final long[] buckets; // ascending
  private final long[] calls;
  private final long[] nanos;
  private final long firstMillis; // the earliest and latest call, to the millisecond; MAX and MIN when empty
  private final long lastMillis;

  Series(long width, long[] buckets, long[] calls, long[] nanos, long firstMillis, long lastMillis) {
    this.width = width;
    this.buckets = buckets;
    this.calls = calls;
    this.nanos = nanos;
    this.firstMillis = firstMillis;
    this.lastMillis = lastMillis;
  }

  /** When the first call ran, if any did. */
  public java.util.Optional<java.time.Instant> first() {
    return isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(java.time.Instant.ofEpochMilli(firstMillis));
  }

  /** When the last call ran, if any did. */
  public java.util.Optional<java.time.Instant> last() {
    return isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(java.time.Instant.ofEpochMilli(lastMillis));
  }

  /**
   * A series read back from a snapshot.
   *
   * @throws IllegalArgumentException when the arrays differ in length, the width is not one of
   *     {@link Timeline#WIDTHS}, or the buckets are not ascending
   */
  public static Series of(long width, long[] buckets, long[] calls, double[] millis, java.time.Instant first,
      java.time.Instant last) {
    if (buckets.length != calls.length || buckets.length != millis.length || !Timeline.isWidth(width)
        || buckets.length > 0 && first.isAfter(last)) {
      throw new IllegalArgumentException("series: bad width or lengths");
    }
    long[] nanos = new long[millis.length];
    for (int i = 0; i < buckets.length; i++) {
      if (i > 0 && buckets[i] <= buckets[i - 1] || calls[i] < 0 || millis[i] < 0) {
        throw new IllegalArgumentException("series: buckets must ascend, counts be >= 0");
      }
      nanos[i] = QueryStats.nanosOf(millis[i]);
    }
    return buckets.length == 0 ? NONE : new Series(width, buckets.clone(), calls.clone(), nanos, first.toEpochMilli(),
        last.toEpochMilli());
  }

  /** {@code read}'s buckets, read with no width, taken as buckets of {@code width} seconds. */
  public static Series of(long width, Series read) {
    if (!Timeline.isWidth(width)) {
      throw new IllegalArgumentException("series: width " + width + " s is not one logdex uses");
    }
    return new Series(width, read.buckets, read.calls, read.nanos, read.firstMillis, read.lastMillis);
  }

  /** Seconds per bucket. */
  public long width() {
    return width;
  }

  /** How many buckets have calls. */
  public int size() {
    return buckets.length;
  }

  public boolean isEmpty() {
    return buckets.length == 0;
  }

  /** The index of the {@code i}-th bucket with calls: it starts {@code bucket(i) * width()} seconds after the epoch. */
  public long bucket(int i) {
    return buckets[i];
  }

  public long calls(int i) {
    return calls[i];
  }

  public double millis(int i) {
    return QueryStats.millisOf(nanos[i]);
  }

  /** The same calls in buckets of {@code newWidth} seconds, a width of {@link Timeline#WIDTHS} not below this one. */
  public Series coarsen(long newWidth) {
    if (newWidth == width || isEmpty()) {
      return isEmpty() ? new Series(newWidth, buckets, calls, nanos, firstMillis, lastMillis) : this;
    }
    Recorder r = new Recorder();
    r.width = newWidth;
    r.firstMillis = firstMillis;
    r.lastMillis = lastMillis;
    for (int i = 0; i < buckets.length; i++) {
      r.add(Math.floorDiv(buckets[i], newWidth / width), calls[i], nanos[i]);
    }
    return r.toSeries();
  }

  /** Both series added, at the wider of their widths. */
  public Series plus(Series other) {
    if (other.isEmpty()) {
      return width >= other.width ? this : coarsen(other.width);
    }
    long w = Math.max(width, other.width);
    Series a = coarsen(w);
    Series b = other.coarsen(w);
    Recorder r = new Recorder();
    r.width = w;
    r.firstMillis = Math.min(firstMillis, other.firstMillis);
    r.lastMillis = Math.max(lastMillis, other.lastMillis);
    for (int i = 0; i < a.buckets.length; i++) {
      r.add(a.buckets[i], a.calls[i], a.nanos[i]);
    }
    for (int i = 0; i < b.buckets.length; i++) {
      r.add(b.buckets[i], b.calls[i], b.nanos[i]);
    }
    return r.toSeries();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Series s && (isEmpty() && s.isEmpty() || width == s.width && Arrays.equals(buckets, s.buckets)
        && Arrays.equals(calls, s.calls) && Arrays.equals(nanos, s.nanos) && firstMillis == s.firstMillis
        && lastMillis == s.lastMillis);
  }

  @Override
  public int hashCode() {
    return isEmpty() ? 0 : Arrays.hashCode(buckets) * 31 + Arrays.hashCode(nanos);
  }

  @Override
  public String toString() {
    return "Series[width=" + width + "s, buckets=" + buckets.length + "]";
  }

  /**
   * Collects a class's calls as they are read, in buckets of the reader's current width, which only grows (the
   * period seen so far only widens). Events mostly come in time order, so a call usually lands in the last bucket.
   * Not thread-safe.
   */
  static final class Recorder {
    private long width = Timeline.WIDTHS[0];
    private long[] buckets = new long[2];
    private long[] calls = new long[2];
    private long[] nanos = new long[2];
    private int size;
    private long firstMillis = Long.MAX_VALUE;
    private long lastMillis = Long.MIN_VALUE;

    /** Adds {@code n} calls taking {@code ns} nanoseconds at {@code t}, in buckets of {@code w} seconds. */
    void record(java.time.Instant t, long w, long n, long ns) {
      if (w > width) {
        rebucket(w);
      }
      long ms = t.toEpochMilli();
      firstMillis = Math.min(firstMillis, ms);
      lastMillis = Math.max(lastMillis, ms);
      add(Math.floorDiv(t.getEpochSecond(), width), n, ns);
    }

    private void rebucket(long w) {
      long factor = w / width;
      int out = 0;
      for (int i = 0; i < size; i++) {
        long b = Math.floorDiv(buckets[i], factor);
        if (out > 0 && buckets[out - 1] == b) {
          calls[out - 1] += calls[i];
          nanos[out - 1] += nanos[i];
        } else {
          buckets[out] = b;
          calls[out] = calls[i];
          nanos[out] = nanos[i];
          out++;
        }
      }
      size = out;
      width = w;
    }

    private void add(long b, long n, long ns) {
      if (size > 0 && buckets[size - 1] == b) {
        calls[size - 1] += n;
        nanos[size - 1] += ns;
        return;
      }
      int at = size == 0 || b > buckets[size - 1] ? size : Arrays.binarySearch(buckets, 0, size, b);
      if (at >= 0 && at < size) {
        calls[at] += n;
        nanos[at] += ns;
        return;
      }
      int insert = at < 0 ? -at - 1 : at;
      if (size == buckets.length) {
        buckets = Arrays.copyOf(buckets, size * 2);
        calls = Arrays.copyOf(calls, size * 2);
        nanos = Arrays.copyOf(nanos, size * 2);
      }
      System.arraycopy(buckets, insert, buckets, insert + 1, size - insert);
      System.arraycopy(calls, insert, calls, insert + 1, size - insert);
      System.arraycopy(nanos, insert, nanos, insert + 1, size - insert);
      buckets[insert] = b;
      calls[insert] = n;
      nanos[insert] = ns;
      size++;
    }

    Series toSeries() {
      return new Series(width, Arrays.copyOf(buckets, size), Arrays.copyOf(calls, size), Arrays.copyOf(nanos, size),
          firstMillis, lastMillis);
    }
  }
}
