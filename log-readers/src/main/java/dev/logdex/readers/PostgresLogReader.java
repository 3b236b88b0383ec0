package dev.logdex.readers;

import dev.logdex.core.model.Dialect;
import dev.logdex.core.model.QueryEvent;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Reads a PostgreSQL server log in the stderr format (also as syslog, RDS and Heroku logplex write it). Without a
 * {@code log_line_prefix}, the prefix is whatever comes before the severity ({@code LOG:  }); the user, database,
 * process id and time are read from the common prefix forms ({@code user=%u,db=%d}, {@code %u@%d}, {@code [%p]},
 * {@code %t} or {@code %m} first). With one, exactly that prefix is matched.
 */
public final class PostgresLogReader implements LogReader {

  public static final String FORMAT = "postgres";

  private final Optional<LogLinePrefix> prefix;

  /** A reader that finds the prefix by itself. */
  public PostgresLogReader() {
    this.prefix = Optional.empty();
  }

  /** A reader for logs written with {@code log_line_prefix = prefix}. */
  public PostgresLogReader(String prefix) {
    this.prefix = Optional.of(LogLinePrefix.compile(prefix));
  }

  @Override
  public Optional<Dialect> dialect() {
    return Optional.of(Dialect.POSTGRESQL);
  }

  @Override
  public String format() {
    return FORMAT;
  }

  @Override
  public void read(Reader input, String source, Consumer<QueryEvent> events, SkipAccount skips)
      throws IOException {
    PostgresMessages messages = new PostgresMessages(events, skips);
    feed(input, source, messages, skips, true);
    messages.finish();
  }

  /** Ranges of a large log: one starts at a message's first line (never a continuation line). */
  @Override
  public Optional<RangeReading> ranges() {
    return Optional.of(new PostgresRanges((previous, line) -> head(line, null) != null, this::feed));
  }

  /** Hands each message of {@code input} (its first line and continuation lines joined) to {@code messages}. */
  private boolean feed(Reader input, String source, PostgresMessages messages, SkipAccount skips, boolean fileEnd)
      throws IOException {
    BufferedReader in = input instanceof BufferedReader b ? b : new BufferedReader(input);
    Pending current = null;
    long lineNo = 0;
    Prefixes prefixes = new Prefixes();
    for (String line; (line = in.readLine()) != null; ) {
      lineNo++;
      Head head = head(line, prefixes);
      if (head != null) {
        if (current != null) {
          messages.accept(current.message(source));
        }
        current = new Pending(lineNo, head);
        continue;
      }
      String cont = continuation(line);
      if (current != null && cont != null) {
        current.append(cont);
      } else if (line.isBlank()) {
        skips.passOver("blank lines");
      } else {
        skips.passOver("lines outside any log message");
      }
    }
    if (current != null) {
      messages.accept(current.message(source));
    }
    return false; // a message's continuation lines follow its first: a range that starts at one ends whole
  }

  /** The parsed start of a message line. */
  private record Head(String time, String user, String database, String pid, String severity, String text,
      String host, String application) {}

  private static final class Pending {
    final long line;
    final Head head;
    // Most messages are one line: its text is kept as read, and copied into a builder only when a second comes.
    private StringBuilder lines;

    Pending(long line, Head head) {
      this.line = line;
      this.head = head;
    }

    void append(String continuation) {
      if (lines == null) {
        lines = new StringBuilder(head.text().length() + continuation.length() + 16).append(head.text());
      }
      lines.append('\n').append(continuation);
    }

    PostgresMessages.Message message(String source) {
      return new PostgresMessages.Message(source, line, PostgresTimestamps.parse(head.time()), head.user(),
          head.database(), head.pid(), head.severity(), lines == null ? head.text() : lines.toString(), "",
          head.host(), head.application());
    }
  }

  /** Who wrote a message, as its prefix says after the time. */
  private record Who(String user, String database, String pid, String host, String application) {}

  /**
   * The prefixes of one read, after their time, with who each names: a log repeats a few hundred of them (one per
   * backend and user) millions of times, and reading each field by field was a seventh of the reading thread's
   * time on a 1 GB log. At most {@link #MOST}; a log with more starts over.
   */
  private static final class Prefixes {
    private static final int MOST = 4096;
    private final Map<String, Who> seen = new HashMap<>();

    Who of(String rest) {
      Who who = seen.get(rest);
      if (who == null) {
        if (seen.size() == MOST) {
          seen.clear();
        }
        who = who(rest);
        seen.put(rest, who);
      }
      return who;
    }
  }

