package dev.logdex.core.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.logdex.core.model.Fix;
import dev.logdex.core.recommend.IndexCandidate;
import dev.logdex.core.recommend.Recommendation;
import dev.logdex.core.recommend.ServedQuery;
import dev.logdex.core.rules.Finding;
import dev.logdex.core.rules.Severity;
import java.util.ArrayList;
import java.util.List;

/**
 * The one JSON form of the analysis's results, written by the JSON report and the snapshot alike and read back
 * from snapshots: a recommendation or a finding means the same in both files.
 */
public final class ResultJson {
  private ResultJson() {}

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /**
   * Where a class's calls came from, into {@code o}: {@code databases}, {@code users}, {@code hosts} and
   * {@code applications} (calls per name, the first names kept) and {@code other_databases} and the like (the calls
   * of the rest); nothing of what no log said.
   */
  public static void putOrigins(ObjectNode o, dev.logdex.core.workload.Origins origins) {
    putNames(o, "databases", origins.databases(), origins.otherDatabases());
    putNames(o, "users", origins.users(), origins.otherUsers());
    putNames(o, "hosts", origins.hosts(), origins.otherHosts());
    putNames(o, "applications", origins.applications(), origins.otherApplications());
  }

  /** Calls by name as {@code field}, and those of the names beyond the kept ones as {@code other_field}. */
  private static void putNames(ObjectNode o, String field, java.util.Map<String, Long> names, long other) {
    if (!names.isEmpty()) {
      names.forEach(o.putObject(field)::put);
    }
    if (other > 0) {
      o.put("other_" + field, other);
    }
  }

  /** What {@link #putOrigins} wrote. */
  public static dev.logdex.core.workload.Origins origins(JsonNode o) {
    dev.logdex.core.workload.Origins read = new dev.logdex.core.workload.Origins(names(o.path("databases")),
        names(o.path("users")), o.path("other_databases").asLong(0), o.path("other_users").asLong(0),
        names(o.path("hosts")), o.path("other_hosts").asLong(0), names(o.path("applications")),
        o.path("other_applications").asLong(0));
    return read.isEmpty() ? dev.logdex.core.workload.Origins.NONE : read;
  }

