package dev.logdex.core.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.logdex.core.analysis.Analysis;
import dev.logdex.core.fingerprint.Fingerprinter;
import dev.logdex.core.model.Dialect;
import dev.logdex.core.model.QueryEvent;
import dev.logdex.core.recommend.Recommendation;
import dev.logdex.core.rules.LintConfig;
import dev.logdex.core.schema.DdlSchemaLoader;
import dev.logdex.core.schema.Schema;
import dev.logdex.core.sql.StatementAnalyzer;
import dev.logdex.core.workload.Workload;
import dev.logdex.core.workload.WorkloadBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import dev.logdex.core.model.StatementKind;
import org.junit.jupiter.api.Test;

class SnapshotTest {

  static final Schema SCHEMA = new DdlSchemaLoader(Optional.of(Dialect.POSTGRESQL)).load("""
      CREATE TABLE users (id bigint PRIMARY KEY, email text, deleted_at timestamptz);
      CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint REFERENCES users (id), total int);
      """, "t").schema();

  /** Statements of a small app, each (text, calls, ms). */
  static final Object[][] LOG_A = {
    {"SELECT * FROM users WHERE email = 'a@x'", 5, 50.0},
    {"SELECT * FROM orders WHERE user_id = 1", 3, 90.0},
  };
  static final Object[][] LOG_B = {
    {"SELECT * FROM users WHERE email = 'b@x'", 2, 20.0},
    {"SELECT * FROM orders WHERE user_id = 2 AND total > 5", 4, 10.0},
    {"DELETE FROM users WHERE id = 9", 1, 1.0},
  };

  private static Workload workload(Object[][]... logs) {
    SimpleMeterRegistry reg = new SimpleMeterRegistry();
    WorkloadBuilder b = new WorkloadBuilder(Fingerprinter.standard(), new StatementAnalyzer(SCHEMA, reg), reg);
    for (Object[][] log : logs) {
      for (Object[] e : log) {
        b.accept(new QueryEvent("t", 1, "", "", (Integer) e[1], (Double) e[2], -1, (String) e[0]));
      }
    }
    return b.build();
  }

  private static Snapshot snapshot(Workload w) {
    return Snapshots.of("test", SCHEMA, w,
        Analysis.run("test", SCHEMA, w, List.of(), w.totalCalls(), List.of(), LintConfig.defaults()));
  }

  private static String json(Snapshot s) throws Exception {
    StringWriter out = new StringWriter();
    SnapshotJson.write(s, out);
    return out.toString();
  }

  @Test
  void aSnapshotReadBackWritesTheSameBytes() throws Exception {
    String first = json(snapshot(workload(LOG_A, LOG_B)));
    Snapshot read = SnapshotJson.read(new StringReader(first), "a.json");
    assertThat(json(read)).isEqualTo(first);
    assertThat(read.workload().totalCalls()).isEqualTo(15);
    assertThat(read.recommendations()).isNotEmpty();
    assertThat(json(snapshot(workload(LOG_A, LOG_B)))).as("the same input twice").isEqualTo(first);
  }

  @Test
  void mergeEqualsAnalysingAllTheLogsAtOnceInAnyOrder() throws Exception {
    Snapshot a = snapshot(workload(LOG_A));
    Snapshot b = snapshot(workload(LOG_B));
    String all = json(snapshot(workload(LOG_A, LOG_B)));
    String ab = json(Snapshots.merge("test", List.of(a, b), LintConfig.defaults()));
    String ba = json(Snapshots.merge("test", List.of(b, a), LintConfig.defaults()));
    assertThat(ab).isEqualTo(ba);
    assertThat(ab).isEqualTo(json(snapshot(workload(LOG_B, LOG_A))));
    assertThat(ab).isEqualTo(all);
  }

  @Test
  void snapshotsOfDifferentSchemasDoNotMerge() {
    Schema other = new DdlSchemaLoader().load("CREATE TABLE t (id int);", "t").schema();
    Snapshot a = snapshot(workload(LOG_A));
    Snapshot b = new Snapshot("test", other, Workload.empty(), List.of(), 0, List.of(), List.of());
    assertThatThrownBy(() -> Snapshots.merge("test", List.of(a, b), LintConfig.defaults()))
        .hasMessageContaining("another schema");
  }

