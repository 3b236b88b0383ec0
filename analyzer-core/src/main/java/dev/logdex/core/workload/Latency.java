package dev.logdex.core.workload;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import org.HdrHistogram.HistogramIterationValue;
import org.HdrHistogram.IntCountsHistogram;

/**
 * The latency distribution of one query class, from the executions a log timed one by one (an aggregate row such as
 * a pg_stat_statements entry has no distribution and adds nothing here).
 *
 * <p>Exact while a class has at most {@value #EXACT_LIMIT} timed executions; beyond that an HdrHistogram with two
 * significant digits and 32-bit counts, so a percentile is at most 1% above the true value and memory stays a few
 * kilobytes per class however many executions the log holds (up to 2^31 in one 1% band of one class). Which of the two a distribution is depends only on its count, and both add
 * exactly, so merging partial distributions (threads, files, snapshots) gives the same result in any order.
 *
 * <p>Immutable.
 */
public final class Latency {
  /** Up to this many executions are kept as exact values. */
  public static final int EXACT_LIMIT = 64;

  /** No timed execution. */
  public static final Latency NONE = new Latency(new long[0], null);

  private static final int SIGNIFICANT_DIGITS = 2;

  private final long[] sortedMicros; // the values, when exact
  private final IntCountsHistogram histogram; // otherwise; never changed after construction

  private Latency(long[] sortedMicros, IntCountsHistogram histogram) {
    this.sortedMicros = sortedMicros;
    this.histogram = histogram;
  }

  /** How many executions the distribution holds. */
  public long count() {
    return histogram == null ? sortedMicros.length : histogram.getTotalCount();
  }

  /** Whether no execution was timed. */
  public boolean isEmpty() {
    return count() == 0;
  }

  /**
   * The latency at or below which {@code percent} of the executions ran, in milliseconds (nearest rank; exact, or
   * within 1% above the true value). 0 when empty.
   */
  public double percentileMillis(double percent) {
    if (percent <= 0 || percent > 100) {
      throw new IllegalArgumentException("percent must be in (0, 100], was " + percent);
    }
    if (histogram != null) {
      return histogram.getValueAtPercentile(percent) / 1000.0;
    }
    if (sortedMicros.length == 0) {
      return 0;
    }
    int rank = (int) Math.ceil(percent / 100 * sortedMicros.length);
    return sortedMicros[Math.max(0, rank - 1)] / 1000.0;
  }

  /** The standard deviation of the executions, in milliseconds (within the histogram's 1%). 0 when empty. */
  public double stddevMillis() {
    if (histogram != null) {
      return histogram.getStdDeviation() / 1000.0;
    }
    if (sortedMicros.length == 0) {
      return 0;
    }
    double mean = java.util.Arrays.stream(sortedMicros).average().orElse(0);
    double sq = java.util.Arrays.stream(sortedMicros).mapToDouble(v -> (v - mean) * (v - mean)).sum();
    return Math.sqrt(sq / sortedMicros.length) / 1000.0;
  }

  /** The slowest execution, in milliseconds (within 1% when not exact). 0 when empty. */
  public double maxMillis() {
    if (histogram != null) {
      return histogram.getMaxValue() / 1000.0;
    }
    return sortedMicros.length == 0 ? 0 : sortedMicros[sortedMicros.length - 1] / 1000.0;
  }

  /** Both distributions together. */
  public Latency plus(Latency other) {
    if (other.isEmpty()) {
      return this;
    }
    if (isEmpty()) {
      return other;
    }
    Recorder r = new Recorder();
    r.add(this);
    r.add(other);
    return r.toLatency();
  }

  /**
   * How many executions fall in each band: band {@code i} holds those above {@code bounds[i-1]} and at most
   * {@code bounds[i]} microseconds (band 0 from 0), and one more band holds those above the last bound. Exact for an
   * exact distribution; within the histogram's 1% otherwise, at a band's edge.
   */
  public long[] bandCounts(long[] bounds) {
    long[] out = new long[bounds.length + 1];
    if (histogram != null) {
      for (HistogramIterationValue v : histogram.recordedValues()) {
        out[band(bounds, histogram.lowestEquivalentValue(v.getValueIteratedTo()))] += v.getCountAtValueIteratedTo();
      }
    } else {
      for (long m : sortedMicros) {
        out[band(bounds, m)]++;
      }
    }
    return out;
  }

  private static int band(long[] bounds, long micros) {
    int i = 0;
    while (i < bounds.length && micros > bounds[i]) {
      i++;
    }
    return i;
  }

  /**
   * A text form for snapshots: {@code exact:v1,v2,...} (microseconds, ascending) or {@code hdr:} and the
   * histogram's compressed encoding in Base64. {@link #decode} reads it back to an equal distribution.
   */
  public String encode() {
    if (histogram == null) {
      StringBuilder b = new StringBuilder("exact:");
      for (int i = 0; i < sortedMicros.length; i++) {
        b.append(i == 0 ? "" : ",").append(sortedMicros[i]);
      }
      return b.toString();
    }
    ByteBuffer buf = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
    int length = histogram.encodeIntoCompressedByteBuffer(buf, Deflater.BEST_COMPRESSION);
    return "hdr:" + Base64.getEncoder().encodeToString(Arrays.copyOf(buf.array(), length));
  }

