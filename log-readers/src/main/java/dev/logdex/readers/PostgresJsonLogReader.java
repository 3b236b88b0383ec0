package dev.logdex.readers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.logdex.core.model.Dialect;
import dev.logdex.core.model.QueryEvent;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Reads PostgreSQL 15's jsonlog (one object a line: {@code timestamp, user, dbname, pid, error_severity, message})
 * and the same records as CloudNativePG wraps them ({@code {"logger":"postgres","record":{log_time, user_name,
 * database_name, process_id, error_severity, message}}}).
 */
public final class PostgresJsonLogReader implements LogReader {

  public static final String FORMAT = "postgres_json";

  /** Made when a jsonlog is read, not when the format detection only asks whether a line looks like one. */
  private static final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();
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

  /** Ranges of a large log: each line is a whole record, so one may start at any line. */
  @Override
  public Optional<RangeReading> ranges() {
    return Optional.of(new PostgresRanges((previous, line) -> true, PostgresJsonLogReader::feed));
  }

  private static boolean feed(Reader input, String source, PostgresMessages messages, SkipAccount skips,
      boolean fileEnd) throws IOException {
    BufferedReader in = input instanceof BufferedReader b ? b : new BufferedReader(input);
    long lineNo = 0;
    for (String line; (line = in.readLine()) != null; ) {
      lineNo++;
      if (line.isBlank()) {
        skips.passOver("blank lines");
        continue;
      }
      JsonNode node;
      try {
        node = Json.MAPPER.readTree(line);
      } catch (JsonProcessingException e) {
        skips.skip("line is not a JSON object", lineNo);
        continue;
      }
      if (node == null || !node.isObject()) {
        skips.skip("line is not a JSON object", lineNo);
        continue;
      }
      JsonNode rec = node.has("record") && node.get("record").isObject() ? node.get("record") : node;
      String severity = text(rec, "error_severity");
      String message = text(rec, "message");
      if (severity.isEmpty() || !rec.has("message")) {
        // CloudNativePG interleaves its own operator messages with the server's records.
        skips.passOver("JSON lines that are not server log records");
        continue;
      }
      String time = first(rec, "timestamp", "log_time");
      messages.accept(new PostgresMessages.Message(source, lineNo, PostgresTimestamps.parse(time),
          first(rec, "user", "user_name"), first(rec, "dbname", "database_name"), first(rec, "pid", "process_id"),
          severity, message, text(rec, "detail"), LogLinePrefix.host(text(rec, "remote_host")),
          text(rec, "application_name")));
    }
    return false; // one record a line: a range of whole lines ends whole
  }

  private static String first(JsonNode n, String a, String b) {
    String v = text(n, a);
    return v.isEmpty() ? text(n, b) : v;
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? "" : v.asText();
  }

  /** Whether a first line looks like a jsonlog record. */
  static boolean looksLike(String line) {
    String t = line.trim();
    return t.startsWith("{") && t.contains("\"error_severity\"");
  }
}
