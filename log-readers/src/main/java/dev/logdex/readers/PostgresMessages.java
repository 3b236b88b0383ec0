package dev.logdex.readers;

import dev.logdex.core.model.QueryEvent;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Interprets PostgreSQL server log messages, whatever file format carried them (stderr, csvlog, jsonlog), and turns
 * the ones that record statements into events.
 *
 * <ul>
 *   <li>{@code duration: N ms  statement: SQL} and {@code duration: N ms  execute NAME: SQL}: one timed call.
 *   <li>{@code statement: SQL} and {@code execute NAME: SQL} without a duration ({@code log_statement}): one call,
 *       which takes the duration of a later bare {@code duration: N ms} line of the same backend, as PostgreSQL
 *       writes them when both {@code log_statement} and {@code log_duration} are on.
 *   <li>{@code parse} and {@code bind} phases of the extended protocol are passed over: their {@code execute} is
 *       the call.
 *   <li>Everything else (connections, checkpoints, errors and the STATEMENT lines that follow them, DETAIL,
 *       CONTEXT, HINT) is passed over and counted by kind.
 * </ul>
 */
final class PostgresMessages {

  /** One log message, its first line and continuation lines already joined. */
  record Message(String source, long line, Optional<Instant> time, String user, String database, String pid,
      String severity, String text) {}

  private final Consumer<QueryEvent> events;
  private final SkipAccount skips;
  // Untimed statements waiting for a bare duration line of the same backend. Bounded by the number of backends.
  private final Map<String, Message> pending = new HashMap<>();

  PostgresMessages(Consumer<QueryEvent> events, SkipAccount skips) {
    this.events = events;
    this.skips = skips;
  }

  void accept(Message m) {
    String sev = m.severity().toUpperCase(Locale.ROOT);
    if (!sev.equals("LOG")) {
      skips.passOver(sev.equals("DETAIL") ? "DETAIL lines" : "server messages (" + sev + ")");
      return;
    }
    String t = m.text();
    if (t.startsWith("duration: ")) {
      int ms = t.indexOf(" ms", 10);
      double millis;
      try {
        millis = ms < 0 ? -1 : Double.parseDouble(t.substring(10, ms).trim());
      } catch (NumberFormatException e) {
        millis = -1;
      }
      if (millis < 0) {
        skips.skip("duration line without a readable number", m.line());
        return;
      }
      String rest = t.substring(ms + 3).stripLeading();
      if (rest.isEmpty()) {
        Message waiting = pending.remove(m.pid());
        if (waiting == null) {
          skips.passOver("duration lines whose statement was not logged");
        } else {
          emit(waiting, statementText(waiting.text()), millis);
        }
        return;
      }
      String sql = statementText(rest);
      if (sql == null) {
        skips.passOver(phase(rest));
        return;
      }
      flushPid(m.pid());
      emit(m, sql, millis);
      return;
    }
    String sql = statementText(t);
    if (sql != null) {
      flushPid(m.pid());
      if (m.pid().isEmpty()) {
        emit(m, sql, 0); // no backend id to pair a later duration with
      } else {
        pending.put(m.pid(), m);
      }
      return;
    }
    skips.passOver(t.startsWith("parse ") || t.startsWith("bind ") ? phase(t) : "server messages (LOG)");
  }

  /** Emits every statement still waiting for a duration. */
  void finish() {
    for (Message m : pending.values().stream().sorted((a, b) -> Long.compare(a.line(), b.line())).toList()) {
      emit(m, statementText(m.text()), 0);
    }
    pending.clear();
  }

  private void flushPid(String pid) {
    Message waiting = pending.remove(pid);
    if (waiting != null) {
      emit(waiting, statementText(waiting.text()), 0);
    }
  }

  private void emit(Message m, String sql, double millis) {
    if (sql.isBlank()) {
      skips.skip("statement message with no statement text", m.line());
      return;
    }
    skips.event();
    events.accept(new QueryEvent(m.source(), m.line(), m.time(), m.database(), m.user(), 1, millis, -1, -1, 0,
        sql));
  }

  /** The SQL of a {@code statement:} or {@code execute NAME:} message, or null for any other message. */
  static String statementText(String t) {
    if (t.startsWith("statement: ")) {
      return t.substring(11);
    }
    if (t.startsWith("execute ")) {
      int colon = t.indexOf(": ", 8);
      return colon < 0 ? null : t.substring(colon + 2);
    }
    return null;
  }

  private static String phase(String t) {
    if (t.startsWith("parse ")) {
      return "parse phases (their execute is the call)";
    }
    if (t.startsWith("bind ")) {
      return "bind phases (their execute is the call)";
    }
    if (t.startsWith("plan:")) {
      return "auto_explain plans";
    }
    return "duration messages of other kinds";
  }

  /** The severities PostgreSQL writes, as they appear before the message. */
  static boolean isSeverity(String s) {
    return switch (s) {
      case "LOG", "ERROR", "WARNING", "NOTICE", "INFO", "DEBUG", "DEBUG1", "DEBUG2", "DEBUG3", "DEBUG4", "DEBUG5",
          "DETAIL", "HINT", "CONTEXT", "STATEMENT", "QUERY", "LOCATION", "FATAL", "PANIC" -> true;
      default -> false;
    };
  }
}
