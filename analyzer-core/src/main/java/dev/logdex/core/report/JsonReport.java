package dev.logdex.core.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.logdex.core.analysis.Activity;
import dev.logdex.core.analysis.AnalysisReport;
import dev.logdex.core.analysis.TopQuery;
import dev.logdex.core.analysis.UnparsedStatement;
import dev.logdex.core.analysis.Verification;
import dev.logdex.core.json.ResultJson;
import dev.logdex.core.model.InputSummary;
import java.io.IOException;
import java.io.Writer;

/**
 * The JSON output of {@code analyze}: a contract other tools read, so it is built field by field here rather than
 * from the records' shapes, which may change.
 */
public final class JsonReport {
  private static final ObjectMapper MAPPER = dev.logdex.core.json.JsonOutput.mapper();

  private JsonReport() {}

  /**
   * Writes the report. The recommendations and findings are written one by one as they are turned into JSON, not
   * built into one tree first: a wide schema has a finding for every table, and the tree would double the heap.
   */
  public static void write(AnalysisReport r, Writer out) throws IOException {
    ObjectNode root = tree(r, false);
    try (JsonGenerator g = MAPPER.getFactory().createGenerator(out)) {
      g.useDefaultPrettyPrinter();
      g.writeStartObject();
      for (var field : (Iterable<java.util.Map.Entry<String, com.fasterxml.jackson.databind.JsonNode>>)
          root::fields) {
        g.writeFieldName(field.getKey());
        if (field.getKey().equals("recommendations")) {
          g.writeStartArray();
          for (var rec : r.recommendations()) {
            MAPPER.writeTree(g, marked(ResultJson.recommendation(rec), r));
          }
          g.writeEndArray();
        } else if (field.getKey().equals("findings")) {
          g.writeStartArray();
          for (var f : r.findings()) {
            MAPPER.writeTree(g, ResultJson.finding(f));
          }
          g.writeEndArray();
        } else {
          MAPPER.writeTree(g, field.getValue());
        }
      }
      g.writeEndObject();
    }
    out.write(System.lineSeparator());
    out.flush();
  }

  /** The report as a JSON tree. */
  public static ObjectNode tree(AnalysisReport r) {
    return tree(r, true);
  }

