package dev.logdex.core.snapshot;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.logdex.core.json.ResultJson;
import dev.logdex.core.model.ColumnRef;
import dev.logdex.core.model.ColumnUse;
import dev.logdex.core.model.Dialect;
import dev.logdex.core.model.Fingerprint;
import dev.logdex.core.model.InputSummary;
import dev.logdex.core.model.StatementKind;
import dev.logdex.core.model.StatementProfile;
import dev.logdex.core.model.TableAccess;
import dev.logdex.core.model.UseKind;
import dev.logdex.core.recommend.Recommendation;
import dev.logdex.core.rules.Finding;
import dev.logdex.core.schema.Column;
import dev.logdex.core.schema.ForeignKey;
import dev.logdex.core.schema.Index;
import dev.logdex.core.schema.IndexUsage;
import dev.logdex.core.schema.Schema;
import dev.logdex.core.schema.Table;
import dev.logdex.core.sql.StatementAnalysis;
import dev.logdex.core.workload.Constants;
import dev.logdex.core.workload.Latency;
import dev.logdex.core.workload.Series;
import dev.logdex.core.workload.Timeline;
import dev.logdex.core.workload.QueryStats;
import dev.logdex.core.workload.Workload;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Writes and reads snapshots. The shape is documented in {@code docs/snapshot.schema.json}; fields are written in
 * a fixed order and lists in a stable one (query classes by fingerprint id), with no clock in it, so that two
 * snapshots of the same input are byte-identical.
 */
public final class SnapshotJson {
  private SnapshotJson() {}

  private static final ObjectMapper MAPPER = dev.logdex.core.json.JsonOutput.mapper();

  /** Thrown for a file that is not a snapshot this logdex can read; the message says why. */
  public static final class UnreadableSnapshotException extends Exception {
    UnreadableSnapshotException(String message) {
      super(message);
    }
  }

  public static void write(Snapshot s, Writer out) throws IOException {
    MAPPER.writeValue(out, tree(s));
    out.write("\n");
    out.flush();
  }

