package dev.logdex.core.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.logdex.core.analysis.Rehearsed;
import dev.logdex.core.analysis.Rehearsed.Applied;
import dev.logdex.core.analysis.Rehearsed.ClassResult;
import dev.logdex.core.analysis.Rehearsed.IndexResult;
import dev.logdex.core.analysis.Rehearsed.Timing;
import dev.logdex.core.model.StatementKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The one JSON form of a rehearsal, written by the reports and snapshots and read back from snapshots. Times are
 * unrounded milliseconds.
 */
public final class RehearsedJson {
  private RehearsedJson() {}

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** {@code r} as a JSON object. */
  public static ObjectNode write(Rehearsed r) {
    ObjectNode root = NODES.objectNode();
    root.put("source", r.source()).put("copy", r.copy()).put("method", r.method())
        .put("source_bytes", r.sourceBytes()).put("copy_seconds", r.copySeconds()).put("kept", r.kept())
        .put("rounds", r.rounds()).put("warmup", r.warmup()).put("timeout_seconds", r.timeoutSeconds());
    ObjectNode totals = root.putObject("totals");
    totals.put("read_ms_before", r.readMs(false)).put("read_ms_after", r.readMs(true))
        .put("write_ms_before", r.writeMs(false)).put("write_ms_after", r.writeMs(true));
    ArrayNode mig = root.putArray("migration");
    for (Applied a : r.migration()) {
      ObjectNode o = mig.addObject().put("source", a.step().source()).put("line", a.step().line())
          .put("sql", a.step().sql()).put("ms", a.millis()).put("lock_wait_ms", a.lockWaitMs());
      if (a.failed()) {
        o.put("error", a.error());
      }
    }
    ArrayNode idx = root.putArray("indexes");
    for (IndexResult i : r.indexes()) {
      ObjectNode o = idx.addObject().put("name", i.name()).put("table", i.table()).put("source", i.source())
          .put("build_ms", i.buildMs()).put("bytes", i.bytes()).put("gain_ms", i.gainMs())
          .put("verdict", i.verdict().label);
      i.classes().forEach(o.putArray("classes")::add);
    }
    ArrayNode cls = root.putArray("classes");
    for (ClassResult c : r.classes()) {
      ObjectNode o = cls.addObject().put("fingerprint", c.fingerprint())
          .put("kind", c.kind().name().toLowerCase(Locale.ROOT)).put("calls", c.calls()).put("sample", c.sample());
      if (!c.skipped().isEmpty()) {
        o.put("not_replayed", c.skipped());
      }
      c.before().ifPresent(t -> timing(o.putObject("before"), t));
      c.after().ifPresent(t -> timing(o.putObject("after"), t));
      if (c.before().isPresent() && c.after().isPresent()) {
        o.put("gain_ms", c.gainMs()).put("faster", c.faster()).put("slower", c.slower());
      }
    }
    r.notes().forEach(root.putArray("notes")::add);
    return root;
  }

  private static void timing(ObjectNode o, Timing t) {
    o.put("min_ms", t.minMs()).put("median_ms", t.medianMs()).put("p95_ms", t.p95Ms()).put("timed_out", t.timedOut());
    if (!t.error().isEmpty()) {
      o.put("error", t.error());
    }
    t.indexes().forEach(o.putArray("indexes")::add);
  }

  /** A rehearsal read back from what {@link #write} wrote. */
  public static Rehearsed read(JsonNode n) {
    List<Applied> migration = new ArrayList<>();
    for (JsonNode a : n.path("migration")) {
      migration.add(new Applied(new Rehearsed.Step(a.path("source").asText(), a.path("line").asInt(),
          a.path("sql").asText()), a.path("ms").asDouble(), a.path("lock_wait_ms").asDouble(),
          a.path("error").asText("")));
    }
    List<IndexResult> indexes = new ArrayList<>();
    for (JsonNode i : n.path("indexes")) {
      List<String> classes = new ArrayList<>();
      i.path("classes").forEach(c -> classes.add(c.asText()));
      indexes.add(new IndexResult(i.path("table").asText(), i.path("name").asText(), i.path("source").asText(),
          i.path("build_ms").asDouble(), i.path("bytes").asLong(-1), classes, i.path("gain_ms").asDouble(),
          verdict(i.path("verdict").asText())));
    }
    List<ClassResult> classes = new ArrayList<>();
    for (JsonNode c : n.path("classes")) {
      classes.add(new ClassResult(c.path("fingerprint").asText(), c.path("sample").asText(),
          StatementKind.valueOf(c.path("kind").asText("other").toUpperCase(Locale.ROOT)), c.path("calls").asLong(),
          timing(c.path("before")), timing(c.path("after")), c.path("not_replayed").asText("")));
    }
    List<String> notes = new ArrayList<>();
    n.path("notes").forEach(x -> notes.add(x.asText()));
    return new Rehearsed(n.path("source").asText(), n.path("copy").asText(), n.path("method").asText(),
        n.path("source_bytes").asLong(), n.path("copy_seconds").asDouble(), n.path("kept").asBoolean(),
        n.path("rounds").asInt(), n.path("warmup").asInt(), n.path("timeout_seconds").asInt(), migration, classes,
        indexes, notes);
  }

  private static Optional<Timing> timing(JsonNode t) {
    if (t.isMissingNode() || t.isNull()) {
      return Optional.empty();
    }
    Set<String> indexes = new TreeSet<>();
    t.path("indexes").forEach(i -> indexes.add(i.asText()));
    return Optional.of(new Timing(t.path("min_ms").asDouble(), t.path("median_ms").asDouble(),
        t.path("p95_ms").asDouble(),
        t.path("timed_out").asBoolean(), t.path("error").asText(""), indexes));
  }

  private static Rehearsed.Verdict verdict(String label) {
    for (Rehearsed.Verdict v : Rehearsed.Verdict.values()) {
      if (v.label.equals(label)) {
        return v;
      }
    }
    return Rehearsed.Verdict.NO_EFFECT;
  }
}
