package dev.logdex.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.logdex.core.Corpus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What logdex assumes when its inputs do not say, and that it always says so. */
class AssumptionsTest {
  private static final String LOG = "../sample-logs/shop/pg_stat_statements.csv";

  @TempDir Path dir;

  private final CliRun cli = new CliRun();

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"text", "markdown", "html", "json"})
  void withoutASchemaEveryReportFormatSaysSoAtItsTop(String format) {
    assertThat(cli.run("analyze", "--format", format, LOG)).isZero();
    String out = cli.out();
    int note = out.indexOf("No schema given");
    assertThat(note).as(out).isGreaterThanOrEqualTo(0);
    assertThat(out.indexOf("idx_")).as("the note comes before any recommendation").isGreaterThan(note);
    assertThat(cli.err()).contains("no schema given");
  }

  @Test
  void withoutASchemaJsonHasANullSchemaAndLikelyPrimaryKeysAreLeftOut() throws Exception {
    assertThat(cli.run("analyze", "--format", "json", LOG)).isZero();
    JsonNode root = new ObjectMapper().readTree(cli.out());
    assertThat(root.get("schema").isNull()).isTrue();
    List<String> indexed = new ArrayList<>();
    root.get("recommendations").forEach(r -> indexed.add(r.get("table").asText() + "("
        + String.join(",", strings(r.get("columns"))) + ")"));
    assertThat(indexed).as("users.id and products.id are primary keys in the real schema")
        .noneMatch(i -> i.endsWith("(id)") || i.startsWith("users(id") || i.startsWith("products(id"));
    assertThat(root.get("notes").toString()).contains("users(id)").contains("products(id)");
    root.get("recommendations").forEach(r -> assertThat(r.get("checked_against_schema").asBoolean(true))
        .as("each recommendation says it was not checked").isFalse());
  }

  @Test
  void withASchemaNothingIsSaidAboutIt() throws Exception {
    assertThat(cli.run("analyze", "--schema", "../sample-logs/shop/schema.sql", "--format", "json", LOG)).isZero();
    JsonNode root = new ObjectMapper().readTree(cli.out());
    assertThat(root.get("schema").isObject()).isTrue();
    assertThat(root.get("notes")).isEmpty();
    assertThat(cli.err()).doesNotContain("no schema");
  }

  @Test
  void migrateRefusesToWriteFromLogsAloneUnlessTold() throws Exception {
    Path to = dir.resolve("m");
    assertThat(cli.run("migrate", "--to", to.toString(), LOG)).isEqualTo(2);
    assertThat(cli.err()).contains("no schema given").contains("--no-schema");
    assertThat(to).doesNotExist();
    CliRun again = new CliRun();
    assertThat(again.run("migrate", "--to", to.toString(), "--no-schema", LOG)).isZero();
    assertThat(to).isDirectory();
  }

  @Test
  void aSnapshotMadeWithoutASchemaKeepsThatAndMigrateRefusesIt() throws Exception {
    Path snap = dir.resolve("day.json");
    assertThat(cli.run("analyze", "--save", snap.toString(), LOG)).isZero();
    CliRun m = new CliRun();
    assertThat(m.run("migrate", "--to", dir.resolve("m").toString(), "--from", snap.toString())).isEqualTo(2);
    assertThat(m.err()).contains("without a schema");
  }

  @Test
  void aNeutralSchemaWithAMysqlSlowLogGivesMysqlDdl() throws Exception {
    Path schema = Files.writeString(dir.resolve("schema.sql"),
        "CREATE TABLE orders (id int PRIMARY KEY, customer_id int, status varchar(20));\n");
    Path log = Files.writeString(dir.resolve("slow.log"), """
        # Time: 2024-05-01T10:00:00.000000Z
        # User@Host: app[app] @ localhost []  Id:     8
        # Query_time: 2.500000  Lock_time: 0.000100 Rows_sent: 1  Rows_examined: 500000
        SET timestamp=1714557600;
        SELECT * FROM orders WHERE customer_id = 42 AND status = 'open';
        """);
    assertThat(cli.run("analyze", "--schema", schema.toString(), log.toString())).isZero();
    assertThat(cli.out()).contains("ALTER TABLE orders ADD INDEX").doesNotContain("CONCURRENTLY");
    assertThat(cli.err()).doesNotContain("assumed");
  }

  @Test
  void whenNeitherTheSchemaNorTheLogsSayTheAssumedDialectIsNamed() throws Exception {
    Path schema = Files.writeString(dir.resolve("schema.sql"),
        "CREATE TABLE orders (id int PRIMARY KEY, customer_id int);\n");
    Path sql = Files.writeString(dir.resolve("queries.sql"), "SELECT * FROM orders WHERE customer_id = 1;\n");
    assertThat(cli.run("analyze", "--schema", schema.toString(), "--input-format", "sql", sql.toString())).isZero();
    assertThat(cli.err()).contains("assumed postgresql").contains("--dialect mysql");
    assertThat(cli.out()).contains("assumed postgresql");
  }

  @Test
  void aSchemaAndLogsThatDisagreeAreSaid() throws Exception {
    Path schema = Files.writeString(dir.resolve("schema.sql"),
        "CREATE TABLE orders (id bigserial PRIMARY KEY, customer_id int);\n");
    Path log = Files.writeString(dir.resolve("slow.log"), """
        # Time: 2024-05-01T10:00:00.000000Z
        # Query_time: 2.500000  Lock_time: 0.000100 Rows_sent: 1  Rows_examined: 500000
        SELECT * FROM orders WHERE customer_id = 42;
        """);
    assertThat(cli.run("analyze", "--schema", schema.toString(), log.toString())).isZero();
    assertThat(cli.err()).contains("reads as postgresql").contains("logs come from mysql");
  }

  @Test
  void systemCatalogQueriesAreCountedAndNeverRecommended() throws Exception {
    Path log = Files.writeString(dir.resolve("pgss.csv"), """
        query,calls,total_exec_time,rows
        "SELECT c.relname FROM pg_catalog.pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = $1",900,5000,900
        "SELECT setting FROM pg_settings WHERE name = $1",900,4000,900
        "SELECT table_name FROM information_schema.columns WHERE table_schema = $1",50,300,50
        "SELECT * FROM orders WHERE customer_id = $1",100,900,100
        """);
    assertThat(cli.run("analyze", "--format", "json", log.toString())).isZero();
    JsonNode root = new ObjectMapper().readTree(cli.out());
    assertThat(root.at("/summary/system_queries/distinct").asLong()).isEqualTo(3);
    assertThat(root.get("recommendations")).singleElement()
        .satisfies(r -> assertThat(r.get("table").asText()).isEqualTo("orders"));
    assertThat(root.get("top_queries")).singleElement()
        .satisfies(q -> assertThat(q.get("sample").asText()).contains("orders"));
  }

  /** Every corpus log, analysed with no schema: no recommendation may name a system object. */
  @Test
  void noCorpusLogGetsAnIndexOnASystemObject() throws Exception {
    Path root = Corpus.root();
    List<Path> logs = new ArrayList<>();
    for (String d : List.of("pg-logs", "mysql-slow", "mysql-general")) {
      try (Stream<Path> s = Files.list(root.resolve(d))) {
        s.filter(p -> !p.getFileName().toString().endsWith(".sql")).sorted().forEach(logs::add);
      }
    }
    assertThat(logs).hasSizeGreaterThan(20);
    for (Path log : logs) {
      CliRun run = new CliRun();
      int code = run.run("analyze", "--quiet", "--format", "json", log.toString());
      if (code != 0) {
        assertThat(run.err()).as(log.toString()).doesNotContain("internal error");
        continue;
      }
      JsonNode r = new ObjectMapper().readTree(run.out());
      r.get("recommendations").forEach(rec -> {
        String table = rec.get("table").asText().toLowerCase(Locale.ROOT);
        assertThat(table).as(log + ": " + rec).doesNotStartWith("pg_").isNotIn("user", "db", "proc");
        assertThat(rec.get("ddl").asText().toLowerCase(Locale.ROOT)).as(log.toString())
            .doesNotContain("pg_catalog").doesNotContain("information_schema").doesNotContain("performance_schema")
            .doesNotContain(" mysql.").doesNotContain(" sys.");
      });
    }
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }
}
