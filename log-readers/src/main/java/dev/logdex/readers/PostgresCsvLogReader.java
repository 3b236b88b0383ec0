package dev.logdex.readers;

import dev.logdex.core.model.Dialect;
import dev.logdex.core.model.QueryEvent;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads PostgreSQL's csvlog. Its columns are fixed (log_time, user_name, database_name, process_id, ...,
 * error_severity at 12th, message at 14th), with columns added at the end by newer versions.
 */
public final class PostgresCsvLogReader implements LogReader {

  public static final String FORMAT = "postgres_csv";

  static final int LOG_TIME = 0;
  static final int USER = 1;
  static final int DATABASE = 2;
  static final int PID = 3;
  static final int SEVERITY = 11;
  static final int MESSAGE = 13;
  static final int DETAIL = 14;

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
    try (CSVParser parser = CSVParser.builder().setReader(input).setFormat(CSVFormat.DEFAULT).get()) {
      Iterator<CSVRecord> it = parser.iterator();
      long lastLine = 0;
      while (true) {
        CSVRecord r;
        try {
          if (!it.hasNext()) {
            break;
          }
          r = it.next();
        } catch (UncheckedIOException | IllegalStateException | IllegalArgumentException e) {
          skips.skip("malformed CSV, rest of file not read", lastLine + 1);
          break;
        }
        long line = lastLine + 1;
        lastLine = parser.getCurrentLineNumber();
        if (r.size() <= MESSAGE) {
          skips.skip("csvlog row with fewer than 14 columns", line);
          continue;
        }
        messages.accept(new PostgresMessages.Message(source, line, PostgresTimestamps.parse(r.get(LOG_TIME)),
            r.get(USER), r.get(DATABASE), r.get(PID), r.get(SEVERITY), r.get(MESSAGE),
            r.size() > DETAIL ? r.get(DETAIL) : ""));
      }
    }
    messages.finish();
  }

  /**
   * Whether a line looks like the start of a csvlog row: a timestamp first and a severity in the 12th field. Only
   * the fields before the message are split, so a message that spans lines does not hide the format.
   */
  static boolean looksLike(String line) {
    if (PostgresTimestamps.end(line, line.startsWith("\"") ? 1 : 0) < 0) {
      return false;
    }
    int field = 0;
    int start = 0;
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (c == ',' && !quoted) {
        if (field == SEVERITY) {
          return PostgresMessages.isSeverity(line.substring(start, i).replace("\"", ""));
        }
        field++;
        start = i + 1;
      }
    }
    return false;
  }
}
