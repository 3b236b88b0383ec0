package dev.logdex.readers;

import dev.logdex.core.model.Dialect;
import dev.logdex.core.model.QueryEvent;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Reads MySQL, MariaDB and Percona Server slow query logs: entries of {@code # Time:}, {@code # User@Host:},
 * {@code # Query_time: ... Lock_time: ... Rows_sent: ... Rows_examined: ...} and further {@code #} lines, then
 * {@code use db;}, {@code SET timestamp=N;} and the statement. The server banner a restart writes in the middle of
 * the file is passed over; an entry cut short (no statement) is counted as skipped.
 *
 * <p>An entry is one event even when its text holds several statements (a multi-statement call, a trigger body):
 * the server timed it as one execution.
 */
public final class SlowLogReader implements LogReader {

  public static final String FORMAT = "mysql_slow";

  @Override
  public Optional<Dialect> dialect() {
    return Optional.of(Dialect.MYSQL);
  }

  @Override
  public String format() {
    return FORMAT;
  }

  @Override
  public void read(Reader input, String source, Consumer<QueryEvent> events, SkipAccount skips)
      throws IOException {
    scan(input, source, events, skips, "", null);
  }

  /**
   * What reading a text found besides its events.
   *
   * @param database the database the text's last {@code use} sets, for the ranges after it; empty when it has none
   * @param cutInsideEntry whether the text ended inside an entry (the line after it does not start one): then the
   *     file cannot be read in these ranges exactly, and must be read whole
   */
  private record RangeEnd(Optional<String> database, boolean cutInsideEntry) {}

  /**
   * Ranges of a large slow log: one starts at a header line after statement text; the carry is the database of
   * the last {@code use}, which an entry without one of its own takes.
   */
  @Override
  public Optional<RangeReading> ranges() {
    return Optional.of(new RangeReading() {
      @Override
      public boolean startsRange(String previous, String line) {
        return startsEntryAfter(previous, line);
      }

      @Override
      public Scan scan(Reader text, String name, String next, boolean first) throws IOException {
        RangeEnd end = SlowLogReader.this.scan(text, name, e -> { }, new SkipAccount(name), null, next);
        return new Scan(end.database().map(d -> "=" + d).orElse(""), end.cutInsideEntry());
      }

      @Override
      public String start() {
        return "";
      }

      @Override
      public String after(String carry, String effect) {
        return effect.isEmpty() ? carry : effect.substring(1);
      }

      @Override
      public void read(Reader text, String name, Consumer<QueryEvent> events, SkipAccount skips, String carry,
          String next) throws IOException {
        SlowLogReader.this.scan(text, name, events, skips, carry, next);
      }
    });
  }

  /**
   * Whether {@code line} starts an entry, whatever came before in the file, given the line before it: a header
   * line that opens an entry after a line of statement text (not a header, not blank). A reader may start at such
   * a line as at the start of the file; the place where a range of a large log is cut.
   */
  static boolean startsEntryAfter(String previous, String line) {
    return previous != null && !previous.isBlank() && !previous.startsWith("#") && !MysqlBanner.is(previous)
        && opensEntry(line);
  }

  /** Whether {@code line} is a header line an entry may start with. */
  private static boolean opensEntry(String line) {
    return line.startsWith("# Time:") || line.startsWith("# User@Host:") || line.startsWith("# Query_time:");
  }

  /**
   * Reads {@code input}, the database before it {@code initialDatabase}: null on a range's first pass, where it is
   * not known (and the events are not kept); {@code next} the line after the text, null at the end of the file.
   */
  private RangeEnd scan(Reader input, String source, Consumer<QueryEvent> events, SkipAccount skips,
      String initialDatabase, String next) throws IOException {
    BufferedReader in = input instanceof BufferedReader b ? b : new BufferedReader(input);
    Entry entry = null;
    String database = initialDatabase; // `use db;` carries over to later entries of the same log
    long lineNo = 0;
    for (String line; (line = in.readLine()) != null; ) {
      lineNo++;
      if (MysqlBanner.is(line)) {
        entry = flush(entry, source, events, skips);
        skips.passOver("server banner lines");
        continue;
      }
      if (line.startsWith("# ") || line.equals("#")) {
        if (entry == null || opensEntry(line) && (entry.hasText() || entry.seen(line))) {
          entry = flush(entry, source, events, skips);
          entry = new Entry(lineNo, database);
        }
        entry.header(line);
        continue;
      }
      if (entry == null) {
        if (line.isBlank()) {
          skips.passOver("blank lines");
        } else {
          skips.skip("statement text before the first entry header (the log starts mid-entry)", lineNo);
        }
        continue;
      }
      // Only a line starting with `use` or `SET` needs a second look; the rest is statement text, taken as it is.
      String t = mayBeUseOrSet(line) ? line.strip() : "";
      if (isUse(t)) {
        database = unquote(t.substring(4, t.length() - 1).strip());
      }
      // The server writes `use db;` and then `SET timestamp=N;` before the statement; a `use` after those is
      // the statement itself.
      if (!entry.hasText() && !entry.sawUse && !entry.sawTimestamp && isUse(t)) {
        entry.sawUse = true;
        entry.database = database;
      } else if (!entry.hasText() && !entry.sawTimestamp && serverTimestamp(t) >= 0) {
        entry.sawTimestamp = true;
        entry.time = Optional.of(Instant.ofEpochSecond(serverTimestamp(t)));
      } else {
        if (isUse(t)) {
          entry.database = database;
        }
        entry.addText(line);
      }
    }
    // The whole file's reading would go on with the entry when the next line does not start another one.
    boolean cut = next != null && entry != null && !MysqlBanner.is(next)
        && !(opensEntry(next) && (entry.hasText() || entry.seen(next)));
    flush(entry, source, events, skips);
    return new RangeEnd(Optional.ofNullable(database), cut);
  }

  private static boolean mayBeUseOrSet(String line) {
    int i = 0;
    while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
      i++;
    }
    if (i >= line.length()) {
      return false;
    }
    char c = (char) (line.charAt(i) | 0x20);
    return c == 'u' || c == 's';
  }

  private static boolean isUse(String t) {
    return t.length() > 5 && t.regionMatches(true, 0, "use ", 0, 4) && t.endsWith(";") && t.indexOf(' ', 4) < 0;
  }

  /**
   * The epoch seconds of the line the server writes before each statement, {@code SET timestamp=N;}, or with
   * replication's ids {@code SET last_insert_id=N,insert_id=N,timestamp=N;} (MySQL's log.cc); -1 for any other
   * line, such as an application's own {@code SET}.
   */
  static long serverTimestamp(String t) {
    if (!t.regionMatches(true, 0, "SET ", 0, 4) || !t.endsWith(";")) {
      return -1;
    }
    if (t.startsWith("timestamp=", 4)) { // the usual form, read without taking the line apart
      long ts = 0;
      int i = 14;
      for (; i < t.length() - 1 && i < 32; i++) {
        char c = t.charAt(i);
        if (c < '0' || c > '9') {
          break;
        }
        ts = ts * 10 + (c - '0');
      }
      if (i == t.length() - 1 && i > 14) {
        return ts;
      }
    }
    long ts = -1;
    for (String assignment : t.substring(4, t.length() - 1).split(",")) {
      int eq = assignment.indexOf('=');
      if (eq < 0) {
        return -1;
      }
      String name = assignment.substring(0, eq).strip().toLowerCase(Locale.ROOT);
      String value = assignment.substring(eq + 1).strip();
      if (!isDigits(value)) {
        return -1;
      }
      switch (name) {
        case "timestamp" -> ts = Long.parseLong(value);
        case "insert_id", "last_insert_id" -> { }
        default -> {
          return -1;
        }
      }
    }
    return ts;
  }

  private static boolean isDigits(String s) {
    if (s.isEmpty() || s.length() > 18) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (!Character.isDigit(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static String unquote(String s) {
    return s.length() >= 2 && s.startsWith("`") && s.endsWith("`") ? s.substring(1, s.length() - 1) : s;
  }

  private static Entry flush(Entry e, String source, Consumer<QueryEvent> events, SkipAccount skips) {
    if (e == null) {
      return null;
    }
    if (e.database == null) { // a range's first pass, before its first `use`: its events are not kept
      e.database = "";
    }
    if (!e.sawTime && !e.sawUser && !e.sawQueryTime) {
      skips.skip("entry before the first complete header (the log starts mid-entry)", e.line);
      return null;
    }
    if (!e.admin.isEmpty()) {
      emit(e, source, List.of("administrator command: " + e.admin), events, skips);
      return null;
    }
    String text = e.statement();
    if (text.isEmpty()) {
      skips.skip("entry with no statement (cut short)", e.line);
      return null;
    }
    // One entry is one execution with one Query_time, even when its text holds several statements (a trigger's
    // BEGIN ... END, a multi-statement call): it stays one event, as the server counted it.
    emit(e, source, List.of(text), events, skips);
    return null;
  }

  /** The text without surrounding blanks and trailing terminators (kept when it is nothing but {@code ;}). */
  static String statement(CharSequence text) {
    int start = Blanks.afterBlanks(text, 0, text.length());
    int end = Blanks.beforeBlanks(text, start, text.length());
    int trimmed = end;
    while (end > start && (text.charAt(end - 1) == ';' || Blanks.blank(text.charAt(end - 1)))) {
      end--;
    }
    return text.subSequence(start, end == start ? trimmed : end).toString();
  }

  private static void emit(Entry e, String source, List<String> statements, Consumer<QueryEvent> events,
      SkipAccount skips) {
    int n = statements.size();
    for (String sql : statements) {
      skips.event();
      events.accept(new QueryEvent(source, e.line, e.time, e.database, e.user, 1, e.millis / n,
          e.rowsSent < 0 ? -1 : e.rowsSent / n, e.rowsExamined < 0 ? -1 : e.rowsExamined / n, e.lockMillis / n,
          sql, e.host, ""));
    }
    if (e.badTime) {
      skips.passOver("entries with an unreadable Query_time (counted without time)");
    }
  }

  /**
   * The client of {@code root[root] @ app1.example [10.0.0.5]  Id: 5}: its host name, else its address
   * ({@code @  [10.0.0.5]} when the server does not resolve names); {@code ""} when neither is there.
   */
  static String hostOf(String userAtHost) {
    int at = userAtHost.indexOf(" @ ");
    if (at < 0) {
      return "";
    }
    String rest = userAtHost.substring(at + 3).strip();
    int id = rest.indexOf("Id:");
    if (id >= 0) {
      rest = rest.substring(0, id).strip();
    }
    int open = rest.indexOf('[');
    String name = (open >= 0 ? rest.substring(0, open) : rest).strip();
    if (!name.isEmpty()) {
      return Blanks.firstWord(name);
    }
    int close = rest.indexOf(']', open + 1);
    return open >= 0 && close > open ? rest.substring(open + 1, close).strip() : "";
  }

  /** One entry being read. */
  private static final class Entry {
    final long line;
    Optional<Instant> time = Optional.empty();
    String database;
    String user = "";
    String host = "";
    double millis;
    double lockMillis;
    long rowsSent = -1;
    long rowsExamined = -1;
    boolean badTime;
    boolean sawTime;
    boolean sawUser;
    boolean sawQueryTime;
    boolean sawUse;
    boolean sawTimestamp;
    String admin = "";
    // Most statements are one line: kept as read, and copied into a builder only when a second line comes.
    private String firstLine;
    private StringBuilder text;

    void addText(String line) {
      if (firstLine == null && text == null) {
        firstLine = line;
        return;
      }
      if (text == null) {
        text = new StringBuilder(firstLine.length() + line.length() + 16).append(firstLine).append('\n');
        firstLine = null;
      }
      text.append(line).append('\n');
    }

    String statement() {
      return text != null ? SlowLogReader.statement(text) : firstLine != null ? SlowLogReader.statement(firstLine)
          : "";
    }

    Entry(long line, String database) {
      this.line = line;
      this.database = database;
    }

    boolean hasText() {
      return firstLine != null || text != null || !admin.isEmpty();
    }

    /** Whether this header line repeats one the entry already has: then it starts the next entry. */
    boolean seen(String line) {
      return line.startsWith("# Time:") && (sawTime || sawUser || sawQueryTime)
          || line.startsWith("# User@Host:") && (sawUser || sawQueryTime)
          || line.startsWith("# Query_time:") && sawQueryTime;
    }

    /**
     * Reads a header line in place: offsets into it instead of stripped copies and substrings, as this runs for three
     * lines of every entry of a log of millions.
     */
    void header(String line) {
      int start = Blanks.afterBlanks(line, 1, line.length());
      int end = Blanks.beforeBlanks(line, start, line.length());
      // "# Time: ... # User@Host: ..." on one line, as some versions write it.
      int from = start;
      for (int cut = line.indexOf(" # ", from); cut >= 0 && cut + 3 <= end; cut = line.indexOf(" # ", from)) {
        headerPart(line, from, cut);
        from = cut + 3;
      }
      headerPart(line, from, end);
    }

    /** The part {@code line[from, to)}, blanks around it not counted. */
    private void headerPart(String line, int from, int to) {
      from = Blanks.afterBlanks(line, from, to);
      to = Blanks.beforeBlanks(line, from, to);
      if (starts(line, from, to, "Time:")) {
        sawTime = true;
        time = time.isPresent() ? time : MysqlTimestamps.parse(rest(line, from + 5, to));
      } else if (starts(line, from, to, "User@Host:")) {
        sawUser = true;
        String v = rest(line, from + 10, to);
        int bracket = v.indexOf('[');
        user = (bracket > 0 ? v.substring(0, bracket) : Blanks.firstWord(v)).strip();
        host = hostOf(v);
      } else if (starts(line, from, to, "administrator command:")) {
        admin = rest(line, from + 22, to);
        if (admin.endsWith(";")) {
          admin = admin.substring(0, admin.length() - 1);
        }
      } else {
        fields(line, from, to);
      }
    }

    /** The value {@code line[from, to)} after its leading blanks ({@code to} is past the part's last non-blank). */
    private static String rest(String line, int from, int to) {
      return line.substring(Blanks.afterBlanks(line, from, to), to);
    }

    private static boolean starts(String line, int from, int to, String prefix) {
      return to - from >= prefix.length() && line.startsWith(prefix, from);
    }

    /** Reads "Key: value" pairs in {@code h[from, to)}: Query_time, Lock_time, Rows_sent, Rows_examined, Schema. */
    private void fields(String h, int from, int to) {
      // One pass over the words, with no list of them: this runs for every entry of a log of millions.
      int n = to;
      int i = from;
      while (i < n) {
        while (i < n && Blanks.blank(h.charAt(i))) {
          i++;
        }
        int keyStart = i;
        while (i < n && !Blanks.blank(h.charAt(i))) {
          i++;
        }
        if (i == keyStart || h.charAt(i - 1) != ':') {
          continue;
        }
        int keyEnd = i - 1;
        int j = i;
        while (j < n && Blanks.blank(h.charAt(j))) {
          j++;
        }
        int valueStart = j;
        while (j < n && !Blanks.blank(h.charAt(j))) {
          j++;
        }
        // A value that is itself a "Key:" belongs to the next pair: this key has no value.
        boolean noValue = j == valueStart || h.charAt(j - 1) == ':';
        String key = knownKey(h, keyStart, keyEnd);
        if (key != null) {
          field(key, h, valueStart, noValue ? valueStart : j);
        }
      }
    }

    /**
     * The key at {@code h[start, end)} when it is one this reader uses, without making a string of it: picked by its
     * length and first letter, then compared once (a loop comparing each key was 3% of the reading thread).
     */
    private static String knownKey(String h, int start, int end) {
      String k = switch (end - start) {
        case 10 -> "Query_time";
        case 9 -> h.charAt(start) == 'L' ? "Lock_time" : "Rows_sent";
        case 13 -> "Rows_examined";
        case 6 -> "Schema";
        default -> null;
      };
      return k != null && h.startsWith(k, start) ? k : null;
    }

    /** The field {@code key} with the value {@code h[from, to)} (empty: none). */
    private void field(String key, String h, int from, int to) {
      switch (key) {
        case "Query_time" -> {
          sawQueryTime = true;
          double v = seconds(h, from, to);
          if (v < 0) {
            badTime = true;
          } else {
            millis = v * 1000;
          }
        }
        case "Lock_time" -> lockMillis = Math.max(0, seconds(h, from, to)) * 1000;
        case "Rows_sent" -> rowsSent = number(h, from, to);
        case "Rows_examined" -> rowsExamined = number(h, from, to);
        case "Schema" -> {
          if (to > from) {
            database = h.substring(from, to);
          }
        }
        default -> { }
      }
    }

    private static double seconds(String h, int from, int to) {
      // The server writes seconds with up to six decimals; read them as whole nanoseconds, exactly.
      long whole = 0;
      long fraction = 0;
      int i = from;
      while (i < to && i - from < 12 && h.charAt(i) >= '0' && h.charAt(i) <= '9') {
        whole = whole * 10 + (h.charAt(i++) - '0');
      }
      if (i > from && i < to && h.charAt(i) == '.' && to - i - 1 <= 9 && to - i - 1 > 0) {
        for (int k = i + 1; k < to; k++) {
          char c = h.charAt(k);
          if (c < '0' || c > '9') {
            return secondsSlowly(h.substring(from, to));
          }
          fraction = fraction * 10 + (c - '0');
        }
        // Scaled to nanoseconds once, not with a division per digit.
        fraction *= NANOS_SCALE[9 - (to - i - 1)];
        return whole < 1_000_000_000 ? (whole * 1_000_000_000 + fraction) / 1e9 : -1;
      }
      return secondsSlowly(h.substring(from, to));
    }

    /** What {@code n} decimals of a second are multiplied by to be nanoseconds, by 9 - n. */
    private static final long[] NANOS_SCALE = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000,
        100_000_000};

    private static double secondsSlowly(String v) {
      try {
        double d = Double.parseDouble(v);
        // Overflowed timers (18446744073709.x, a negative 64-bit count) are not times.
        return d >= 0 && d < 1e9 ? d : -1;
      } catch (NumberFormatException e) {
        return -1;
      }
    }

    private static long number(String h, int from, int to) {
      try {
        return Long.parseLong(h, from, to, 10);
      } catch (NumberFormatException e) {
        return -1;
      }
    }

  }

  /** Whether the first lines look like a slow log. */
  static boolean looksLike(String line) {
    String l = line.toLowerCase(Locale.ROOT);
    return l.startsWith("# time:") || l.startsWith("# user@host:") || l.startsWith("# query_time:");
  }
}
