package dev.logdex.core.recommend;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * Numbers in the reasons the recommender writes, as {@code String.format(Locale.ROOT, ...)} writes them, without
 * {@link java.util.Formatter}: a reason is written for every candidate, chosen or not, and the formatter costs tens
 * of microseconds and several kilobytes of garbage a call (a locale's decimal symbols, a parsed pattern). At 100,000
 * statement classes the formatter was a quarter of what the analysis allocated.
 */
final class Numbers {
  private Numbers() {}

  /**
   * {@code %,.1f}: the shortest decimal of the double rounded half up, as the formatter does, with a comma between
   * each group of three digits.
   */
  static String oneDecimal(double v) {
    if (!Double.isFinite(v)) {
      return String.format(Locale.ROOT, "%,.1f", v);
    }
    String plain = new BigDecimal(Double.toString(Math.abs(v))).setScale(1, RoundingMode.HALF_UP).toPlainString();
    StringBuilder b = new StringBuilder(plain.length() + plain.length() / 3 + 1);
    if (v < 0 || v == 0 && 1 / v < 0) {
      b.append('-');
    }
    int point = plain.length() - 2;
    appendGrouped(b, plain, point);
    return b.append(plain, point, plain.length()).toString();
  }

  /** {@code %,d}. */
  static String grouped(long v) {
    String plain = Long.toString(v);
    int sign = v < 0 ? 1 : 0;
    StringBuilder b = new StringBuilder(plain.length() + plain.length() / 3);
    b.append(plain, 0, sign);
    appendGrouped(b, plain.substring(sign), plain.length() - sign);
    return b.toString();
  }

  /** The first {@code end} chars of {@code digits}, a comma before each group of three counted from the end. */
  private static void appendGrouped(StringBuilder b, String digits, int end) {
    for (int i = 0; i < end; i++) {
      if (i > 0 && (end - i) % 3 == 0) {
        b.append(',');
      }
      b.append(digits.charAt(i));
    }
  }
}
