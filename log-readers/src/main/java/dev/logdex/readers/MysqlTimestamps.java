package dev.logdex.readers;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * The times MySQL and MariaDB write in their slow and general logs: ISO 8601 since MySQL 5.7
 * ({@code 2024-03-01T10:00:00.123456Z}, read by {@link IsoTimestamps} without allocating), and the older
 * {@code yyMMdd H:mm:ss} ({@code 071218 11:48:27}, {@code 100211  0:55:24}), a missing zone meaning UTC. One parser
 * for both logs.
 */
final class MysqlTimestamps {
  private MysqlTimestamps() {}

  /** The instant written in {@code v}, or empty when it is none of those forms. */
  static Optional<Instant> parse(String v) {
    Instant fast = IsoTimestamps.parse(v);
    if (fast != null) {
      return Optional.of(fast);
    }
    try {
      if (v.length() >= 19 && v.charAt(4) == '-') {
        String s = Blanks.firstWord(v);
        if (s.endsWith("Z") || s.lastIndexOf('+') > 10 || s.lastIndexOf('-') > 10) {
          return Optional.of(OffsetDateTime.parse(s).toInstant());
        }
        return Optional.of(LocalDateTime.parse(s).toInstant(ZoneOffset.UTC));
      }
      // 071218 11:48:27 or 100211  0:55:24 (yyMMdd H:mm:ss, hour padded with a space)
      String[] p = v.trim().split("\\s+");
      if (p.length >= 2 && p[0].length() == 6) {
        String[] hms = p[1].split(":");
        LocalDateTime t = LocalDateTime.of(2000 + Integer.parseInt(p[0].substring(0, 2)),
            Integer.parseInt(p[0].substring(2, 4)), Integer.parseInt(p[0].substring(4, 6)),
            Integer.parseInt(hms[0]), Integer.parseInt(hms[1]), Integer.parseInt(hms[2]));
        return Optional.of(t.toInstant(ZoneOffset.UTC));
      }
    } catch (NumberFormatException | IndexOutOfBoundsException | java.time.DateTimeException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }
}