  static ObjectNode tree(Snapshot s) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("format", "logdex-snapshot");
    root.put("version", Snapshot.FORMAT_VERSION);
    root.put("logdex", s.logdexVersion());
    root.put("dialect", s.schema().dialect().label());
    root.put("statements", s.statements());
    ArrayNode inputs = root.putArray("inputs");
    for (InputSummary in : s.inputs()) {
      ObjectNode o = inputs.addObject();
      o.put("path", in.path());
      o.put("format", in.format());
      o.put("events", in.events());
      putMap(o.putObject("skipped"), in.skipped());
      ObjectNode first = o.putObject("first_skip_at");
      in.firstSkipAt().forEach(first::put);
      putMap(o.putObject("passed_over"), in.passedOver());
    }
    root.set("schema", schema(s.schema()));
    if (!s.classFilters().isEmpty()) {
      s.classFilters().forEach(root.putArray("class_filters")::add);
    }
    putTimeline(root, s.workload());
    ArrayNode queries = root.putArray("queries");
    for (QueryStats q : s.workload().queries()) { // ordered by fingerprint id
      queries.add(query(q));
    }
    root.set("recommendations", ResultJson.recommendations(s.recommendations()));
    root.set("findings", ResultJson.findings(s.findings()));
    s.rehearsal().ifPresent(r -> root.set("rehearsal", dev.logdex.core.json.RehearsedJson.write(r)));
    if (!s.groups().isEmpty()) {
      ObjectNode groups = root.putObject("groups");
      groups.put("by", s.groups().by());
      ArrayNode members = groups.putArray("members");
      for (Groups.Group g : s.groups().members()) {
        ObjectNode o = members.addObject();
        o.put("name", g.name());
        o.put("statements", g.statements());
        putTimeline(o, g.workload());
        ArrayNode qs = o.putArray("queries");
        g.workload().queries().forEach(q -> qs.add(query(q)));
      }
    }
    return root;
  }

  /** The schema part alone: merge compares it to tell snapshots of one schema from others. */
  public static ObjectNode schema(Schema schema) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("dialect", schema.dialect().label());
    o.put("whole_database", schema.isWholeDatabase());
    if (!schema.isGiven()) {
      o.put("given", false); // no schema was given: a migration from this snapshot must not pretend otherwise
    }
    ArrayNode tables = o.putArray("tables");
    Set<String> triggers = new TreeSet<>();
    for (Table t : schema.tables()) {
      if (schema.hasTrigger(t.qualifiedName())) {
        triggers.add(t.name());
      }
      ObjectNode to = tables.addObject();
      to.put("schema", t.schema());
      to.put("name", t.name());
      to.put("rows", t.rowEstimate());
      if (t.isPartitioned()) {
        strings(to.putArray("partition_key"), t.partitionKey());
      }
      if (!t.partitions().isEmpty()) {
        partitions(to.putArray("partitions"), t.partitions());
      }
      ArrayNode cols = to.putArray("columns");
      for (Column c : t.columns()) {
        ObjectNode co = cols.addObject();
        co.put("name", c.name());
        co.put("type", c.type());
        co.put("nullable", c.nullable());
        if (c.distinct() >= 0) {
          co.put("distinct", c.distinct());
        }
        if (c.equalityMatch() >= 0) {
          co.put("equality_match", c.equalityMatch());
        }
      }
      ArrayNode ixs = to.putArray("indexes");
      for (Index ix : t.indexes()) {
        ObjectNode io = ixs.addObject();
        io.put("name", ix.name());
        strings(io.putArray("keys"), ix.keys());
        io.put("unique", ix.unique());
        io.put("primary", ix.primary());
        io.put("method", ix.method());
        io.put("where", ix.where());
        io.put("implicit", ix.implicit());
      }
      ArrayNode fks = to.putArray("foreign_keys");
      for (ForeignKey fk : t.foreignKeys()) {
        ObjectNode fo = fks.addObject();
        fo.put("name", fk.name());
        strings(fo.putArray("columns"), fk.columns());
        fo.put("references", fk.referencedTable());
        strings(fo.putArray("referenced_columns"), fk.referencedColumns());
        fo.put("on_delete", fk.onDelete());
      }
    }
    strings(o.putArray("tables_with_triggers"), List.copyOf(triggers));
    ArrayNode usage = o.putArray("index_usage");
    for (IndexUsage u : schema.indexUsage()) {
      ObjectNode uo = usage.addObject();
      uo.put("table", u.table());
      uo.put("index", u.index());
      uo.put("scans", u.scans());
      uo.put("size_bytes", u.sizeBytes());
      uo.put("since", u.since());
      uo.put("days", u.days());
    }
    return o;
  }

  private static ObjectNode query(QueryStats q) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("fingerprint", q.fingerprint().id());
    o.put("normalized", q.fingerprint().normalized());
    o.put("sample", q.sample());
    if (q.samples().size() > 1) {
      q.samples().subList(1, q.samples().size()).forEach(o.putArray("more_samples")::add);
    }
    o.put("calls", q.calls());
    o.put("total_ms", q.totalMillis());
    o.put("mean_ms", q.meanMillis());
    o.put("rows", q.rows());
    if (q.rowsExamined() >= 0) {
      o.put("rows_examined", q.rowsExamined());
    }
    if (q.lockMillis() > 0) {
      o.put("lock_ms", q.lockMillis());
    }
    ResultJson.putOrigins(o, q.origins());
    if (!q.series().isEmpty()) {
      Series series = q.series();
      ObjectNode so = o.putObject("series");
      so.put("first", series.first().orElseThrow().toString());
      so.put("last", series.last().orElseThrow().toString());
      ArrayNode buckets = so.putArray("buckets");
      ArrayNode calls = so.putArray("calls");
      ArrayNode ms = so.putArray("ms");
      for (int i = 0; i < series.size(); i++) {
        buckets.add(series.bucket(i));
        calls.add(series.calls(i));
        ms.add(series.millis(i));
      }
    }
    if (q.constants().count() > 0) {
      ObjectNode lo = o.putObject("literals");
      lo.put("count", q.constants().count());
      ObjectNode constant = lo.putObject("constant");
      q.constants().constant().forEach((i, h) -> constant.put(Integer.toString(i), Long.toHexString(h)));
    }
    if (!q.latency().isEmpty()) {
      Latency l = q.latency();
      ObjectNode lo = o.putObject("latency");
      lo.put("count", l.count());
      lo.put("p50_ms", l.percentileMillis(50));
      lo.put("p95_ms", l.percentileMillis(95));
      lo.put("p99_ms", l.percentileMillis(99));
      lo.put("max_ms", l.maxMillis());
      lo.put("sketch", l.encode());
    }
    putAnalysis(o, q.analysis());
    return o;
  }

  /**
   * The period and its buckets' width and latency. The calls and time of each bucket are in each class's
   * {@code series}, by bucket index: bucket {@code b} starts {@code b * width_s} seconds after the epoch.
   */
  private static void putTimeline(ObjectNode root, Workload w) {
    if (w.first().isEmpty()) {
      return;
    }
    ObjectNode period = root.putObject("period");
    period.put("first", w.first().get().toString());
    period.put("last", w.last().get().toString());
    ObjectNode t = root.putObject("timeline");
    t.put("width_s", w.timeline().width());
    t.put("latency_of_all", w.timeline().latencyOfAll());
    ObjectNode latency = t.putObject("latency");
    w.timeline().latency().forEach((b, l) -> latency.put(Long.toString(b), l.encode()));
  }

  private static Workload readWorkload(JsonNode root, List<QueryStats> queries) {
    if (!root.has("period")) {
      return Workload.of(queries);
    }
    java.time.Instant first = instant(root.path("period").path("first"));
    java.time.Instant last = instant(root.path("period").path("last"));
    JsonNode t = root.path("timeline");
    Map<Long, Latency> latency = new java.util.TreeMap<>();
    t.path("latency").fields().forEachRemaining(e -> latency.put(Long.parseLong(e.getKey()),
        Latency.decode(e.getValue().asText())));
    Timeline timeline = Timeline.of(t.path("width_s").asLong(1), latency);
    if (!t.path("latency_of_all").asBoolean(true)) {
      timeline = Timeline.of(timeline.width(), Map.of());
    }
    long width = timeline.width();
    long lo = Math.floorDiv(first.getEpochSecond(), width);
    long hi = Math.floorDiv(last.getEpochSecond(), width);
    if (lo > hi) {
      throw new IllegalArgumentException("period: first after last");
    }
    List<QueryStats> timed = new ArrayList<>();
    for (QueryStats q : queries) {
      Series s = q.series();
      if (!s.isEmpty() && (s.bucket(0) < lo || s.bucket(s.size() - 1) > hi)) {
        throw new IllegalArgumentException("series of " + q.fingerprint().id() + " outside the period");
      }
      timed.add(q.series().isEmpty() ? q : new QueryStats(q.fingerprint(), q.sample(), q.calls(), q.totalMillis(),
          q.rows(), q.analysis(), q.latency(), q.samples(), q.rowsExamined(), q.lockMillis(), q.origins(),
          Series.of(width, q.series()), q.constants()));
    }
    return Workload.of(timed, first, last, timeline);
  }

  /** Writes the analysis of a query class into {@code o}, as snapshots and the analysis cache keep it. */
  public static void putAnalysis(ObjectNode o, StatementAnalysis analysis) {
    if (analysis instanceof StatementAnalysis.Unparsed u) {
      o.put("parser", "");
      o.put("unparsed", u.reason());
      return;
    }
    if (analysis instanceof StatementAnalysis.SystemCatalog sc) {
      o.put("parser", "");
      o.put("system", sc.object());
      return;
    }
    StatementAnalysis.Parsed p = (StatementAnalysis.Parsed) analysis;
    o.put("parser", p.parser());
    StatementProfile pr = p.profile();
    o.put("kind", pr.kind().name());
    strings(o.putArray("tables_read"), List.copyOf(new TreeSet<>(pr.tablesRead())));
    strings(o.putArray("tables_written"), List.copyOf(new TreeSet<>(pr.tablesWritten())));
    strings(o.putArray("unresolved"), pr.unresolved());
    ArrayNode accesses = o.putArray("accesses");
    for (TableAccess a : pr.accesses()) {
      ObjectNode ao = accesses.addObject();
      ao.put("table", a.table());
      ao.put("sort_served", a.sortServed());
      ao.put("limited", a.limited());
      ArrayNode uses = ao.putArray("uses");
      for (ColumnUse u : a.uses()) {
        ObjectNode uo = uses.addObject();
        uo.put("column", u.column().column());
        uo.put("kind", u.kind().name());
        uo.put("descending", u.descending());
        uo.put("detail", u.detail());
      }
    }
  }

  /** Reads a snapshot written by this or an older logdex. */
  public static Snapshot read(Reader in, String source) throws IOException, UnreadableSnapshotException {
    JsonNode root;
    try {
      root = MAPPER.readTree(in);
    } catch (JsonProcessingException e) {
      throw new UnreadableSnapshotException(source + ": not JSON: " + e.getOriginalMessage());
    }
    if (root == null || !"logdex-snapshot".equals(root.path("format").asText())) {
      throw new UnreadableSnapshotException(source + ": not a logdex snapshot (no \"format\": \"logdex-snapshot\")");
    }
    int version = root.path("version").asInt(-1);
    if (version < 1 || version > Snapshot.FORMAT_VERSION) {
      throw new UnreadableSnapshotException(source + ": snapshot format " + version + " is newer than this logdex"
          + " reads (" + Snapshot.FORMAT_VERSION + "); upgrade logdex");
    }
    try {
      Dialect dialect = Dialect.parse(root.path("dialect").asText()).orElseThrow(
          () -> new IllegalArgumentException("unknown dialect " + root.path("dialect")));
      Schema schema = readSchema(root.path("schema"), dialect);
      List<QueryStats> queries = new ArrayList<>();
      for (JsonNode q : root.path("queries")) {
        queries.add(readQuery(q));
      }
      List<InputSummary> inputs = new ArrayList<>();
      for (JsonNode i : root.path("inputs")) {
        inputs.add(new InputSummary(i.path("path").asText(), i.path("format").asText(), i.path("events").asLong(),
            longs(i.path("skipped")), texts(i.path("first_skip_at")), longs(i.path("passed_over"))));
      }
      List<Recommendation> recs = ResultJson.recommendations(root.path("recommendations"));
      List<Finding> findings = ResultJson.findings(root.path("findings"));
      java.util.Optional<dev.logdex.core.analysis.Rehearsed> rehearsal = root.has("rehearsal")
          ? java.util.Optional.of(dev.logdex.core.json.RehearsedJson.read(root.path("rehearsal")))
          : java.util.Optional.empty();
      Groups groups = Groups.NONE;
      if (root.has("groups")) {
        List<Groups.Group> members = new ArrayList<>();
        for (JsonNode g : root.path("groups").path("members")) {
          List<QueryStats> gq = new ArrayList<>();
          for (JsonNode q : g.path("queries")) {
            gq.add(readQuery(q));
          }
          members.add(new Groups.Group(g.path("name").asText(), g.path("statements").asLong(), readWorkload(g, gq)));
        }
        groups = new Groups(root.path("groups").path("by").asText(), members);
      }
      return new Snapshot(root.path("logdex").asText(), schema, readWorkload(root, queries), inputs,
          root.path("statements").asLong(), recs, findings, rehearsal, strings(root.path("class_filters")), groups);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new UnreadableSnapshotException(source + ": damaged snapshot: " + e.getMessage());
    }
  }

  private static Schema readSchema(JsonNode s, Dialect dialect) {
    if (!s.path("given").asBoolean(true)) {
      return Schema.none(dialect);
    }
    List<Table> tables = new ArrayList<>();
    for (JsonNode t : s.path("tables")) {
      String name = t.path("name").asText();
      List<Column> cols = new ArrayList<>();
      for (JsonNode c : t.path("columns")) {
        cols.add(new Column(c.path("name").asText(), c.path("type").asText(), c.path("nullable").asBoolean(),
            c.path("distinct").asDouble(-1), c.path("equality_match").asDouble(-1)));
      }
      List<Index> ixs = new ArrayList<>();
      for (JsonNode i : t.path("indexes")) {
        ixs.add(new Index(i.path("name").asText(), name, strings(i.path("keys")), i.path("unique").asBoolean(),
            i.path("primary").asBoolean(), i.path("method").asText(), i.path("where").asText(),
            i.path("implicit").asBoolean()));
      }
      List<ForeignKey> fks = new ArrayList<>();
      for (JsonNode f : t.path("foreign_keys")) {
        fks.add(new ForeignKey(f.path("name").asText(), name, strings(f.path("columns")),
            f.path("references").asText(), strings(f.path("referenced_columns")), f.path("on_delete").asText()));
      }
      tables.add(new Table(t.path("schema").asText(), name, cols, ixs, fks, t.path("rows").asLong(-1),
          strings(t.path("partition_key")), partitions(t.path("partitions"))));
    }
    List<IndexUsage> usage = new ArrayList<>();
    for (JsonNode u : s.path("index_usage")) {
      usage.add(new IndexUsage(u.path("table").asText(), u.path("index").asText(), u.path("scans").asLong(),
          u.path("size_bytes").asLong(), u.path("since").asText(), u.path("days").asDouble(-1)));
    }
    return new Schema(dialect, tables, Set.copyOf(strings(s.path("tables_with_triggers"))),
        s.path("whole_database").asBoolean(), usage);
  }

  private static QueryStats readQuery(JsonNode q) {
    Fingerprint fp = new Fingerprint(q.path("fingerprint").asText(), q.path("normalized").asText());
    StatementAnalysis analysis = readAnalysis(q);
    Latency latency = q.has("latency") ? Latency.decode(q.path("latency").path("sketch").asText()) : Latency.NONE;
    List<String> samples = new ArrayList<>(List.of(q.path("sample").asText()));
    q.path("more_samples").forEach(x -> samples.add(x.asText()));
    return new QueryStats(fp, q.path("sample").asText(), q.path("calls").asLong(), q.path("total_ms").asDouble(),
        q.path("rows").asLong(-1), analysis, latency, samples, q.path("rows_examined").asLong(-1),
        q.path("lock_ms").asDouble(0), ResultJson.origins(q), readSeries(q.path("series")),
        readConstants(q.path("literals")));
  }

  private static java.time.Instant instant(JsonNode n) {
    try {
      return java.time.Instant.parse(n.asText());
    } catch (java.time.format.DateTimeParseException e) {
      throw new IllegalArgumentException("not a time: '" + n.asText() + "'");
    }
  }

  private static Constants readConstants(JsonNode l) {
    if (l.isMissingNode()) {
      return Constants.NONE;
    }
    Map<Integer, Long> constant = new java.util.TreeMap<>();
    l.path("constant").fields().forEachRemaining(e -> constant.put(Integer.parseInt(e.getKey()),
        Long.parseUnsignedLong(e.getValue().asText(), 16)));
    return Constants.of(l.path("count").asInt(-1), constant);
  }

  /** A class's series as written, at the finest width; the timeline's width is set once the snapshot is read. */
  private static Series readSeries(JsonNode s) {
    if (s.isMissingNode()) {
      return Series.NONE;
    }
    long[] buckets = new long[s.path("buckets").size()];
    long[] calls = new long[buckets.length];
    double[] ms = new double[buckets.length];
    for (int i = 0; i < buckets.length; i++) {
      buckets[i] = s.path("buckets").path(i).asLong();
      calls[i] = s.path("calls").path(i).asLong(-1);
      ms[i] = s.path("ms").path(i).asDouble(-1);
    }
    return Series.of(1, buckets, calls, ms, instant(s.path("first")), instant(s.path("last")));
  }

  /**
   * Reads what {@link #putAnalysis} wrote.
   *
   * @throws IllegalArgumentException when a use or statement kind is unknown
   */
  public static StatementAnalysis readAnalysis(JsonNode q) {
    StatementAnalysis analysis;
    if (q.has("unparsed")) {
      analysis = new StatementAnalysis.Unparsed(q.path("unparsed").asText());
    } else if (q.has("system")) {
      analysis = new StatementAnalysis.SystemCatalog(q.path("system").asText());
    } else {
      List<TableAccess> accesses = new ArrayList<>();
      for (JsonNode a : q.path("accesses")) {
        String table = a.path("table").asText();
        List<ColumnUse> uses = new ArrayList<>();
        for (JsonNode u : a.path("uses")) {
          uses.add(new ColumnUse(new ColumnRef(table, u.path("column").asText()), UseKind.valueOf(
              u.path("kind").asText()), u.path("descending").asBoolean(), u.path("detail").asText()));
        }
        accesses.add(new TableAccess(table, uses, a.path("sort_served").asBoolean(), a.path("limited").asBoolean()));
      }
      analysis = new StatementAnalysis.Parsed(new StatementProfile(StatementKind.valueOf(q.path("kind").asText()),
          accesses, Set.copyOf(strings(q.path("tables_read"))), Set.copyOf(strings(q.path("tables_written"))),
          strings(q.path("unresolved"))), q.path("parser").asText());
    }
    return analysis;
  }

  private static void strings(ArrayNode a, List<String> values) {
    values.forEach(a::add);
  }

  private static List<String> strings(JsonNode a) {
    List<String> out = new ArrayList<>();
    a.forEach(x -> out.add(x.asText()));
    return out;
  }

  private static void putMap(ObjectNode o, Map<String, Long> m) {
    m.forEach(o::put);
  }

  private static Map<String, Long> longs(JsonNode o) {
    Map<String, Long> m = new LinkedHashMap<>();
    o.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asLong()));
    return m;
  }

  private static Map<String, String> texts(JsonNode o) {
    Map<String, String> m = new LinkedHashMap<>();
    o.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asText()));
    return m;
  }

  private static void partitions(ArrayNode to, List<dev.logdex.core.model.Partition> partitions) {
    for (dev.logdex.core.model.Partition p : partitions) {
      ObjectNode po = to.addObject();
      po.put("schema", p.schema());
      po.put("name", p.name());
      if (p.partitioned()) {
        po.put("partitioned", true);
        partitions(po.putArray("partitions"), p.partitions());
      }
    }
  }

  private static List<dev.logdex.core.model.Partition> partitions(JsonNode from) {
    List<dev.logdex.core.model.Partition> out = new ArrayList<>();
    for (JsonNode p : from) {
      out.add(new dev.logdex.core.model.Partition(p.path("schema").asText(), p.path("name").asText(),
          p.path("partitioned").asBoolean(), partitions(p.path("partitions"))));
    }
    return out;
  }
}
