package dev.logdex.readers;

import dev.logdex.core.model.Dialect;
import dev.logdex.core.model.QueryEvent;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import java.util.function.Consumer;

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
  static final int CONNECTION_FROM = 4;
  static final int APPLICATION = 22;

  @Override
  public Optional<Dialect> dialect() {
    return Optional.of(Dialect.POSTGRESQL);
  }

  @Override
  public String format() {
    return FORMAT;
  }

  /**
   * A record still open (an odd number of quotes) this long, with a line that starts a record inside it, is taken
   * for damaged there: reading goes on from that line instead of holding the rest of the file.
   */
  static final int MAX_OPEN_RECORD_CHARS = 8 << 20;

  /**
   * Reads records line by line: a record starts at a line that looks like a csvlog row and ends where its quotes
   * balance. A record whose quote never closes (a cut file, a damaged line) is one skip, and reading resumes at the
   * first line inside it that starts a record, so that one broken quote costs one record, not the rest of the file.
   */
  @Override
  public void read(Reader input, String source, Consumer<QueryEvent> events, SkipAccount skips)
      throws IOException {
    PostgresMessages messages = new PostgresMessages(events, skips);
    feed(input, source, messages, skips, true);
    messages.finish();
  }

  /**
   * Ranges of a large csvlog: one may start at a line that looks like a row; a range whose text ends inside a
   * quoted field (the line after it was inside a record after all) says so, and the file is read whole.
   */
  @Override
  public Optional<RangeReading> ranges() {
    return Optional.of(new PostgresRanges((previous, line) -> looksLike(line), PostgresCsvLogReader::feed));
  }

  /**
   * Hands each record of {@code input} to {@code messages}; returns whether the text ended inside a record when it
   * is not the end of the file ({@code fileEnd} false): a range cut where no record starts.
   */
  private static boolean feed(Reader input, String source, PostgresMessages messages, SkipAccount skips,
      boolean fileEnd) throws IOException {
    java.io.BufferedReader lines = input instanceof java.io.BufferedReader b ? b : new java.io.BufferedReader(input);
    java.util.ArrayDeque<Line> replay = new java.util.ArrayDeque<>();
    List<Line> open = new ArrayList<>(); // the lines of the record being read
    int restart = -1; // index in open of the first later line that starts a record
    long chars = 0;
    boolean oddQuotes = false;
    long lineNo = 0;
    while (true) {
      Line line;
      if (!replay.isEmpty()) {
        line = replay.pollFirst();
      } else {
        String text = lines.readLine();
        if (text == null) {
          if (open.isEmpty()) {
            break;
          }
          if (!fileEnd) {
            return true; // the whole file's reading would go on with this record past the range
          }
          // The file ended inside a quoted field: that record is lost; what follows its first line is read again.
          skips.skip("csvlog record with an unterminated quoted field", open.get(0).number());
          if (restart > 0) {
            replay.addAll(open.subList(restart, open.size()));
          }
          open.clear();
          restart = -1;
          chars = 0;
          oddQuotes = false;
          continue;
        }
        line = new Line(++lineNo, text);
      }
      if (open.isEmpty()) {
        if (!looksLike(line.text())) {
          skips.skip("line outside a csvlog record", line.number());
          continue;
        }
      } else if (restart < 0 && looksLike(line.text())) {
        restart = open.size();
      }
      open.add(line);
      chars += line.text().length() + 1;
      oddQuotes ^= (quotes(line.text()) & 1) == 1;
      if (!oddQuotes) {
        record(open, source, messages, skips);
        open.clear();
        restart = -1;
        chars = 0;
      } else if (chars > MAX_OPEN_RECORD_CHARS && restart > 0) {
        skips.skip("csvlog record with an unterminated quoted field", open.get(0).number());
        List<Line> again = new ArrayList<>(open.subList(restart, open.size()));
        for (int i = again.size() - 1; i >= 0; i--) {
          replay.addFirst(again.get(i));
        }
        open.clear();
        restart = -1;
        chars = 0;
        oddQuotes = false;
      }
    }
    return false;
  }

  /** One line of the file and its number. */
  private record Line(long number, String text) {}

  private static int quotes(String s) {
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) == '"') {
        n++;
      }
    }
    return n;
  }

  private static void record(List<Line> lines, String source, PostgresMessages messages, SkipAccount skips) {
    long line = lines.get(0).number();
    List<String> r = fields(String.join("\n", lines.stream().map(Line::text).toList()));
    if (r == null) {
      skips.skip("malformed csvlog record", line);
      return;
    }
    if (r.size() <= MESSAGE) {
      skips.skip("csvlog row with fewer than 14 columns", line);
      return;
    }
    messages.accept(new PostgresMessages.Message(source, line, PostgresTimestamps.parse(r.get(LOG_TIME)),
        r.get(USER), r.get(DATABASE), r.get(PID), r.get(SEVERITY), r.get(MESSAGE),
        r.size() > DETAIL ? r.get(DETAIL) : "", LogLinePrefix.hostOfConnection(r.get(CONNECTION_FROM)),
        r.size() > APPLICATION ? r.get(APPLICATION) : ""));
  }

  /** The fields of one whole CSV record, read by Commons CSV, or null when it is not exactly one record. */
  static List<String> fields(CharSequence record) {
    try (CSVParser p = CSVParser.builder().setReader(new java.io.StringReader(record.toString()))
        .setFormat(CSVFormat.DEFAULT).get()) {
      List<CSVRecord> records = p.getRecords();
      return records.size() == 1 ? records.get(0).toList() : null;
    } catch (IOException | java.io.UncheckedIOException | IllegalStateException | IllegalArgumentException e) {
      return null;
    }
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
