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
 *   <li>{@code DETAIL:  parameters: $1 = '42', ...} after an {@code execute} (the extended protocol, on one line of
 *       its own in stderr logs, in the detail field of csvlog and jsonlog): the values are put in place of the
 *       statement's {@code $n}, so that its sample can be planned with real values. The fingerprint is the same
 *       either way.
 *   <li>Everything else (connections, checkpoints, errors and the STATEMENT lines that follow them, DETAIL,
 *       CONTEXT, HINT) is passed over and counted by kind.
 * </ul>
 */
final class PostgresMessages {

  /** One log message, its first line and continuation lines already joined. */
  record Message(String source, long line, Optional<Instant> time, String user, String database, String pid,
      String severity, String text, String detail, String host, String application) {

    /** A message whose log names no client host or application. */
    Message(String source, long line, Optional<Instant> time, String user, String database, String pid,
        String severity, String text, String detail) {
      this(source, line, time, user, database, pid, severity, text, detail, "", "");
    }

    /** A message with no detail field (stderr logs write DETAIL as a message of its own). */
    Message(String source, long line, Optional<Instant> time, String user, String database, String pid,
        String severity, String text) {
      this(source, line, time, user, database, pid, severity, text, "");
    }
  }

  /**
   * A statement waiting for what may follow it from the same backend: its duration ({@code millis} -1, from
   * log_statement with log_duration) or its parameters.
   */
  record Held(Message message, String sql, double millis) {
    Held withSql(String s) {
      return new Held(message, s, millis);
    }
  }

  private final Consumer<QueryEvent> events;
  private final SkipAccount skips;
  // Statements waiting for a duration or parameters line of the same backend. Bounded by the number of backends.
  private final Map<String, Held> pending;
  // A range's first pass (see PostgresRanges): the backends that logged a statement in it, and the messages of the
  // others that act on a statement waiting from before the range. Null when not a first pass.
  private final java.util.Set<String> established;
  private final Map<String, java.util.List<Message>> leading;

  PostgresMessages(Consumer<QueryEvent> events, SkipAccount skips) {
    this(events, skips, new HashMap<>(), false);
  }

  /**
   * Messages read with {@code carried} statements waiting from before (a range of a log), and, for a range's first
   * pass, {@code recordLeading}: what the range does to the statements that wait is kept for {@link #effect}.
   */
  PostgresMessages(Consumer<QueryEvent> events, SkipAccount skips, Map<String, Held> carried,
      boolean recordLeading) {
    this.events = events;
    this.skips = skips;
    this.pending = new HashMap<>(carried);
    this.established = recordLeading ? new java.util.HashSet<>() : null;
    this.leading = recordLeading ? new java.util.TreeMap<>() : null;
  }

  void accept(Message m) {
    if (established != null && !m.pid().isEmpty() && !established.contains(m.pid())) {
      record(m);
    }
    String sev = m.severity().toUpperCase(Locale.ROOT);
    if (!sev.equals("LOG")) {
      if (sev.equals("DETAIL") && m.text().startsWith("parameters: ") && bindHeld(m)) {
        return;
      }
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
      // The statement is cut out of the message once: as a copy of the rest, stripped, then cut again, it was copied
      // three times, a tenth of the reading thread's time on a 1 GB log.
      int rest = Blanks.afterBlanks(t, ms + 3, t.length());
      if (rest == t.length()) {
        Held waiting = pending.remove(m.pid());
        if (waiting == null || waiting.millis() >= 0) {
          if (waiting != null) {
            emit(waiting.message(), waiting.sql(), waiting.millis());
          }
          skips.passOver("duration lines whose statement was not logged");
        } else {
          emit(waiting.message(), waiting.sql(), millis);
        }
        return;
      }
      String sql = statementText(t, rest);
      if (sql == null) {
        skips.passOver(phase(t.substring(rest)));
        return;
      }
      flushPid(m.pid());
      hold(m, sql, millis);
      return;
    }
    String sql = statementText(t);
    if (sql != null) {
      flushPid(m.pid());
      if (m.pid().isEmpty()) {
        emit(m, bound(sql, m.detail()), 0); // no backend id to pair a later duration with
      } else {
        pending.put(m.pid(), new Held(m, bound(sql, m.detail()), -1));
      }
      return;
    }
    skips.passOver(t.startsWith("parse ") || t.startsWith("bind ") ? phase(t) : "server messages (LOG)");
  }

