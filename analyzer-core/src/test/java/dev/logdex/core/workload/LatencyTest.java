package dev.logdex.core.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.zip.Deflater;
import org.HdrHistogram.HistogramIterationValue;
import org.HdrHistogram.IntCountsHistogram;
import org.junit.jupiter.api.Test;

class LatencyTest {

  private static Latency of(List<Long> micros) {
    Latency.Recorder r = new Latency.Recorder();
    micros.forEach(r::record);
    return r.toLatency();
  }

  private static List<Long> logNormal(int n, long seed) {
    Random random = new Random(seed);
    List<Long> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(Math.round(800 * Math.exp(random.nextGaussian())));
    }
    return out;
  }

  @Test
  void aFewExecutionsGiveExactNearestRankPercentiles() {
    Latency l = of(List.of(5000L, 1000L, 3000L, 2000L, 4000L)); // 1..5 ms, in any order
    assertThat(l.count()).isEqualTo(5);
    assertThat(l.percentileMillis(50)).isEqualTo(3.0);
    assertThat(l.percentileMillis(95)).isEqualTo(5.0);
    assertThat(l.percentileMillis(20)).isEqualTo(1.0);
    assertThat(l.maxMillis()).isEqualTo(5.0);
    assertThat(l.encode()).isEqualTo("exact:1000,2000,3000,4000,5000");
  }

  @Test
  void manyExecutionsStayWithinOnePercentOfTheTruePercentile() {
    List<Long> values = logNormal(100_000, 1);
    Latency l = of(values);
    List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    for (double p : new double[] {50, 95, 99}) {
      double truth = sorted.get((int) Math.ceil(p / 100 * sorted.size()) - 1) / 1000.0;
      assertThat(l.percentileMillis(p)).as("p%s", p).isGreaterThanOrEqualTo(truth).isCloseTo(truth,
          within(truth * 0.01 + 0.001));
    }
    assertThat(l.count()).isEqualTo(100_000);
    assertThat(l.encode()).startsWith("hdr:").hasSizeLessThan(4000); // bounded, whatever the count
  }

  @Test
  void partsAddUpToTheWholeInAnyOrderAcrossTheExactLimit() {
    List<Long> values = logNormal(Latency.EXACT_LIMIT + 40, 2);
    Latency whole = of(values);
    for (int cut : new int[] {1, 30, Latency.EXACT_LIMIT, values.size() - 1}) {
      Latency a = of(values.subList(0, cut));
      Latency b = of(values.subList(cut, values.size()));
      assertThat(a.plus(b)).as("cut at %d", cut).isEqualTo(whole).isEqualTo(b.plus(a));
      assertThat(a.plus(b).encode()).isEqualTo(whole.encode());
    }
    List<Long> small = values.subList(0, 20);
    assertThat(of(small.subList(0, 7)).plus(of(small.subList(7, 20)))).isEqualTo(of(small));
  }

  @Test
  void recordersAddUpAsTheirDistributionsDo() {
    List<Long> values = logNormal(3 * Latency.EXACT_LIMIT, 3);
    for (int cut : new int[] {0, 1, 30, Latency.EXACT_LIMIT, Latency.EXACT_LIMIT + 1, values.size() - 5}) {
      for (int end : new int[] {cut, Math.min(cut + 10, values.size()), values.size()}) {
        Latency.Recorder a = new Latency.Recorder();
        values.subList(0, cut).forEach(a::record);
        Latency.Recorder b = new Latency.Recorder();
        values.subList(cut, end).forEach(b::record);
        Latency expected = a.toLatency().plus(b.toLatency());
        a.add(b);
        assertThat(a.toLatency()).as("%d + %d", cut, end - cut).isEqualTo(expected)
            .isEqualTo(of(values.subList(0, end)));
        assertThat(a.toLatency().encode()).isEqualTo(expected.encode());
      }
    }
  }

  @Test
  void theCopyMadeLargestFirstIsTheOneAnAscendingCopyWas() {
    // Snapshots hold each class's encoding: made largest first, the copy must encode as the ascending copy did.
    for (long seed = 0; seed < 30; seed++) {
      Random random = new Random(seed);
      IntCountsHistogram h = new IntCountsHistogram(2);
      int n = 1 + random.nextInt(3_000);
      for (int i = 0; i < n; i++) {
        h.recordValue(random.nextInt(20) == 0 ? (long) (random.nextDouble() * 1e10)
            : Math.round(800 * Math.exp(random.nextGaussian())));
      }
      IntCountsHistogram ascending = new IntCountsHistogram(2);
      for (HistogramIterationValue v : h.recordedValues()) {
        ascending.recordValueWithCount(v.getValueIteratedTo(), v.getCountAtValueIteratedTo());
      }
      IntCountsHistogram copy = Latency.largestFirst(h);
      assertThat(copy).as("seed %d", seed).isEqualTo(ascending);
      assertThat(compressed(copy)).as("seed %d", seed).isEqualTo(compressed(ascending));
    }
  }

  private static byte[] compressed(IntCountsHistogram h) {
    ByteBuffer buf = ByteBuffer.allocate(h.getNeededByteBufferCapacity());
    int length = h.encodeIntoCompressedByteBuffer(buf, Deflater.BEST_COMPRESSION);
    return Arrays.copyOf(buf.array(), length);
  }

  @Test
  void theTextFormReadsBackToAnEqualDistribution() {
    for (int n : new int[] {0, 3, Latency.EXACT_LIMIT, 5000}) {
      Latency l = of(logNormal(n, n));
      Latency back = Latency.decode(l.encode());
      assertThat(back).isEqualTo(l);
      assertThat(back.percentileMillis(99)).isEqualTo(l.percentileMillis(99));
      assertThat(back.plus(l)).isEqualTo(l.plus(l)); // a read-back histogram still grows
    }
    assertThat(Latency.decode("exact:")).isSameAs(Latency.NONE);
  }

  @Test
  void damagedTextIsRejectedWithAReason() {
    assertThatThrownBy(() -> Latency.decode("hdr:not-base64!")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("damaged histogram");
    assertThatThrownBy(() -> Latency.decode("exact:1,x")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Latency.decode("tdigest:AAAA")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown form");
  }

  @Test
  void nothingTimedIsEmpty() {
    assertThat(Latency.NONE.isEmpty()).isTrue();
    assertThat(Latency.NONE.percentileMillis(99)).isZero();
    assertThat(Latency.NONE.plus(Latency.NONE)).isSameAs(Latency.NONE);
    assertThatThrownBy(() -> Latency.NONE.percentileMillis(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
