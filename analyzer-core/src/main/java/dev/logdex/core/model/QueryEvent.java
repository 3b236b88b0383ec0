package dev.logdex.core.model;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One observation of a statement in a log: a single execution (slow log, server log) or an aggregate row (a
 * pg_stat_statements entry stands for {@code calls} executions).
 *
 * @param source the file or stream the event was read from, for error messages and provenance
 * @param line the 1-based line where the event starts in {@code source}
 * @param time when the statement ran (or was logged), when the log says
 * @param database the database the statement ran in, or {@code ""} when the log does not say
 * @param user the user that ran it, or {@code ""} when the log does not say
 * @param calls how many executions this event stands for (at least 1)
 * @param totalMillis total execution time of those calls, in milliseconds ({@code 0} when the log has no timing)
 * @param rows rows returned or affected, summed over the calls ({@code -1} when unknown)
 * @param rowsExamined rows the server examined ({@code -1} when unknown)
 * @param lockMillis time spent waiting for locks ({@code 0} when unknown)
 * @param text the statement text as logged
 * @param host the client host, without a port, or {@code ""} when the log does not say
 * @param application the application name the client gave, or {@code ""} when the log does not say
 */
public record QueryEvent(
    String source,
    long line,
    Optional<Instant> time,
    String database,
    String user,
    long calls,
    double totalMillis,
    long rows,
    long rowsExamined,
    double lockMillis,
    String text,
    String host,
    String application) {

  public QueryEvent {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(database, "database");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(application, "application");
    if (calls < 1) {
      throw new IllegalArgumentException("calls must be at least 1, was " + calls);
    }
    if (!(totalMillis >= 0)) {
      throw new IllegalArgumentException("totalMillis must be >= 0, was " + totalMillis);
    }
  }

  /** An event whose log names no client host or application. */
  public QueryEvent(String source, long line, Optional<Instant> time, String database, String user, long calls,
      double totalMillis, long rows, long rowsExamined, double lockMillis, String text) {
    this(source, line, time, database, user, calls, totalMillis, rows, rowsExamined, lockMillis, text, "", "");
  }

  /** An aggregate or single event with no time, rows examined or lock time. */
  public QueryEvent(String source, long line, String database, String user, long calls, double totalMillis,
      long rows, String text) {
    this(source, line, Optional.empty(), database, user, calls, totalMillis, rows, -1, 0, text);
  }

  /** A single execution with no timing, as read from a plain SQL file. */
  public static QueryEvent untimed(String source, long line, String text) {
    return new QueryEvent(source, line, "", "", 1, 0, -1, text);
  }
}