  /**
   * Reads the form {@link #encode} writes.
   *
   * @throws IllegalArgumentException when {@code text} is not such a form
   */
  public static Latency decode(String text) {
    if (text.startsWith("exact:")) {
      String body = text.substring("exact:".length());
      if (body.isEmpty()) {
        return NONE;
      }
      long[] values = Arrays.stream(body.split(",")).mapToLong(Long::parseLong).sorted().toArray();
      if (values.length > EXACT_LIMIT || values[0] < 0) {
        throw new IllegalArgumentException("latency: bad exact values");
      }
      return new Latency(values, null);
    }
    if (text.startsWith("hdr:")) {
      try {
        IntCountsHistogram h = IntCountsHistogram.decodeFromCompressedByteBuffer(
            ByteBuffer.wrap(Base64.getDecoder().decode(text.substring("hdr:".length()))), 0);
        h.setAutoResize(true);
        return new Latency(null, h);
      } catch (DataFormatException | RuntimeException e) {
        throw new IllegalArgumentException("latency: damaged histogram (" + e.getMessage() + ")");
      }
    }
    throw new IllegalArgumentException("latency: unknown form '" + text.substring(0, Math.min(12, text.length()))
        + "'");
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Latency l && (histogram == null ? l.histogram == null && Arrays.equals(sortedMicros,
        l.sortedMicros) : histogram.equals(l.histogram));
  }

  @Override
  public int hashCode() {
    return histogram == null ? Arrays.hashCode(sortedMicros) : histogram.hashCode();
  }

  @Override
  public String toString() {
    return String.format(java.util.Locale.ROOT, "Latency[n=%d, p50=%.3f ms, p99=%.3f ms]", count(),
        isEmpty() ? 0 : percentileMillis(50), isEmpty() ? 0 : percentileMillis(99));
  }

  /**
   * A copy of {@code h} as large as its values need, whatever the history of its resizes and merges, so that equal
   * distributions encode to equal text. Its values go in largest first: an auto-resizing histogram grows when a
   * value falls past its end, by an ArrayIndexOutOfBoundsException it catches, to the size that value needs, and
   * that size depends on the largest value alone. In ascending order it grew once per bucket, each time through an
   * exception with its stack trace (about 1% of a 50 MB run's CPU with the client compiler, which has no fast
   * path for such exceptions); largest first, it grows once.
   */
  static IntCountsHistogram largestFirst(IntCountsHistogram h) {
    long[] values = new long[16];
    long[] counts = new long[16];
    int n = 0;
    for (HistogramIterationValue v : h.recordedValues()) {
      if (n == values.length) {
        values = Arrays.copyOf(values, n * 2);
        counts = Arrays.copyOf(counts, n * 2);
      }
      values[n] = v.getValueIteratedTo();
      counts[n++] = v.getCountAtValueIteratedTo();
    }
    IntCountsHistogram copy = new IntCountsHistogram(SIGNIFICANT_DIGITS);
    for (int i = n - 1; i >= 0; i--) {
      copy.recordValueWithCount(values[i], counts[i]);
    }
    return copy;
  }

  /** Collects one class's executions as they are read. Not thread-safe. */
  public static final class Recorder {
    private static final int PENDING = 32;
    private long[] values = new long[4];
    private int size;
    private IntCountsHistogram histogram;
    // In histogram mode values wait here and go in together: the histogram is touched once per batch, not once
    // per event, which matters with thousands of classes (each histogram a cache miss).
    private long[] pending;
    private int pendingSize;

    /** Records one execution that took {@code micros} microseconds. */
    public void record(long micros) {
      if (micros < 0) {
        throw new IllegalArgumentException("latency must be >= 0, was " + micros);
      }
      if (histogram != null) {
        pending[pendingSize++] = micros;
        if (pendingSize == PENDING) {
          flush();
        }
      } else if (size < EXACT_LIMIT) {
        if (size == values.length) {
          values = Arrays.copyOf(values, Math.min(EXACT_LIMIT, size * 2));
        }
        values[size++] = micros;
      } else {
        toHistogram();
        histogram.recordValue(micros);
      }
    }

    private void flush() {
      for (int i = 0; i < pendingSize; i++) {
        histogram.recordValue(pending[i]);
      }
      pendingSize = 0;
    }

    /** Adds every execution of {@code l}. */
    public void add(Latency l) {
      add(l.histogram, l.sortedMicros, l.histogram == null ? l.sortedMicros.length : 0);
    }

    /**
     * Adds every execution {@code other} recorded, as {@link #add(Latency)} of its {@link #toLatency}, without making
     * that canonical copy: merging buckets when the timeline widens did so for every bucket.
     */
    public void add(Recorder other) {
      if (other.histogram != null) {
        other.flush();
      }
      add(other.histogram, other.values, other.size);
    }

    /** Adds the executions of {@code h} when there is one, else the first {@code n} of {@code exact}. */
    private void add(IntCountsHistogram h, long[] exact, int n) {
      if (h != null) {
        toHistogram();
        flush();
        histogram.add(h);
      } else {
        for (int i = 0; i < n; i++) {
          record(exact[i]);
        }
      }
    }

    private void toHistogram() {
      if (histogram == null) {
        histogram = new IntCountsHistogram(SIGNIFICANT_DIGITS);
        // The largest value first (see largestFirst); the others in any order give the same histogram.
        int largest = 0;
        for (int i = 1; i < size; i++) {
          if (values[i] > values[largest]) {
            largest = i;
          }
        }
        if (size > 0) {
          histogram.recordValue(values[largest]);
        }
        for (int i = 0; i < size; i++) {
          if (i != largest) {
            histogram.recordValue(values[i]);
          }
        }
        values = null;
        size = 0;
        pending = new long[PENDING];
      }
    }

    /** What was recorded so far. */
    public Latency toLatency() {
      if (histogram != null) {
        flush();
        return new Latency(null, largestFirst(histogram));
      }
      long[] sorted = Arrays.copyOf(values, size);
      Arrays.sort(sorted);
      return new Latency(sorted, null);
    }
  }
}
