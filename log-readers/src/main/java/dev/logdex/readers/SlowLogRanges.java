package dev.logdex.readers;

import dev.logdex.core.model.InputSummary;
import dev.logdex.core.model.QueryEvent;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * A large plain slow log read in byte ranges (by the tasks of a distributed job), with the same events and the
 * same account of skips as reading it whole:
 *
 * <ul>
 *   <li>A range starts at the first entry after its first byte ({@link #boundary}) and ends where the next range
 *       starts, so that no entry is read twice or lost at a cut.
 *   <li>An entry with no {@code use} of its own takes the database of the last {@code use} before it, which may be
 *       in an earlier range: such events wait ({@link Part#needDatabase}) until the ranges before have said theirs
 *       ({@link #resolve}).
 *   <li>Line numbers of skips are counted from the range's start and moved to the file's by the lines of the ranges
 *       before ({@link #summary}).
 *   <li>A range that ends inside an entry (a log too odd for the cut rule) says so: the file is then read whole.
 * </ul>
 */
public final class SlowLogRanges {
  private SlowLogRanges() {}

  /** The longest line the cut rule looks at; a range whose cut would need a longer one starts no entry there. */
  private static final int MAX_LINE = 1 << 20;

  /**
   * Where, from {@code offset} on, the first entry starts (see {@link SlowLogReader#startsEntryAfter}), as a count
   * of bytes after {@code offset}; -1 when none does before the end. {@code in} reads the file from {@code offset}.
   * Offset 0 is the start of the first entry.
   */
  public static long boundary(InputStream in, long offset) throws IOException {
    if (offset == 0) {
      return 0;
    }
    BufferedInputStream b = new BufferedInputStream(in, 1 << 16);
    long pos = 0;
    // The line holding the offset may be cut, so it says nothing; the first whole line after it is the previous
    // line of the first that may start an entry.
    Line cut = Line.read(b);
    Line line = cut == null ? null : Line.read(b);
    if (line == null) {
      return -1;
    }
    pos += cut.bytes() + line.bytes();
    String previous = line.text();
    while (true) {
      Line next = Line.read(b);
      if (next == null) {
        return -1;
      }
      if (SlowLogReader.startsEntryAfter(previous, next.text())) {
        return pos;
      }
      pos += next.bytes();
      previous = next.text();
    }
  }

  /** The first line {@code in} reads (the one after a range, for {@link Part}), or null at the end. */
  public static String firstLine(InputStream in) throws IOException {
    Line l = Line.read(new BufferedInputStream(in, 1 << 12));
    return l == null ? null : l.text();
  }

  /**
   * What one range gave besides the events it handed on.
   *
   * @param needDatabase events of entries before the range's first {@code use}, each waiting for its database
   * @param database the database the range's last {@code use} sets
   * @param cutInsideEntry whether the range ends inside an entry: the file must then be read whole
   * @param lines the lines of the range
   * @param summary the range's account of its events and skips, its lines counted from its start
   */
  public record Part(List<QueryEvent> needDatabase, Optional<String> database, boolean cutInsideEntry, long lines,
      InputSummary summary) {}

  /**
   * Reads one range: {@code text} is its text; {@code next} the line after it (null at the end of the file).
   * Events with their database go to {@code events}, logdex's own statements are counted and left out as in the
   * command, the others wait in the part.
   */
  public static Part read(Reader text, String name, String next, Consumer<QueryEvent> events) throws IOException {
    return read(text, name, next, null, events);
  }

  /**
   * The same, for a range whose database before it is known ({@code database}; null when it is not): with it
   * known, every event goes to {@code events} and none waits. A distributed job reads each range twice: first to
   * learn the database each leaves to the next (and where its lines are), then with the database before it.
   */
  public static Part read(Reader text, String name, String next, String database, Consumer<QueryEvent> events)
      throws IOException {
    SkipAccount skips = new SkipAccount(name);
    List<QueryEvent> waiting = new ArrayList<>();
    // Lines as the reader counts them (BufferedReader.readLine: \n, \r or \r\n ends one), for the skips' places.
    long[] lines = {0};
    boolean[] afterCr = {false};
    Reader counted = new java.io.FilterReader(text) {
      @Override
      public int read(char[] buf, int off, int len) throws IOException {
        int n = super.read(buf, off, len);
        for (int i = off; i < off + Math.max(n, 0); i++) {
          char c = buf[i];
          if (c == '\r' || c == '\n' && !afterCr[0]) {
            lines[0]++;
          }
          afterCr[0] = c == '\r';
        }
        return n;
      }
    };
    Consumer<QueryEvent> handOn = e -> {
      if (!own(e, skips)) {
        events.accept(e);
      }
    };
    SlowLogReader.RangeEnd end = database != null
        ? new SlowLogReader().readRange(counted, name, handOn, skips, next, database)
        : new SlowLogReader().readRange(counted, name, handOn, e -> {
          if (!own(e, skips)) {
            waiting.add(e);
          }
        }, skips, next);
    return new Part(waiting, end.database(), end.cutInsideEntry(), lines[0], skips.summary(SlowLogReader.FORMAT));
  }

  private static boolean own(QueryEvent e, SkipAccount skips) {
    if (dev.logdex.core.lex.OwnStatements.isOwn(e.text())) {
      skips.ownStatement();
      return true;
    }
    return false;
  }

  /**
   * The waiting events of {@code parts} (a file's ranges, in order) with their databases: each the database of the
   * last {@code use} in the ranges before its own, or {@code ""} when there is none, as reading the file whole
   * gives them.
   */
  public static List<QueryEvent> resolve(List<Part> parts) {
    List<QueryEvent> out = new ArrayList<>();
    String database = "";
    for (Part p : parts) {
      for (QueryEvent e : p.needDatabase()) {
        out.add(new QueryEvent(e.source(), e.line(), e.time(), database, e.user(), e.calls(), e.totalMillis(),
            e.rows(), e.rowsExamined(), e.lockMillis(), e.text(), e.host(), e.application()));
      }
      database = p.database().orElse(database);
    }
    return out;
  }

  /** {@code s} with each first skip's line moved down by {@code lines} (the lines of the ranges before). */
  public static InputSummary shifted(InputSummary s, long lines) {
    Map<String, String> first = new TreeMap<>();
    s.firstSkipAt().forEach((reason, at) -> first.put(reason, moved(at, lines)));
    return new InputSummary(s.path(), s.format(), s.events(), s.skipped(), first, s.passedOver());
  }

  private static String moved(String at, long lines) {
    int colon = at.lastIndexOf(':');
    return at.substring(0, colon + 1) + (Long.parseLong(at.substring(colon + 1)) + lines);
  }

  /** The file's account, from its ranges' in order: counts added up, each first skip at its line in the file. */
  public static InputSummary summary(String name, List<Part> parts) {
    long events = 0;
    Map<String, Long> skipped = new TreeMap<>();
    Map<String, String> first = new TreeMap<>();
    Map<String, Long> passedOver = new TreeMap<>();
    long before = 0; // lines of the ranges before
    for (Part p : parts) {
      InputSummary s = p.summary();
      events += s.events();
      s.skipped().forEach((k, v) -> skipped.merge(k, v, Long::sum));
      s.passedOver().forEach((k, v) -> passedOver.merge(k, v, Long::sum));
      for (Map.Entry<String, String> f : s.firstSkipAt().entrySet()) {
        String at = f.getValue();
        long line = Long.parseLong(at.substring(at.lastIndexOf(':') + 1));
        first.putIfAbsent(f.getKey(), name + ":" + (line + before));
      }
      before += p.lines();
    }
    return new InputSummary(name, SlowLogReader.FORMAT, events, skipped, first, passedOver);
  }

  /** One line of bytes, decoded (an odd byte as U+FFFD: the cut rule looks at ASCII prefixes only). */
  private record Line(String text, long bytes) {
    static Line read(InputStream in) throws IOException {
      ByteArrayOutputStream buf = new ByteArrayOutputStream(256);
      long n = 0;
      int c;
      while ((c = in.read()) >= 0) {
        n++;
        if (c == '\n') {
          break;
        }
        if (buf.size() < MAX_LINE) {
          buf.write(c);
        }
      }
      if (n == 0) {
        return null;
      }
      String text = buf.toString(StandardCharsets.UTF_8);
      if (text.endsWith("\r")) {
        text = text.substring(0, text.length() - 1);
      }
      return new Line(text, n);
    }
  }
}