  /**
   * On a first pass: a message of a backend with no statement in the range yet. A statement establishes the
   * backend (what waited before it is flushed, whatever it was); a bare duration or a parameters line acts on what
   * waited, which only the ranges before know: kept, to be played on it later.
   */
  private void record(Message m) {
    String sev = m.severity().toUpperCase(Locale.ROOT);
    String t = m.text();
    if (sev.equals("DETAIL") && t.startsWith("parameters: ")) {
      leading.computeIfAbsent(m.pid(), p -> new java.util.ArrayList<>()).add(m);
      return;
    }
    if (!sev.equals("LOG")) {
      return;
    }
    if (t.startsWith("duration: ")) {
      int ms = t.indexOf(" ms", 10);
      String rest = ms < 0 ? "x" : t.substring(ms + 3).stripLeading();
      if (rest.isEmpty()) {
        leading.computeIfAbsent(m.pid(), p -> new java.util.ArrayList<>()).add(m);
        return;
      }
      if (statementText(rest) != null) {
        established.add(m.pid());
      }
      return;
    }
    if (statementText(t) != null) {
      established.add(m.pid());
    }
  }

  /** What a first pass found the range does to what waits: the statements it leaves, and the leading messages. */
  String effect() {
    var o = CarryJson.JSON.createObjectNode();
    var est = o.putObject("established");
    for (String pid : new java.util.TreeSet<>(established)) {
      Held h = pending.get(pid);
      if (h == null) {
        est.putNull(pid);
      } else {
        est.set(pid, held(h));
      }
    }
    var lead = o.putObject("leading");
    leading.forEach((pid, list) -> {
      var a = lead.putArray(pid);
      list.forEach(m -> a.add(message(m)));
    });
    return o.toString();
  }

  /** The statements waiting after a range: those before it, acted on by the range's effect. */
  static String after(String carry, String effect) {
    Map<String, Held> state = new java.util.TreeMap<>(carried(carry));
    var e = CarryJson.read(effect);
    var lead = e.get("leading");
    for (var it = lead.fields(); it.hasNext(); ) {
      var f = it.next();
      Map<String, Held> one = new HashMap<>();
      if (state.containsKey(f.getKey())) {
        one.put(f.getKey(), state.get(f.getKey()));
      }
      PostgresMessages replay = new PostgresMessages(x -> { }, new SkipAccount(""), one, false);
      f.getValue().forEach(m -> replay.accept(message(m)));
      Held left = replay.pending.get(f.getKey());
      if (left == null) {
        state.remove(f.getKey());
      } else {
        state.put(f.getKey(), left);
      }
    }
    for (var it = e.get("established").fields(); it.hasNext(); ) {
      var f = it.next();
      if (f.getValue().isNull()) {
        state.remove(f.getKey());
      } else {
        state.put(f.getKey(), held(f.getValue()));
      }
    }
    return carry(state);
  }

  /** The statements of a carry, as text. */
  static String carry(Map<String, Held> waiting) {
    var o = CarryJson.JSON.createObjectNode();
    new java.util.TreeMap<>(waiting).forEach((pid, h) -> o.set(pid, held(h)));
    return o.toString();
  }

  /** The statements a carry holds. */
  static Map<String, Held> carried(String carry) {
    Map<String, Held> out = new HashMap<>();
    CarryJson.read(carry).fields().forEachRemaining(f -> out.put(f.getKey(), held(f.getValue())));
    return out;
  }


  private static com.fasterxml.jackson.databind.node.ObjectNode held(Held h) {
    var o = CarryJson.JSON.createObjectNode();
    o.set("message", message(h.message()));
    o.put("sql", h.sql());
    o.put("millis", h.millis());
    return o;
  }

  private static Held held(com.fasterxml.jackson.databind.JsonNode n) {
    return new Held(message(n.get("message")), n.get("sql").asText(), n.get("millis").asDouble());
  }