  @Test
  void aVersionOneSnapshotFromTheRepositoryStillReads() throws Exception {
    // Written by logdex 0.1.0 (format 1). Kept unchanged: every later logdex must read it.
    Path v1 = Path.of("src/test/resources/snapshot/v1.json");
    Snapshot s = SnapshotJson.read(Files.newBufferedReader(v1), v1.toString());
    assertThat(s.schema().table("orders")).isPresent();
    assertThat(s.workload().queries()).hasSize(18);
    assertThat(s.statements()).isEqualTo(12_028);
    assertThat(s.findings()).hasSize(25);
    Recommendation first = s.recommendations().get(0);
    assertThat(first.index().table()).isEqualTo("order_items");
    assertThat(first.index().keys()).containsExactly("order_id");
    assertThat(first.index().where()).as("format 1 wrote \"\" for a full index").isEmpty();
    assertThat(first.benefit()).isEqualTo(32281.581);
    assertThat(first.queries()).singleElement().satisfies(q -> {
      assertThat(q.fingerprint()).isEqualTo("294f8fd7d198011f");
      assertThat(q.calls()).isEqualTo(874);
    });
    // Written in today's format it reads back as the same recommendations (times to the microsecond), and a
    // second round trip changes nothing.
    Snapshot back = roundTrip(s);
    assertThat(back.recommendations()).extracting(Recommendation::ddl)
        .isEqualTo(s.recommendations().stream().map(Recommendation::ddl).toList());
    assertThat(back.findings()).isEqualTo(s.findings());
    assertThat(roundTrip(back).recommendations()).isEqualTo(back.recommendations());
  }

  private static Snapshot roundTrip(Snapshot s) throws Exception {
    java.io.StringWriter out = new java.io.StringWriter();
    SnapshotJson.write(s, out);
    return SnapshotJson.read(new java.io.StringReader(out.toString()), "again.json");
  }

  @Test
  void aNewerOrForeignFileIsRefusedWithAReason() {
    assertThatThrownBy(() -> SnapshotJson.read(new StringReader("{\"format\":\"logdex-snapshot\",\"version\":99}"),
        "new.json")).hasMessageContaining("new.json: snapshot format 99 is newer");
    assertThatThrownBy(() -> SnapshotJson.read(new StringReader("{\"rows\":[]}"), "x.json"))
        .hasMessageContaining("x.json: not a logdex snapshot");
    assertThatThrownBy(() -> SnapshotJson.read(new StringReader("{oops"), "y.json"))
        .hasMessageContaining("y.json: not JSON");
    // A timed class whose buckets lie far outside the period it claims: refused, not drawn bucket by bucket.
    String damaged = "{\"format\":\"logdex-snapshot\",\"version\":1,\"dialect\":\"postgresql\","
        + "\"period\":{\"first\":\"2026-11-28T10:00:00Z\",\"last\":\"2026-11-28T11:00:00Z\"},"
        + "\"timeline\":{\"width_s\":60,\"latency\":{}},\"queries\":[{\"fingerprint\":\"ab\",\"normalized\":"
        + "\"select 1\",\"sample\":\"SELECT 1\",\"calls\":2,\"total_ms\":1.0,\"parser\":\"\",\"unparsed\":\"x\","
        + "\"series\":{\"first\":"
        + "\"2026-11-28T10:00:00Z\",\"last\":\"2026-11-28T10:00:00Z\",\"buckets\":[0,99999999999],"
        + "\"calls\":[1,1],\"ms\":[0.5,0.5]}}]}";
    assertThatThrownBy(() -> SnapshotJson.read(new StringReader(damaged), "z.json"))
        .hasMessageContaining("z.json: damaged snapshot: series of ab outside the period");
  }

  @Test
  void everyFieldWrittenIsDeclaredInTheDocumentedSchema() throws Exception {
    var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
    var doc = mapper.readTree(Files.readString(Path.of("../docs/snapshot.schema.json")));
    var snap = mapper.readTree(json(snapshot(workload(LOG_A, LOG_B))));
    List<String> undeclared = new ArrayList<>();
    check(snap, doc, "$", doc, undeclared);
    assertThat(undeclared).isEmpty();
  }

