package dev.logdex.readers;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * The common timestamp forms of logs read by hand, since every event carries one and {@code java.time}'s parsers
 * cost more than the rest of reading an event: {@code yyyy-MM-dd HH:mm:ss[.fraction]} (or with {@code T}), then
 * nothing, {@code Z}, {@code UTC}, {@code GMT} or a numeric offset ({@code +hh}, {@code +hhmm}, {@code +hh:mm}).
 * Anything else (a named zone such as {@code CET}) returns {@code null} and the caller uses {@code java.time}.
 */
final class IsoTimestamps {
  private IsoTimestamps() {}

  /**
   * The instant written in {@code s} (surrounding blanks allowed), a missing zone meaning UTC; {@code null} when
   * {@code s} is not one of the forms above or names an impossible date or time.
   */
  static Instant parse(String s) {
    int i = 0;
    int n = s.length();
    while (i < n && s.charAt(i) == ' ') {
      i++;
    }
    while (n > i && s.charAt(n - 1) == ' ') {
      n--;
    }
    if (n - i < 19 || s.charAt(i + 4) != '-' || s.charAt(i + 7) != '-' || s.charAt(i + 13) != ':'
        || s.charAt(i + 16) != ':' || s.charAt(i + 10) != ' ' && s.charAt(i + 10) != 'T') {
      return null;
    }
    int year = digits(s, i, 4);
    int month = digits(s, i + 5, 2);
    int day = digits(s, i + 8, 2);
    int hour = digits(s, i + 11, 2);
    int minute = digits(s, i + 14, 2);
    int second = digits(s, i + 17, 2);
    if ((year | month | day | hour | minute | second) < 0 || hour > 23 || minute > 59 || second > 59) {
      return null;
    }
    int k = i + 19;
    int nanos = 0;
    if (k < n && s.charAt(k) == '.') {
      k++;
      int scale = 100_000_000;
      int start = k;
      while (k < n && s.charAt(k) >= '0' && s.charAt(k) <= '9') {
        nanos += (s.charAt(k) - '0') * scale;
        scale /= 10;
        k++;
      }
      if (k == start || k - start > 9) {
        return null;
      }
    }
    if (k < n && s.charAt(k) == ' ') {
      k++;
    }
    int offsetSeconds = offset(s, k, n);
    if (offsetSeconds == Integer.MIN_VALUE) {
      return null;
    }
    long epochDay;
    try {
      epochDay = LocalDate.of(year, month, day).toEpochDay();
    } catch (DateTimeException e) {
      return null;
    }
    return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3600 + minute * 60 + second - offsetSeconds, nanos);
  }

  /** The zone {@code s[k, n)} as seconds east of UTC; {@code Integer.MIN_VALUE} when not a UTC name or offset. */
  private static int offset(String s, int k, int n) {
    int len = n - k;
    if (len == 0 || len == 1 && s.charAt(k) == 'Z'
        || len == 3 && (s.startsWith("UTC", k) || s.startsWith("GMT", k))) {
      return 0;
    }
    char sign = s.charAt(k);
    if (sign != '+' && sign != '-') {
      return Integer.MIN_VALUE;
    }
    int hours;
    int minutes = 0;
    if (len == 3) {
      hours = digits(s, k + 1, 2);
    } else if (len == 5) {
      hours = digits(s, k + 1, 2);
      minutes = digits(s, k + 3, 2);
    } else if (len == 6 && s.charAt(k + 3) == ':') {
      hours = digits(s, k + 1, 2);
      minutes = digits(s, k + 4, 2);
    } else {
      return Integer.MIN_VALUE;
    }
    if (hours < 0 || minutes < 0 || hours > 18 || minutes > 59) {
      return Integer.MIN_VALUE;
    }
    int seconds = hours * 3600 + minutes * 60;
    return sign == '-' ? -seconds : seconds;
  }

  private static int digits(String s, int from, int count) {
    int v = 0;
    for (int i = from; i < from + count; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }
}
