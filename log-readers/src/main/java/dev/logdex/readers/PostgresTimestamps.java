package dev.logdex.readers;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;

/** Timestamps as PostgreSQL writes them: {@code 2017-09-06 08:40:10.123 UTC}, ISO forms, epoch seconds. */
final class PostgresTimestamps {
  private PostgresTimestamps() {}

  /** Where a timestamp starting at {@code i} ends (date, time, optional fraction, optional zone); -1 if none. */
  static int end(String s, int i) {
    int k = i;
    if (!digits(s, k, 4) || !at(s, k + 4, '-') || !digits(s, k + 5, 2) || !at(s, k + 7, '-')
        || !digits(s, k + 8, 2)) {
      return -1;
    }
    k += 10;
    if (!(at(s, k, ' ') || at(s, k, 'T')) || !digits(s, k + 1, 2) || !at(s, k + 3, ':') || !digits(s, k + 4, 2)
        || !at(s, k + 6, ':') || !digits(s, k + 7, 2)) {
      return -1;
    }
    k += 9;
    if (at(s, k, '.')) {
      k++;
      while (k < s.length() && Character.isDigit(s.charAt(k))) {
        k++;
      }
    }
    if (at(s, k, '+') || at(s, k, '-') || at(s, k, 'Z')) {
      return zoneEnd(s, k);
    }
    if (at(s, k, ' ') && k + 1 < s.length() && (Character.isLetter(s.charAt(k + 1))
        || s.charAt(k + 1) == '+' || s.charAt(k + 1) == '-')) {
      return zoneEnd(s, k + 1);
    }
    return k;
  }

  private static int zoneEnd(String s, int k) {
    int j = k;
    while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '+' || s.charAt(j) == '-'
        || s.charAt(j) == ':' || s.charAt(j) == '/' || s.charAt(j) == '_')) {
      j++;
    }
    return j;
  }

  static Optional<Instant> parse(String text) {
    Instant fast = IsoTimestamps.parse(text);
    if (fast != null) {
      return Optional.of(fast);
    }
    String t = text.trim();
    try {
      if (t.length() >= 19) {
        String base = t.substring(0, 10) + "T" + t.substring(11, 19);
        int k = 19;
        String frac = "";
        if (k < t.length() && t.charAt(k) == '.') {
          int j = k + 1;
          while (j < t.length() && Character.isDigit(t.charAt(j))) {
            j++;
          }
          frac = t.substring(k, j);
          k = j;
        }
        String zone = t.substring(k).trim();
        LocalDateTime ldt = LocalDateTime.parse(base + frac);
        if (zone.isEmpty()) {
          return Optional.of(ldt.toInstant(ZoneOffset.UTC));
        }
        if (zone.startsWith("+") || zone.startsWith("-") || zone.equals("Z")) {
          return Optional.of(OffsetDateTime.parse(base + frac + (zone.length() == 3 ? zone + ":00" : zone))
              .toInstant());
        }
        ZoneId id = ZoneId.of(zone, ZoneId.SHORT_IDS);
        return Optional.of(ldt.atZone(id).toInstant());
      }
    } catch (java.time.DateTimeException | StringIndexOutOfBoundsException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }

  private static boolean digits(String s, int i, int n) {
    if (i + n > s.length()) {
      return false;
    }
    for (int k = i; k < i + n; k++) {
      if (!Character.isDigit(s.charAt(k))) {
        return false;
      }
    }
    return true;
  }

  private static boolean at(String s, int i, char c) {
    return i < s.length() && s.charAt(i) == c;
  }
}