  /** The tree, with the recommendations and findings in it or, for streaming, empty arrays in their places. */
  private static ObjectNode tree(AnalysisReport r, boolean whole) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("logdex", r.version());
    root.put("dialect", r.dialect());
    if (r.schemaGiven()) {
      root.putObject("schema").put("given", true);
    } else {
      root.putNull("schema");
    }
    ArrayNode notes = root.putArray("notes");
    Caveats.of(r).forEach(notes::add);
    ArrayNode inputs = root.putArray("inputs");
    for (InputSummary in : r.inputs()) {
      ObjectNode o = inputs.addObject();
      o.put("path", in.path());
      o.put("format", in.format());
      o.put("events", in.events());
      ObjectNode skipped = o.putObject("skipped");
      in.skipped().forEach(skipped::put);
      ObjectNode passed = o.putObject("passed_over");
      in.passedOver().forEach(passed::put);
    }
    ObjectNode summary = root.putObject("summary");
    summary.put("statements", r.statements());
    summary.put("timed", r.timed()); // false: benefits are in calls, and no time is known
    summary.put("benefit_unit", r.timed() ? "ms" : "calls");
    summary.put("fingerprints", r.fingerprints());
    summary.put("parsed", r.parsed());
    summary.put("unparsed", r.fingerprints() - r.parsed());
    summary.put("total_ms", round(r.totalMillis()));
    if (r.period().isEmpty()) {
      summary.putNull("period");
    } else {
      summary.put("period", r.period());
    }
    ObjectNode system = summary.putObject("system_queries");
    system.put("distinct", r.systemQueries().classes());
    system.put("calls", r.systemQueries().calls());
    system.put("total_ms", round(r.systemQueries().totalMillis()));
    if (r.verification().isPresent()) {
      Verification v = r.verification().get();
      ObjectNode vo = root.putObject("verification");
      vo.put("method", v.method());
      vo.put("cost_before", round(v.costBefore()));
      vo.put("cost_after", round(v.costAfter()));
      vo.put("used", v.used());
      vo.put("demoted", v.demoted());
      vo.put("not_verified", v.unverified());
      vo.put("unplanned_queries", v.unplanned());
    }
    r.rehearsal().ifPresent(x -> root.set("rehearsal", dev.logdex.core.json.RehearsedJson.write(x)));
    ArrayNode recs = MAPPER.createArrayNode();
    if (whole) {
      r.recommendations().forEach(rec -> recs.add(marked(ResultJson.recommendation(rec), r)));
    }
    root.set("recommendations", recs);
    root.set("findings", whole ? ResultJson.findings(r.findings()) : MAPPER.createArrayNode());
    ArrayNode top = root.putArray("top_queries");
    for (TopQuery q : r.topQueries()) {
      ObjectNode o = top.addObject();
      o.put("fingerprint", q.fingerprint());
      o.put("sample", q.sample());
      o.put("calls", q.calls());
      o.put("total_ms", round(q.totalMillis()));
      o.put("mean_ms", round(q.meanMillis()));
      if (q.rows() >= 0) {
        o.put("rows", q.rows());
      }
      if (q.rowsExamined() >= 0) {
        o.put("rows_examined", q.rowsExamined()); // with rows, what pt-query-digest calls examined and sent
      }
      if (q.lockMillis() > 0) {
        o.put("lock_ms", round(q.lockMillis()));
      }
      dev.logdex.core.json.ResultJson.putOrigins(o, q.origins());
      q.firstSeen().ifPresent(t -> o.put("first_seen", t.toString()));
      q.lastSeen().ifPresent(t -> o.put("last_seen", t.toString()));
      q.perSecond().ifPresent(x -> o.put("per_second", round(x)));
      if (q.hasPercentiles()) {
        ObjectNode l = o.putObject("latency");
        l.put("timed_calls", q.timedCalls());
        l.put("p50_ms", round(q.p50Millis()));
        l.put("p95_ms", round(q.p95Millis()));
        l.put("p99_ms", round(q.p99Millis()));
        l.put("max_ms", round(q.maxMillis()));
        l.put("stddev_ms", round(q.stddevMillis()));
        ObjectNode h = l.putObject("histogram");
        for (int i = 0; i < q.histogram().size(); i++) {
          h.put(TopQuery.HISTOGRAM_BANDS.get(i), q.histogram().get(i));
        }
      } else {
        o.putNull("latency");
      }
    }
    activity(root, r.activity());
    ArrayNode unparsed = root.putArray("unparsed");
    for (UnparsedStatement u : r.unparsed()) {
      ObjectNode o = unparsed.addObject();
      o.put("fingerprint", u.fingerprint());
      o.put("sample", u.sample());
      o.put("reason", u.reason());
    }
    ArrayNode warnings = root.putArray("warnings");
    r.warnings().forEach(warnings::add);
    return root;
  }

  /**
   * The workload over time: each bucket's statements per second, total time, p95 and the time of the costliest
   * classes; {@code null} when the logs carry no times.
   */
  private static void activity(ObjectNode root, Activity a) {
    if (a.isEmpty()) {
      root.putNull("activity");
      return;
    }
    ObjectNode o = root.putObject("activity");
    o.put("bucket_s", a.widthSeconds());
    ArrayNode classes = o.putArray("classes");
    a.classes().forEach(classes::add);
    a.busiest().ifPresent(b -> o.set("busiest", point(b, a)));
    ArrayNode buckets = o.putArray("buckets");
    a.points().forEach(p -> buckets.add(point(p, a)));
  }

  private static ObjectNode point(Activity.Point p, Activity a) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("start", p.start().toString());
    o.put("calls", p.calls());
    o.put("per_second", round(p.perSecond()));
    o.put("total_ms", round(p.millis()));
    if (p.p95Millis() >= 0) {
      o.put("p95_ms", round(p.p95Millis()));
    } else {
      o.putNull("p95_ms");
    }
    ObjectNode byClass = o.putObject("classes_ms");
    for (int i = 0; i < a.classes().size(); i++) {
      byClass.put(a.classes().get(i), round(p.classMillis().get(i)));
    }
    o.put("other_ms", round(p.otherMillis()));
    return o;
  }

  private static double round(double v) {
    return Math.round(v * 1000.0) / 1000.0;
  }

  /** Without a schema, each recommendation says it was not checked against existing indexes and keys. */
  private static ObjectNode marked(ObjectNode rec, AnalysisReport r) {
    if (!r.schemaGiven()) {
      rec.put("checked_against_schema", false);
    }
    return rec;
  }
}
