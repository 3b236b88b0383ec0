package dev.logdex.readers;

import dev.logdex.core.model.Dialect;
import dev.logdex.core.model.QueryEvent;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a {@code pg_stat_statements} export written by
 * {@code \copy (SELECT * FROM pg_stat_statements) TO 'x.csv' CSV HEADER}.
 *
 * <p>Columns are found by name, so extra columns and any column order work; both the PostgreSQL 13+ names
 * ({@code total_exec_time}) and the 12-and-earlier ones ({@code total_time}) are read. Each row is one event
 * standing for {@code calls} executions.
 */
public final class PgStatStatementsReader implements LogReader {

  public static final String FORMAT = "pg_stat_statements";

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
    rows(input, source, events, skips, null, true);
  }

  /** How reading rows ended. */
  private enum End {
    /** At the end of the text. */
    DONE,
    /** At a row the CSV cannot be read past: the rest of the file is not read. */
    STOPPED,
    /** Inside a quoted field at the end of a range: a row goes on past it. */
    CUT,
    /** At the header: nothing can be placed. */
    NO_HEADER
  }

  /**
   * Ranges of a large export: one may start at any line, and one that ends inside a quoted field (a query's text
   * spans lines) says so, so the file is read whole. The carry is the header's column names, from the first
   * range, and whether a broken row stopped the reading.
   */
  @Override
  public Optional<RangeReading> ranges() {
    return Optional.of(new RangeReading() {
      @Override
      public boolean startsRange(String previous, String line) {
        return true;
      }

      @Override
      public Scan scan(Reader text, String name, String next, boolean first) throws IOException {
        java.util.List<String> header = new java.util.ArrayList<>();
        End end = rows(text, name, e -> { }, new SkipAccount(name), first ? header : java.util.List.of("query", "calls"),
            next == null);
        var o = CarryJson.JSON.createObjectNode();
        if (first) {
          header.forEach(o.putArray("header")::add);
        }
        o.put("stopped", end == End.STOPPED || end == End.NO_HEADER);
        return new Scan(o.toString(), end == End.CUT);
      }

      @Override
      public String start() {
        return "{\"stopped\":false}";
      }

      @Override
      public String after(String carry, String effect) {
        return CarryJson.after(carry, effect, (c, e) -> {
          if (e.has("header")) {
            c.set("header", e.get("header"));
          }
          c.put("stopped", c.path("stopped").asBoolean() || e.path("stopped").asBoolean());
        });
      }

      @Override
      public void read(Reader text, String name, Consumer<QueryEvent> events, SkipAccount skips, String carry,
          String next) throws IOException {
        var c = CarryJson.read(carry);
        if (c.path("stopped").asBoolean()) {
          return; // a broken row before this range stopped the reading of the file
        }
        java.util.List<String> header = null; // the first range reads the header itself
        if (c.has("header")) {
          header = new java.util.ArrayList<>();
          for (var n : c.get("header")) {
            header.add(n.asText());
          }
        }
        rows(text, name, events, skips, header, next == null);
      }
    });
  }

  /**
   * Reads the rows of {@code input}.
   *
   * @param names the header's column names when the text has no header line (a range after the first); null, or
   *     a list to put them in, when its first line is the header
   * @param fileEnd whether the text ends where the file does (else a quoted field open at its end is a cut)
   */
  private static End rows(Reader input, String source, Consumer<QueryEvent> events, SkipAccount skips,
      java.util.List<String> names, boolean fileEnd) throws IOException {
    boolean headerLine = names == null || names.isEmpty();
    CSVFormat.Builder builder = CSVFormat.DEFAULT.builder().setIgnoreSurroundingSpaces(false)
        .setAllowMissingColumnNames(true);
    CSVFormat format = headerLine ? builder.setHeader().setSkipHeaderRecord(true).get()
        : builder.setHeader(names.toArray(String[]::new)).setSkipHeaderRecord(false).get();
    CSVParser opened;
    try {
      opened = CSVParser.builder().setReader(input).setFormat(format).get();
    } catch (org.apache.commons.csv.CSVException | IllegalArgumentException | IllegalStateException e) {
      // The header itself is broken (a stray quote, duplicate names): nothing after it can be placed.
      skips.skip("unreadable CSV header: " + e.getMessage(), 1);
      return End.NO_HEADER;
    }
    try (CSVParser parser = opened) {
      Map<String, Integer> header = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      header.putAll(parser.getHeaderMap());
      if (headerLine && names != null) {
        names.addAll(parser.getHeaderNames());
      }
      Integer query = header.get("query");
      Integer calls = header.get("calls");
      Integer total = header.containsKey("total_exec_time") ? header.get("total_exec_time")
          : header.get("total_time");
      Integer rows = header.get("rows");
      if (query == null || calls == null) {
        skips.skip("header has no query and calls columns: not a pg_stat_statements export", 1);
        return End.NO_HEADER;
      }
      long lastLine = headerLine ? 1 : 0;
      Iterator<CSVRecord> it = parser.iterator();
      while (true) {
        CSVRecord rec;
        try {
          if (!it.hasNext()) {
            break;
          }
          rec = it.next();
        } catch (UncheckedIOException | IllegalStateException | IllegalArgumentException e) {
          if (!fileEnd && String.valueOf(e.getMessage()).contains("EOF reached before encapsulated token finished")) {
            return End.CUT; // a query's text goes on past the range's end: the row is the next range's too
          }
          // The CSV is broken beyond this point (an unterminated quote): nothing after it can be trusted.
          skips.skip("malformed CSV, rest of file not read", lastLine + 1);
          return End.STOPPED;
        }
        long line = lastLine + 1;
        lastLine = parser.getCurrentLineNumber();
        if (!rec.isSet(query) || !rec.isSet(calls)) {
          skips.skip("row has fewer columns than the header", line);
          continue;
        }
        String text = rec.get(query);
        if (text.isBlank()) {
          skips.skip("empty query text", line);
          continue;
        }
        if (text.equals("<insufficient privilege>")) {
          skips.skip("<insufficient privilege> (the exporting role cannot see this query)", line);
          continue;
        }
        long n;
        double ms;
        long r;
        try {
          n = Long.parseLong(rec.get(calls).trim());
          ms = total != null && rec.isSet(total) && !rec.get(total).isBlank()
              ? Double.parseDouble(rec.get(total).trim()) : 0;
          r = rows != null && rec.isSet(rows) && !rec.get(rows).isBlank() ? Long.parseLong(rec.get(rows).trim())
              : -1;
        } catch (NumberFormatException e) {
          skips.skip("a number column holds no number", line);
          continue;
        }
        if (n < 1) {
          skips.skip("calls is zero", line);
          continue;
        }
        if (!(ms >= 0) || Double.isInfinite(ms)) {
          skips.skip("negative or invalid total time", line);
          continue;
        }
        String db = header.containsKey("datname") && rec.isSet(header.get("datname"))
            ? rec.get(header.get("datname")) : "";
        skips.event();
        events.accept(new QueryEvent(source, line, db, "", n, ms, r, text));
      }
    }
    return End.DONE;
  }

  /** Whether a header line looks like a pg_stat_statements export. */
  static boolean looksLikeHeader(String firstLine) {
    String h = firstLine.toLowerCase(Locale.ROOT);
    return h.contains("query") && h.contains("calls")
        && (h.contains("total_exec_time") || h.contains("total_time") || h.contains("queryid"));
  }
}
