package dev.logdex.readers;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A PostgreSQL {@code log_line_prefix} setting, compiled into a matcher that reads the user, database, process id
 * and time out of each line. Escapes the prefix does not name are matched and ignored.
 */
final class LogLinePrefix {

  /** The fields a prefix gave for one line, and where the message (its severity) starts. */
  record Fields(String time, String user, String database, String pid, int end, String host, String application) {
    Fields(String time, String user, String database, String pid, int end) {
      this(time, user, database, pid, end, "", "");
    }
  }

  private record Part(char escape, String literal) {}

  private final List<Part> parts;

  private LogLinePrefix(List<Part> parts) {
    this.parts = parts;
  }

  /** Compiles {@code prefix} as written in postgresql.conf, e.g. {@code '%m [%p] %q%u@%d '}. */
  static LogLinePrefix compile(String prefix) {
    List<Part> parts = new ArrayList<>();
    StringBuilder lit = new StringBuilder();
    for (int i = 0; i < prefix.length(); i++) {
      char c = prefix.charAt(i);
      if (c == '%' && i + 1 < prefix.length()) {
        char e = prefix.charAt(++i);
        if (e == '%') {
          lit.append('%');
          continue;
        }
        if (e == 'q') {
          continue; // %q ends the prefix for non-session processes; the parts after it may be absent
        }
        if (lit.length() > 0) {
          parts.add(new Part((char) 0, lit.toString()));
          lit.setLength(0);
        }
        parts.add(new Part(e, ""));
      } else {
        lit.append(c);
      }
    }
    if (lit.length() > 0) {
      parts.add(new Part((char) 0, lit.toString()));
    }
    return new LogLinePrefix(parts);
  }

  /** Matches the prefix at the start of {@code line}. */
  Optional<Fields> match(String line) {
    int pos = 0;
    String time = "";
    String user = "";
    String db = "";
    String pid = "";
    String host = "";
    String application = "";
    for (int k = 0; k < parts.size(); k++) {
      Part p = parts.get(k);
      if (p.escape() == 0) {
        if (!line.startsWith(p.literal(), pos)) {
          return Optional.empty();
        }
        pos += p.literal().length();
        continue;
      }
      int end;
      if (p.escape() == 't' || p.escape() == 'm' || p.escape() == 's') {
        end = PostgresTimestamps.end(line, pos);
        if (end < 0) {
          return Optional.empty();
        }
      } else {
        // A value runs to the next literal of the prefix (or to the severity when the prefix ends here).
        String next = k + 1 < parts.size() && parts.get(k + 1).escape() == 0 ? parts.get(k + 1).literal() : null;
        end = next == null ? valueEnd(line, pos) : line.indexOf(next, pos);
        if (end < 0) {
          return Optional.empty();
        }
      }
      String value = line.substring(pos, end);
      switch (p.escape()) {
        case 't', 'm' -> time = value;
        case 'u' -> user = value;
        case 'd' -> db = value;
        case 'p' -> pid = value;
        case 'h', 'r' -> host = host(value);
        case 'a' -> application = value;
        default -> { }
      }
      pos = end;
    }
    return Optional.of(new Fields(time, clean(user), clean(db), pid, pos, host, clean(application)));
  }

  private static int valueEnd(String line, int pos) {
    int k = pos;
    while (k < line.length() && !Character.isWhitespace(line.charAt(k))) {
      k++;
    }
    return k;
  }

  /**
   * A client host as PostgreSQL writes it in a prefix: {@code 10.0.0.5} (%h) or {@code 10.0.0.5(51234)} (%r),
   * without its port; {@code [local]} (a Unix socket) and an empty value are no host.
   */
  static String host(String v) {
    String h = v.strip();
    if (h.isEmpty() || h.equals("[local]") || h.equals("[unknown]")) {
      return "";
    }
    int paren = h.indexOf('(');
    return paren > 0 && h.endsWith(")") ? h.substring(0, paren) : h;
  }

  /** csvlog's connection_from, {@code host:port} ({@code ::1:51234} too): the host. */
  static String hostOfConnection(String v) {
    String h = host(v);
    int colon = h.lastIndexOf(':');
    return colon > 0 && colon < h.length() - 1 && h.substring(colon + 1).chars().allMatch(Character::isDigit)
        ? h.substring(0, colon) : h;
  }

  static String clean(String v) {
    return v.equals("[unknown]") ? "" : v;
  }
}