  private static java.util.Map<String, Long> names(JsonNode o) {
    java.util.Map<String, Long> m = new java.util.TreeMap<>();
    o.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asLong()));
    return m;
  }

  /** Recommendations as a JSON array. {@code where} is null for a full index. */
  public static ArrayNode recommendations(List<Recommendation> list) {
    ArrayNode recs = NODES.arrayNode();
    list.forEach(rec -> recs.add(recommendation(rec)));
    return recs;
  }

  /** One recommendation as a JSON object. */
  public static ObjectNode recommendation(Recommendation rec) {
    ObjectNode o = NODES.objectNode();
    o.put("rank", rec.rank());
    if (!rec.schema().isEmpty()) {
      o.put("schema", rec.schema());
    }
    if (rec.fix().partitioned()) {
      o.put("partitioned", true);
    }
    onPartitions(o, rec.fix().onPartitions());
    o.put("table", rec.index().table());
    ArrayNode cols = o.putArray("columns");
    rec.index().keys().forEach(cols::add);
    o.put("equality_prefix", rec.index().equalityPrefix());
    if (rec.index().where().isEmpty()) {
      o.putNull("where");
    } else {
      o.put("where", rec.index().where());
    }
    if (!rec.index().include().isEmpty()) {
      rec.index().include().forEach(o.putArray("include")::add);
    }
    generatedTypes(o, rec.fix().generatedTypes());
    o.put("unique", false);
    o.put("name", rec.name());
    o.put("ddl", rec.ddl());
    o.put("benefit", rec.benefit());
    o.put("reason", rec.reason());
    ArrayNode qs = o.putArray("queries");
    for (ServedQuery q : rec.queries()) {
      ObjectNode qo = qs.addObject();
      qo.put("fingerprint", q.fingerprint());
      qo.put("sample", q.sample());
      qo.put("calls", q.calls());
      qo.put("total_ms", millis(q.totalMillis()));
    }
    return o;
  }

  /** Recommendations read back; an older snapshot's {@code ""} for a full index reads as null does. */
  public static List<Recommendation> recommendations(JsonNode array) {
    List<Recommendation> recs = new ArrayList<>();
    for (JsonNode r : array) {
      List<ServedQuery> served = new ArrayList<>();
      for (JsonNode q : r.path("queries")) {
        served.add(new ServedQuery(q.path("fingerprint").asText(), q.path("sample").asText(),
            q.path("calls").asLong(), q.path("total_ms").asDouble()));
      }
      String where = r.path("where").isTextual() ? r.path("where").asText() : "";
      IndexCandidate index = new IndexCandidate(r.path("table").asText(), strings(r.path("columns")),
          r.path("equality_prefix").asInt(), where, strings(r.path("include")));
      // "table" names it as logdex does (app.users); the fix wants the table's own name within its schema.
      String schema = r.path("schema").asText("");
      String table = !schema.isEmpty() && index.table().startsWith(schema + ".")
          ? index.table().substring(schema.length() + 1) : index.table();
      recs.add(new Recommendation(r.path("rank").asInt(), index, new Fix.CreateIndex(schema, table,
          r.path("name").asText(), index.keys(), where, r.path("partitioned").asBoolean(), index.include(),
          generatedTypes(r.path("generated_types")), onPartitions(r.path("on_partitions"))),
          r.path("ddl").asText(),
          r.path("benefit").asDouble(), r.path("reason").asText(), served));
    }
    return recs;
  }

  /** Findings as a JSON array, as {@code analyze}, {@code lint} and snapshots write them. */
  public static ArrayNode findings(List<Finding> list) {
    ArrayNode findings = NODES.arrayNode();
    list.forEach(f -> findings.add(finding(f)));
    return findings;
  }

  /** One finding as a JSON object. */
  public static ObjectNode finding(Finding f) {
    ObjectNode o = NODES.objectNode();
    o.put("rule", f.rule());
    o.put("severity", f.severity().label());
    o.put("table", f.table());
    ArrayNode cols = o.putArray("columns");
    f.columns().forEach(cols::add);
    o.put("message", f.message());
    o.put("fix", f.fix());
    change(f.change()).ifPresent(c -> o.set("change", c));
    return o;
  }

  /** A fix that changes something, as JSON; empty for advice, which its "fix" text says in full. */
  static java.util.Optional<ObjectNode> change(Fix fix) {
    ObjectNode o = NODES.objectNode();
    if (fix instanceof Fix.CreateIndex c) {
      o.put("type", "create_index").put("schema", c.schema()).put("table", c.table()).put("name", c.name());
      c.keys().forEach(o.putArray("keys")::add);
      o.put("where", c.where());
      o.put("partitioned", c.partitioned());
      onPartitions(o, c.onPartitions());
      if (!c.include().isEmpty()) {
        c.include().forEach(o.putArray("include")::add);
      }
      generatedTypes(o, c.generatedTypes());
    } else if (fix instanceof Fix.DropIndex d) {
      o.put("type", "drop_index").put("schema", d.schema()).put("table", d.table()).put("name", d.name());
      o.put("partitioned", d.partitioned());
    } else if (fix instanceof Fix.AddForeignKey f) {
      o.put("type", "add_foreign_key").put("schema", f.schema()).put("table", f.table());
      f.columns().forEach(o.putArray("columns")::add);
      o.put("parent_schema", f.parentSchema());
      o.put("partitioned", f.partitioned());
      o.put("parent", f.parent());
      f.parentColumns().forEach(o.putArray("parent_columns")::add);
    } else {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(o);
  }

  /** The change a finding's JSON holds, or its fix text as advice (as older snapshots have it). */
  static Fix change(JsonNode finding) {
    JsonNode c = finding.path("change");
    return switch (c.path("type").asText()) {
      case "create_index" -> new Fix.CreateIndex(c.path("schema").asText(), c.path("table").asText(),
          c.path("name").asText(), strings(c.path("keys")), c.path("where").asText(),
          c.path("partitioned").asBoolean(), strings(c.path("include")), generatedTypes(c.path("generated_types")),
          onPartitions(c.path("on_partitions")));
      case "drop_index" -> new Fix.DropIndex(c.path("schema").asText(), c.path("table").asText(),
          c.path("name").asText(), c.path("partitioned").asBoolean());
      case "add_foreign_key" -> new Fix.AddForeignKey(c.path("schema").asText(), c.path("table").asText(),
          strings(c.path("columns")), c.path("parent_schema").asText(), c.path("parent").asText(),
          strings(c.path("parent_columns")), c.path("partitioned").asBoolean());
      default -> new Fix.Review(finding.path("fix").asText());
    };
  }

  /** The indexes a new index has on a partitioned table's partitions, under {@code on_partitions} when it has any. */
  private static void onPartitions(ObjectNode o, List<Fix.PartitionIndex> partitions) {
    if (!partitions.isEmpty()) {
      partitionIndexes(o.putArray("on_partitions"), partitions);
    }
  }

  private static void partitionIndexes(ArrayNode to, List<Fix.PartitionIndex> partitions) {
    for (Fix.PartitionIndex p : partitions) {
      ObjectNode po = to.addObject();
      po.put("schema", p.schema()).put("table", p.table()).put("name", p.name());
      if (p.partitioned()) {
        po.put("partitioned", true);
        partitionIndexes(po.putArray("on_partitions"), p.partitions());
      }
    }
  }

  private static List<Fix.PartitionIndex> onPartitions(JsonNode array) {
    List<Fix.PartitionIndex> out = new ArrayList<>();
    for (JsonNode p : array) {
      out.add(new Fix.PartitionIndex(p.path("schema").asText(), p.path("table").asText(), p.path("name").asText(),
          p.path("partitioned").asBoolean(), onPartitions(p.path("on_partitions"))));
    }
    return out;
  }

  /** Findings read back. */
  public static List<Finding> findings(JsonNode array) {
    List<Finding> findings = new ArrayList<>();
    for (JsonNode f : array) {
      findings.add(new Finding(f.path("rule").asText(), Severity.parse(f.path("severity").asText())
          .orElse(Severity.INFO), f.path("table").asText(), strings(f.path("columns")), f.path("message").asText(),
          f.path("fix").asText(), change(f)));
    }
    return findings;
  }

  /** Milliseconds to the microsecond: what a log's times carry. */
  static double millis(double v) {
    return Math.round(v * 1000.0) / 1000.0;
  }

  /** MySQL's generated column types of an index's expression keys, by key, when it has any. */
  private static void generatedTypes(ObjectNode o, java.util.Map<String, String> types) {
    if (!types.isEmpty()) {
      ObjectNode t = o.putObject("generated_types");
      new java.util.TreeMap<>(types).forEach(t::put);
    }
  }

  private static java.util.Map<String, String> generatedTypes(JsonNode object) {
    java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
    object.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
    return out;
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }
}