  @Test
  void aPartitionedTablesPartitionsAndTheIndexesOnThemReadBackAndAreDeclared() throws Exception {
    Schema partitioned = new DdlSchemaLoader(Optional.of(Dialect.POSTGRESQL)).load("""
        CREATE TABLE "Events" (id bigint, account int, at date, kind int) PARTITION BY RANGE (at);
        CREATE TABLE events_2024 PARTITION OF "Events" FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')
          PARTITION BY LIST (kind);
        CREATE TABLE events_2024_1 PARTITION OF events_2024 FOR VALUES IN (1);
        CREATE TABLE events_default PARTITION OF "Events" DEFAULT;
        """, "t").schema();
    SimpleMeterRegistry reg = new SimpleMeterRegistry();
    WorkloadBuilder b = new WorkloadBuilder(Fingerprinter.standard(), new StatementAnalyzer(partitioned, reg), reg);
    b.accept(new QueryEvent("t", 1, "", "", 40, 800.0, -1, "SELECT * FROM \"Events\" WHERE account = 7"));
    Workload w = b.build();
    Snapshot snap = Snapshots.of("test", partitioned, w, Analysis.run("test", partitioned, w, List.of(),
        w.totalCalls(), List.of(), LintConfig.defaults()));
    assertThat(snap.recommendations()).singleElement()
        .satisfies(r -> assertThat(r.fix().onPartitions()).hasSize(2));
    String first = json(snap);
    Snapshot read = SnapshotJson.read(new StringReader(first), "a.json");
    assertThat(json(read)).isEqualTo(first);
    assertThat(read.schema().table("Events").orElseThrow().partitions())
        .isEqualTo(partitioned.table("Events").orElseThrow().partitions());
    assertThat(read.recommendations()).isEqualTo(snap.recommendations());
    var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
    var doc = mapper.readTree(Files.readString(Path.of("../docs/snapshot.schema.json")));
    List<String> undeclared = new ArrayList<>();
    check(mapper.readTree(first), doc, "$", doc, undeclared);
    assertThat(undeclared).isEmpty();
  }

  @Test
  void aRehearsalIsKeptAndEveryOneOfItsFieldsIsDeclared() throws Exception {
    var timing = new dev.logdex.core.analysis.Rehearsed.Timing(0.9, 1.0, 1.2, false, "", java.util.Set.of("i"));
    var failed = new dev.logdex.core.analysis.Rehearsed.Timing(10_000, 10_000, 10_000, true, "canceled",
        java.util.Set.of());
    var r = new dev.logdex.core.analysis.Rehearsed("shop", "shop_copy", "template", 1024, 0.5, true, 3, 1, 10,
        List.of(new dev.logdex.core.analysis.Rehearsed.Applied(
            new dev.logdex.core.analysis.Rehearsed.Step("V1__x.sql", 1, "CREATE INDEX i ON t (a)"), 3.5, 1.5, "boom")),
        List.of(new dev.logdex.core.analysis.Rehearsed.ClassResult("q1", "SELECT 1", StatementKind.SELECT, 4,
                java.util.Optional.of(failed), java.util.Optional.of(timing), ""),
            new dev.logdex.core.analysis.Rehearsed.ClassResult("q2", "SELECT $1", StatementKind.SELECT, 2,
                java.util.Optional.empty(), java.util.Optional.empty(), "no values")),
        List.of(new dev.logdex.core.analysis.Rehearsed.IndexResult("t", "i", "V1__x.sql", 3.5, 8192, List.of("q1"),
            36_000, dev.logdex.core.analysis.Rehearsed.Verdict.MEASURED_FASTER)),
        List.of("a sample"));
    Snapshot plain = snapshot(workload(LOG_A));
    Snapshot with = new Snapshot(plain.logdexVersion(), plain.schema(), plain.workload(), plain.inputs(),
        plain.statements(), plain.recommendations(), plain.findings(), java.util.Optional.of(r));
    assertThat(roundTrip(with).rehearsal()).contains(r);
    var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
    var doc = mapper.readTree(Files.readString(Path.of("../docs/snapshot.schema.json")));
    List<String> undeclared = new ArrayList<>();
    check(mapper.readTree(json(with)), doc, "$", doc, undeclared);
    assertThat(undeclared).isEmpty();
  }

  /** Walks the instance beside the schema: every object key must be a declared property. */
  private static void check(com.fasterxml.jackson.databind.JsonNode value, com.fasterxml.jackson.databind.JsonNode s,
      String path, com.fasterxml.jackson.databind.JsonNode root, List<String> undeclared) {
    if (s.has("$ref")) {
      String ref = s.get("$ref").asText().replace("#/$defs/", "");
      s = root.get("$defs").get(ref);
    }
    if (value.isObject()) {
      var props = s.path("properties");
      var additional = s.path("additionalProperties");
      var it = value.fields();
      while (it.hasNext()) {
        var e = it.next();
        if (props.has(e.getKey())) {
          check(e.getValue(), props.get(e.getKey()), path + "." + e.getKey(), root, undeclared);
        } else if (additional.isObject()) {
          check(e.getValue(), additional, path + "." + e.getKey(), root, undeclared);
        } else {
          undeclared.add(path + "." + e.getKey());
        }
      }
    } else if (value.isArray() && s.has("items")) {
      for (var item : value) {
        check(item, s.get("items"), path + "[]", root, undeclared);
      }
    }
  }
}
