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
    CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
        .setIgnoreSurroundingSpaces(false).setAllowMissingColumnNames(true).get();
    CSVParser opened;
    try {
      opened = CSVParser.builder().setReader(input).setFormat(format).get();
    } catch (org.apache.commons.csv.CSVException | IllegalArgumentException | IllegalStateException e) {
      // The header itself is broken (a stray quote, duplicate names): nothing after it can be placed.
      skips.skip("unreadable CSV header: " + e.getMessage(), 1);
      return;
    }
    try (CSVParser parser = opened) {
      Map<String, Integer> header = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      header.putAll(parser.getHeaderMap());
      Integer query = header.get("query");
      Integer calls = header.get("calls");
      Integer total = header.containsKey("total_exec_time") ? header.get("total_exec_time")
          : header.get("total_time");
      Integer rows = header.get("rows");
      if (query == null || calls == null) {
        skips.skip("header has no query and calls columns: not a pg_stat_statements export", 1);
        return;
      }
      long lastLine = 1;
      Iterator<CSVRecord> it = parser.iterator();
      while (true) {
        CSVRecord rec;
        try {
          if (!it.hasNext()) {
            break;
          }
          rec = it.next();
        } catch (UncheckedIOException | IllegalStateException | IllegalArgumentException e) {
          // The CSV is broken beyond this point (an unterminated quote): nothing after it can be trusted.
          skips.skip("malformed CSV, rest of file not read", lastLine + 1);
          break;
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
  }

  /** Whether a header line looks like a pg_stat_statements export. */
  static boolean looksLikeHeader(String firstLine) {
    String h = firstLine.toLowerCase(Locale.ROOT);
    return h.contains("query") && h.contains("calls")
        && (h.contains("total_exec_time") || h.contains("total_time") || h.contains("queryid"));
  }
}