  /** The message line's start, or null when it is no message's first line; {@code prefixes} may be null. */
  private Head head(String line, Prefixes prefixes) {
    if (prefix.isPresent()) {
      Optional<LogLinePrefix.Fields> f = prefix.get().match(line);
      if (f.isEmpty()) {
        return null;
      }
      int s = f.get().end();
      int colon = line.indexOf(": ", s);
      if (colon < 0 || !PostgresMessages.isSeverity(line.substring(s, colon).trim())) {
        return null;
      }
      int text = colon + 2 < line.length() && line.charAt(colon + 2) == ' ' ? colon + 3 : colon + 2;
      return new Head(f.get().time(), f.get().user(), f.get().database(), f.get().pid(),
          line.substring(s, colon).trim(), line.substring(Math.min(text, line.length())), f.get().host(),
          f.get().application());
    }
    int from = 0;
    while (true) {
      int colon = line.indexOf(": ", from);
      if (colon < 0) {
        return null;
      }
      int w = colon;
      while (w > 0 && Character.isLetterOrDigit(line.charAt(w - 1))) {
        w--;
      }
      String sev = line.substring(w, colon);
      char before = w == 0 ? ' ' : line.charAt(w - 1);
      if (PostgresMessages.isSeverity(sev) && (before == ' ' || before == ':' || before == ']' || before == '\t')) {
        // PostgreSQL writes two spaces after the severity; copies that went through other tools may have one.
        int text = colon + 2;
        if (text < line.length() && line.charAt(text) == ' ') {
          text++;
        }
        return fromPrefix(line.substring(0, w), sev, line.substring(text), prefixes);
      }
      from = colon + 1;
    }
  }

  private static Head fromPrefix(String p, String severity, String text, Prefixes prefixes) {
    int timeEnd = PostgresTimestamps.end(p, 0);
    String time = timeEnd > 0 ? p.substring(0, timeEnd) : "";
    String rest = timeEnd > 0 ? p.substring(timeEnd) : p;
    Who who = prefixes == null ? who(rest) : prefixes.of(rest);
    return new Head(time, who.user(), who.database(), who.pid(), severity, text, who.host(), who.application());
  }

  private static Who who(String rest) {
    String user = field(rest, "user=");
    String db = field(rest, "db=");
    if (db.isEmpty()) {
      db = field(rest, "database=");
    }
    if (user.isEmpty() && db.isEmpty()) {
      int at = rest.indexOf('@');
      if (at >= 0) {
        int u = at;
        while (u > 0 && !isDelimiter(rest.charAt(u - 1))) {
          u--;
        }
        int d = at + 1;
        while (d < rest.length() && !isDelimiter(rest.charAt(d))) {
          d++;
        }
        user = LogLinePrefix.clean(rest.substring(u, at));
        db = LogLinePrefix.clean(rest.substring(at + 1, d));
      }
    }
    // pgBadger's recommended prefix names them app= and client=; host= is a common variant.
    String client = field(rest, "client=");
    if (client.isEmpty()) {
      client = field(rest, "host=");
    }
    String app = field(rest, "app=");
    if (app.isEmpty()) {
      app = field(rest, "application=");
    }
    return new Who(user, db, pid(rest), LogLinePrefix.host(client), LogLinePrefix.clean(app));
  }

  private static boolean isDelimiter(char c) {
    return c == ' ' || c == ':' || c == '[' || c == ']' || c == ',' || c == '\t';
  }

  private static String field(String p, String key) {
    int i = p.indexOf(key);
    while (i > 0 && Character.isLetter(p.charAt(i - 1))) {
      i = p.indexOf(key, i + 1); // "user=" must not match inside "superuser="
    }
    if (i < 0) {
      return "";
    }
    int s = i + key.length();
    int e = s;
    while (e < p.length() && p.charAt(e) != ',' && p.charAt(e) != ' ') {
      e++;
    }
    return LogLinePrefix.clean(p.substring(s, e));
  }

  /** The backend's process id: {@code [1234]}, {@code [1234-5]}, {@code postgres[1234]} or {@code postgres.1234}. */
  private static String pid(String p) {
    for (int i = p.indexOf('['); i >= 0; i = p.indexOf('[', i + 1)) {
      int s = i + 1;
      if (p.startsWith("postgres.", s)) {
        s += 9;
      }
      int e = s;
      while (e < p.length() && Character.isDigit(p.charAt(e))) {
        e++;
      }
      if (e > s && e < p.length() && (p.charAt(e) == ']' || p.charAt(e) == '-')) {
        return p.substring(s, e);
      }
    }
    return "";
  }

  /**
   * The text a continuation line adds, or null for a line that continues nothing: stderr starts each further line
   * of a message with a tab (elog.c's append_with_tabs); syslog and logplex repeat the prefix with a
   * {@code [N-K]} counter (K > 1) and encode tabs as {@code #011}.
   */
  private static String continuation(String line) {
    if (line.startsWith("\t")) {
      return line.substring(1);
    }
    if (line.startsWith(" ") && !line.isBlank()) {
      return line; // an indented line of a statement copied without its tab
    }
    for (int i = line.indexOf('['); i >= 0 && i < 160; i = line.indexOf('[', i + 1)) {
      int close = line.indexOf(']', i);
      if (close < 0) {
        break;
      }
      String inner = line.substring(i + 1, close);
      int dash = inner.indexOf('-');
      if (dash > 0 && isNumber(inner.substring(0, dash)) && isNumber(inner.substring(dash + 1))
          && Long.parseLong(inner.substring(dash + 1)) > 1) {
        String rest = line.substring(close + 1).replace("#011", "\t");
        rest = rest.startsWith(" ") ? rest.substring(1) : rest;
        return rest.startsWith("\t") ? rest.substring(1) : rest;
      }
    }
    return null;
  }

  private static boolean isNumber(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (!Character.isDigit(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }
}
