package dev.logdex.readers;

import dev.logdex.core.model.Dialect;
import dev.logdex.core.model.QueryEvent;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Reads MySQL and MariaDB general query logs: lines of {@code [time] id Command argument}, in the 5.x layout
 * ({@code 051007 21:55:24}, the time written only when it changes) and the 5.7+/8.x one ({@code 2016-06-07T19:07:02.558338Z}).
 * {@code Query} and {@code Execute} lines are calls (a {@code Prepare} is not: its {@code Execute} is); the
 * database is tracked per connection from {@code Connect}, {@code Init DB} and {@code use}. Lines that do not
 * start an entry continue the statement before them. The log has no timings.
 */
public final class GeneralLogReader implements LogReader {

  public static final String FORMAT = "mysql_general";

  /** Commands mysqld writes, longest first so that "Binlog Dump GTID" wins over "Binlog Dump". */
  static final List<String> COMMANDS = List.of("Binlog Dump GTID", "Reset connection", "Register Slave",
      "Delayed insert", "Binlog Dump", "Change user", "Connect Out", "Close stmt", "Reset stmt", "Table Dump",
      "Field List", "Processlist", "Set option", "Statistics", "Long Data", "Create DB", "Shutdown", "Init DB",
      "Drop DB", "Connect", "Execute", "Prepare", "Refresh", "Daemon", "Fetch", "Query", "Sleep", "Debug", "Error",
      "Kill", "Ping", "Quit", "Time");

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
    scan(input, source, events, skips, new HashMap<>(), Optional.empty(), null);
  }

  /**
   * Ranges of a large general log: one starts at any entry line (they are told apart line by line); the carry is
   * each connection's database and the last time written (5.x writes it only when it changes).
   */
  @Override
  public Optional<RangeReading> ranges() {
    return Optional.of(new RangeReading() {
      @Override
      public boolean startsRange(String previous, String line) {
        return parse(line) != null;
      }

      @Override
      public Scan scan(Reader text, String name, String next, boolean first) throws IOException {
        Map<Long, String> set = new HashMap<>();
        java.util.Set<Long> removed = new java.util.TreeSet<>();
        Optional<Instant> time = GeneralLogReader.this.scan(text, name, e -> { }, new SkipAccount(name), set,
            Optional.empty(), removed);
        var o = CarryJson.JSON.createObjectNode();
        time.ifPresent(t -> o.put("time", t.toString()));
        var s = o.putObject("set");
        new java.util.TreeMap<>(set).forEach((id, db) -> s.put(Long.toString(id), db));
        var r = o.putArray("removed");
        removed.forEach(r::add);
        return new Scan(o.toString(), false);
      }

      @Override
      public String start() {
        return "{\"databases\":{}}";
      }

      @Override
      public String after(String carry, String effect) {
        return CarryJson.after(carry, effect, (c, e) -> {
          var dbs = (com.fasterxml.jackson.databind.node.ObjectNode) c.get("databases");
          e.get("removed").forEach(id -> dbs.remove(id.asText()));
          e.get("set").fields().forEachRemaining(f -> dbs.put(f.getKey(), f.getValue().asText()));
          if (e.has("time")) {
            c.put("time", e.get("time").asText());
          }
        });
      }

      @Override
      public void read(Reader text, String name, Consumer<QueryEvent> events, SkipAccount skips, String carry,
          String next) throws IOException {
        var c = CarryJson.read(carry);
        Map<Long, String> databases = new HashMap<>();
        c.get("databases").fields().forEachRemaining(f -> databases.put(Long.parseLong(f.getKey()),
            f.getValue().asText()));
        Optional<Instant> time = c.has("time") ? Optional.of(Instant.parse(c.get("time").asText()))
            : Optional.empty();
        GeneralLogReader.this.scan(text, name, events, skips, databases, time, null);
      }
    });
  }

  /**
   * Reads {@code input} with the connections' databases and the time before it; {@code removed}, when not null,
   * collects the connections that quit (a range's first pass). Returns the last time written.
   */
  private Optional<Instant> scan(Reader input, String source, Consumer<QueryEvent> events, SkipAccount skips,
      Map<Long, String> databases, Optional<Instant> initialTime, java.util.Set<Long> removed) throws IOException {
    BufferedReader in = input instanceof BufferedReader b ? b : new BufferedReader(input);
    Optional<Instant> time = initialTime;
    Optional<Instant> lastWritten = Optional.empty();
    Pending pending = null;
    long lineNo = 0;
    for (String line; (line = in.readLine()) != null; ) {
      lineNo++;
      if (MysqlBanner.is(line)) {
        pending = flush(pending, source, events, skips, databases);
        skips.passOver("server banner lines");
        continue;
      }
      Line parsed = parse(line);
      if (parsed == null) {
        if (pending != null) {
          pending.text.append('\n').append(line);
        } else if (line.isBlank()) {
          skips.passOver("blank lines");
        } else {
          skips.skip("line outside any entry", lineNo);
        }
        continue;
      }
      pending = flush(pending, source, events, skips, databases);
      if (parsed.time().isPresent()) {
        time = parsed.time();
        lastWritten = time;
      }
      String arg = parsed.argument();
      switch (parsed.command()) {
        case "Query", "Execute" -> pending = new Pending(lineNo, time, parsed.id(), arg);
        case "Connect", "Change user" -> {
          if (removed != null) {
            removed.remove(parsed.id());
          }
          // "user@host on db using TCP/IP"; a refused login writes "Access denied for user ..." instead.
          int on = arg.indexOf(" on ");
          if (on >= 0) {
            String rest = arg.substring(on + 4).strip();
            int sp = rest.indexOf(' ');
            String db = sp < 0 ? rest : rest.substring(0, sp);
            if (db.equals("using")) {
              db = "";
            }
            databases.put(parsed.id(), db);
          }
          skips.passOver("Connect lines");
        }
        case "Init DB" -> {
          databases.put(parsed.id(), arg.strip());
          skips.passOver("Init DB lines");
        }
        case "Quit" -> {
          databases.remove(parsed.id());
          if (removed != null) {
            removed.add(parsed.id());
          }
          skips.passOver("Quit lines");
        }
        default -> skips.passOver(parsed.command() + " lines");
      }
    }
    flush(pending, source, events, skips, databases);
    return lastWritten;
  }

  private record Line(Optional<Instant> time, long id, String command, String argument) {}

  private static final class Pending {
    final long line;
    final Optional<Instant> time;
    final long id;
    final StringBuilder text;

    Pending(long line, Optional<Instant> time, long id, String first) {
      this.line = line;
      this.time = time;
      this.id = id;
      this.text = new StringBuilder(first);
    }
  }

  private static Pending flush(Pending p, String source, Consumer<QueryEvent> events, SkipAccount skips,
      Map<Long, String> databases) {
    if (p == null) {
      return null;
    }
    String sql = p.text.toString().strip();
    if (sql.isEmpty()) {
      skips.skip("Query line with no statement", p.line);
      return null;
    }
    if (sql.regionMatches(true, 0, "use ", 0, 4) && sql.indexOf(' ', 4) < 0) {
      String db = sql.substring(4).strip();
      db = db.endsWith(";") ? db.substring(0, db.length() - 1) : db;
      databases.put(p.id, db.replace("`", ""));
    }
    skips.event();
    events.accept(new QueryEvent(source, p.line, p.time, databases.getOrDefault(p.id, ""), "", 1, 0, -1, -1, 0,
        sql));
    return null;
  }

  /** Parses an entry line, or returns null when the line continues the previous entry. */
  static Line parse(String line) {
    int n = line.length();
    int i = 0;
    Optional<Instant> time = Optional.empty();
    if (i < n && Character.isDigit(line.charAt(i))) {
      int end = timestampEnd(line);
      if (end < 0) {
        return null;
      }
      time = MysqlTimestamps.parse(line.substring(0, end));
      i = end;
    }
    int ws = i;
    while (i < n && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
      i++;
    }
    if (i == ws && i > 0 || i == 0 && time.isEmpty()) {
      return null; // entries without a time start with white space; text at column 0 is a continuation
    }
    int idStart = i;
    while (i < n && Character.isDigit(line.charAt(i))) {
      i++;
    }
    if (i == idStart || i >= n || line.charAt(i) != ' ' && line.charAt(i) != '\t') {
      return null;
    }
    long id = Long.parseLong(line.substring(idStart, i));
    while (i < n && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
      i++;
    }
    for (String c : COMMANDS) {
      if (line.startsWith(c, i)) {
        int after = i + c.length();
        if (after == n || line.charAt(after) == '\t' || line.charAt(after) == ' ') {
          String arg = after >= n ? "" : line.substring(after + 1);
          // 5.x pads the command column with spaces; 8.x separates with one tab.
          if (line.charAt(Math.min(after, n - 1)) == ' ') {
            arg = arg.stripLeading();
          }
          return new Line(time, id, c, arg);
        }
      }
    }
    return null;
  }

  /** End of a leading {@code yyMMdd H:mm:ss} or ISO timestamp, or -1. */
  private static int timestampEnd(String line) {
    if (line.length() >= 20 && line.charAt(4) == '-' && line.charAt(10) == 'T') {
      int k = 19;
      while (k < line.length() && line.charAt(k) != ' ' && line.charAt(k) != '\t') {
        k++;
      }
      return k;
    }
    if (line.length() >= 14 && isDigits(line, 0, 6) && line.charAt(6) == ' ') {
      int k = 7;
      while (k < line.length() && line.charAt(k) == ' ') {
        k++;
      }
      int start = k;
      while (k < line.length() && (Character.isDigit(line.charAt(k)) || line.charAt(k) == ':')) {
        k++;
      }
      return k - start >= 7 ? k : -1;
    }
    return -1;
  }

  private static boolean isDigits(String s, int from, int len) {
    for (int k = from; k < from + len; k++) {
      if (!Character.isDigit(s.charAt(k))) {
        return false;
      }
    }
    return true;
  }
}