  private static com.fasterxml.jackson.databind.node.ObjectNode message(Message m) {
    var o = CarryJson.JSON.createObjectNode();
    o.put("source", m.source()).put("line", m.line());
    m.time().ifPresent(t -> o.put("time", t.toString()));
    o.put("user", m.user()).put("database", m.database()).put("pid", m.pid()).put("severity", m.severity())
        .put("text", m.text()).put("detail", m.detail()).put("host", m.host()).put("application", m.application());
    return o;
  }

  private static Message message(com.fasterxml.jackson.databind.JsonNode n) {
    return new Message(n.get("source").asText(), n.get("line").asLong(),
        n.has("time") ? Optional.of(Instant.parse(n.get("time").asText())) : Optional.empty(),
        n.get("user").asText(), n.get("database").asText(), n.get("pid").asText(), n.get("severity").asText(),
        n.get("text").asText(), n.get("detail").asText(), n.get("host").asText(), n.get("application").asText());
  }

  /** Emits every statement still waiting for a duration or its parameters. */
  void finish() {
    for (Held h : pending.values().stream()
        .sorted((a, b) -> Long.compare(a.message().line(), b.message().line())).toList()) {
      emit(h.message(), h.sql(), Math.max(0, h.millis()));
    }
    pending.clear();
  }

  private void flushPid(String pid) {
    Held waiting = pending.remove(pid);
    if (waiting != null) {
      emit(waiting.message(), waiting.sql(), Math.max(0, waiting.millis()));
    }
  }

  /**
   * A timed statement: emitted now, or, when it has {@code $n} parameters whose values may follow on a DETAIL line
   * of the same backend, held until the next message of that backend.
   */
  private void hold(Message m, String sql, double millis) {
    if (m.detail().startsWith("parameters: ") || m.pid().isEmpty() || !hasParameter(sql)) {
      emit(m, bound(sql, m.detail()), millis);
    } else {
      pending.put(m.pid(), new Held(m, sql, millis));
    }
  }

  /** Puts a DETAIL line's parameter values into the statement its backend is holding; false when none is. */
  private boolean bindHeld(Message detail) {
    Held held = pending.get(detail.pid());
    if (detail.pid().isEmpty() || held == null) {
      return false;
    }
    Held bound = held.withSql(ParameterValues.bind(held.sql(), detail.text().substring("parameters: ".length())));
    skips.passOver("DETAIL parameter lines (their values put into the statement)");
    if (bound.millis() >= 0) {
      pending.remove(detail.pid());
      emit(bound.message(), bound.sql(), bound.millis());
    } else {
      pending.put(detail.pid(), bound); // still waiting for its duration
    }
    return true;
  }

  /** {@code sql} with the values of a detail field's {@code parameters: ...} put in, else {@code sql} itself. */
  private static String bound(String sql, String detail) {
    return detail.startsWith("parameters: ") ? ParameterValues.bind(sql, detail.substring("parameters: ".length()))
        : sql;
  }

  private static boolean hasParameter(String sql) {
    for (int i = sql.indexOf('$'); i >= 0 && i + 1 < sql.length(); i = sql.indexOf('$', i + 1)) {
      if (Character.isDigit(sql.charAt(i + 1))) {
        return true;
      }
    }
    return false;
  }

  private void emit(Message m, String sql, double millis) {
    if (sql.isBlank()) {
      skips.skip("statement message with no statement text", m.line());
      return;
    }
    skips.event();
    events.accept(new QueryEvent(m.source(), m.line(), m.time(), m.database(), m.user(), 1, millis, -1, -1, 0,
        sql, m.host(), m.application()));
  }

  /** The SQL of a {@code statement:} or {@code execute NAME:} message, or null for any other message. */
  static String statementText(String t) {
    return statementText(t, 0);
  }

  /** The same of the message that starts at {@code from} in {@code t}. */
  private static String statementText(String t, int from) {
    if (t.startsWith("statement: ", from)) {
      return t.substring(from + 11);
    }
    if (t.startsWith("execute ", from)) {
      int colon = t.indexOf(": ", from + 8);
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
