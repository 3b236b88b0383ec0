package dev.logdex.core.recommend;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The reasons' numbers read as the formatter wrote them before: {@code %,.1f} and {@code %,d} in {@code Locale.ROOT}. */
class NumbersTest {

  private static void same(double v) {
    assertThat(Numbers.oneDecimal(v)).as("%s", v).isEqualTo(String.format(Locale.ROOT, "%,.1f", v));
  }

  @Test
  void edgesAndHalves() {
    double[] edges = {0, -0.0, 0.05, 0.15, 0.25, 0.35, 0.45, 0.95, 9.95, 99.95, 999.95, 1000, 1234.5, 12345.65,
        999_999.95, 1e15, 1.5e17, 4.9e-324, Double.MAX_VALUE, -0.05, -0.04, -1234.56, Double.NaN,
        Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1048576.0 / 1048576.0, 123_456_789.0 / 1048576.0};
    for (double v : edges) {
      same(v);
    }
  }

  @Test
  void randomMillisecondsAndMegabytes() {
    Random random = new Random(42);
    for (int i = 0; i < 200_000; i++) {
      same(random.nextDouble() * Math.pow(10, random.nextInt(12)) * (random.nextInt(10) == 0 ? -1 : 1));
      same(Math.round(random.nextDouble() * 1e7) / 100.0 + 0.05); // two decimals, many ending in 5
      same(random.nextLong() / 1048576.0);
    }
  }

  private static void same(long v) {
    assertThat(Numbers.grouped(v)).as("%s", v).isEqualTo(String.format(Locale.ROOT, "%,d", v));
  }

  @Test
  void groupedCounts() {
    long[] edges = {0, 1, -1, 999, 1000, -1000, 999_999, 1_000_000, 12_345_678, Long.MAX_VALUE, Long.MIN_VALUE};
    for (long v : edges) {
      same(v);
    }
    Random random = new Random(7);
    for (int i = 0; i < 200_000; i++) {
      same(random.nextLong() >> random.nextInt(64));
    }
  }
}
