package dev.logdex.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's quick start, run in-process on sample-logs/. */
class AnalyzeCommandTest {
  private static final String SCHEMA = "../sample-logs/shop/schema.sql";
  private static final String LOG = "../sample-logs/shop/pg_stat_statements.csv";

  private final CliRun cli = new CliRun();
  private final java.io.StringWriter out = cli.out;
  private final java.io.StringWriter err = cli.err;

  private int run(String... args) {
    return cli.run(args);
  }

  @Test
  void theQuickStartPrintsARankedTable() {
    assertThat(cli.runOnTerminal("analyze", "--schema", SCHEMA, LOG)).isZero();
    assertThat(cli.plainOut()).contains("idx_orders_user_id_created_at").contains("recommendations")
        .contains("unindexed-foreign-key");
    // Everything but the DDL (kept whole so it can be copied) fits a 100-column terminal.
    assertThat(cli.plainOut().lines().filter(l -> !l.startsWith("     CREATE") && !l.startsWith("     ALTER")))
        .allSatisfy(l -> assertThat(l.length()).as(l).isLessThanOrEqualTo(100));
  }

  @Test
  void explainWritesWhereDashOSays(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    java.nio.file.Path file = dir.resolve("explained.txt");
    assertThat(run("explain", "294f8fd7", "--schema", SCHEMA, "-o", file.toString(), LOG)).isZero();
    assertThat(out.toString()).isEmpty();
    assertThat(java.nio.file.Files.readString(file)).startsWith("query class 294f8fd7");
    assertThat(run("explain", "294f8fd7", "--schema", SCHEMA, "-o", dir.resolve("no/such/dir").toString(), LOG))
        .isEqualTo(2);
  }

  @Test
  void anUntimedLogRanksByCallsAndShowsNoInventedTime(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    StringBuilder log = new StringBuilder("051007 21:55:24\t     42 Connect     root@localhost on shop\n");
    for (int i = 0; i < 3; i++) {
      log.append("\t\t     42 Query       SELECT * FROM orders WHERE status = 'new'\n");
    }
    log.append("\t\t     42 Query       SELECT * FROM users WHERE email = 'a@b'\n");
    java.nio.file.Path general = java.nio.file.Files.writeString(dir.resolve("general.log"), log.toString());
    assertThat(run("analyze", general.toString())).isZero();
    assertThat(out.toString()).contains("calls served").doesNotContain("benefit ms")
        .contains("Top queries by calls (the logs have no timings):").contains("untimed; ")
        .doesNotContain("0.0 ms");
    java.util.List<String> top = out.toString().lines().dropWhile(l -> !l.startsWith("Top queries")).skip(2)
        .limit(2).toList();
    assertThat(top.get(0)).as("the class with the most calls first").contains("orders");
  }

  @Test
  void topNIsTheLengthOfTheQueryListTooTenByDefault() {
    assertThat(run("analyze", "--top", "2", "--schema", SCHEMA, LOG)).isZero();
    assertThat(queryLines()).hasSize(2);
    CliRun all = new CliRun();
    assertThat(all.run("analyze", "--schema", SCHEMA, LOG)).isZero();
    assertThat(all.out().lines().dropWhile(l -> !l.startsWith("Top queries")).skip(2)
        .takeWhile(l -> !l.isBlank()).count()).isEqualTo(10);
  }

  private java.util.List<String> queryLines() {
    return out.toString().lines().dropWhile(l -> !l.startsWith("Top queries")).skip(2)
        .takeWhile(l -> !l.isBlank()).toList();
  }

  @Test
  void aSlowLogsRowsExaminedAndLockTimeReachTheReportAndTheSnapshot(@org.junit.jupiter.api.io.TempDir
      java.nio.file.Path dir) throws Exception {
    String entry = "# Time: 2026-11-28T10:00:0%dZ\n# User@Host: app[app] @ localhost []  Id: 5\n"
        + "# Query_time: 1.5  Lock_time: 0.250000 Rows_sent: 2  Rows_examined: 5000\n"
        + "SELECT * FROM orders WHERE status = 'x%d';\n";
    java.nio.file.Path slow = java.nio.file.Files.writeString(dir.resolve("slow.log"),
        String.format(entry, 1, 1) + String.format(entry, 2, 2));
    java.nio.file.Path saved = dir.resolve("day.json");
    assertThat(run("analyze", "-q", "--format", "json", "--save", saved.toString(), slow.toString())).isZero();
    JsonNode q = new ObjectMapper().readTree(out.toString()).at("/top_queries/0");
    assertThat(q.get("rows").asLong()).isEqualTo(4);
    assertThat(q.get("rows_examined").asLong()).isEqualTo(10_000);
    assertThat(q.get("lock_ms").asDouble()).isEqualTo(500.0);
    JsonNode kept = new ObjectMapper().readTree(java.nio.file.Files.readString(saved)).at("/queries/0");
    assertThat(kept.get("rows_examined").asLong()).isEqualTo(10_000);
    assertThat(kept.get("lock_ms").asDouble()).isEqualTo(500.0);
  }

  @Test
  void toAFileOrAPipeTheTextReportIsWrittenWhole() {
    assertThat(run("analyze", "--schema", SCHEMA, LOG)).isZero();
    assertThat(out.toString()).doesNotContain("…")
        .contains("equality on order_id | foreign key order_items(order_id) -> orders has no index (1 query, 874 "
            + "calls, 32,281.6 ms total)");
  }

  @Test
  void jsonFollowsTheContract() throws Exception {
    assertThat(run("analyze", "--schema", SCHEMA, "--format", "json", "--top", "3", LOG)).isZero();
    JsonNode root = new ObjectMapper().readTree(out.toString());
    assertThat(root.get("logdex").asText()).isNotBlank();
    assertThat(root.at("/inputs/0/format").asText()).isEqualTo("pg_stat_statements");
    assertThat(root.at("/inputs/0/events").asLong()).isEqualTo(18);
    assertThat(root.at("/summary/fingerprints").asLong()).isEqualTo(18);
    assertThat(root.at("/summary/unparsed").asLong()).isZero();
    JsonNode recs = root.get("recommendations");
    assertThat(recs).hasSize(3);
    JsonNode first = recs.get(0);
    for (String field : new String[] {"rank", "table", "columns", "where", "unique", "ddl", "benefit", "reason",
        "queries"}) {
      assertThat(first.has(field)).as(field).isTrue();
    }
    assertThat(first.at("/queries/0/fingerprint").asText()).hasSize(16);
    assertThat(root.get("findings").get(0).get("rule").asText()).isEqualTo("unindexed-foreign-key");
    assertThat(root.get("unparsed")).isEmpty();
  }

  @Test
  void markdownGoesToTheOutputFile(@TempDir Path dir) throws Exception {
    Path report = dir.resolve("r.md");
    assertThat(run("analyze", "--schema", SCHEMA, "--format", "markdown", "-o", report.toString(), LOG)).isZero();
    assertThat(Files.readString(report)).startsWith("# logdex report").contains("| # | table |");
  }

  @Test
  void aMissingFileIsAOneLineUsageError() {
    assertThat(run("analyze", "--schema", "nope.sql", LOG)).isEqualTo(2);
    assertThat(err.toString().strip()).isEqualTo("logdex: nope.sql: schema file not found");
    assertThat(err.toString()).doesNotContain("Exception");
  }

  @Test
  void anUnknownLogFormatNamesTheFileAndTheFix(@TempDir Path dir) throws Exception {
    Path junk = dir.resolve("junk.log");
    Files.writeString(junk, "\u0001\u0002 not a log\n");
    assertThat(run("analyze", junk.toString())).isEqualTo(2);
    assertThat(err.toString()).contains(junk.toString()).contains("--input-format");
  }

  @Test
  void statsCountParsersAndCacheHits() {
    assertThat(run("analyze", "--schema", SCHEMA, "--stats", LOG)).isZero();
    assertThat(err.toString()).contains("logdex.statements.parsed{parser=calcite}")
        .contains("logdex.parse.cache.hit_rate").contains("logdex.events.read");
  }

  @Test
  void aBadOptionValueIsAUsageError() {
    assertThat(run("analyze", "--dialect", "oracle", LOG)).isEqualTo(2);
    assertThat(err.toString()).contains("Invalid value for option '--dialect': 'oracle' is not a dialect; use postgresql or mysql");
  }

  @Test
  void aSlowLogWithoutASchemaIsAnalysedAsMysqlAndItsSkipsAreReported() {
    assertThat(run("analyze", "src/test/resources/logs/truncated-slow.log")).isZero();
    // The log says `use shop;` and there is no schema to say which database is the default: the DDL names it.
    assertThat(out.toString())
        .contains("ALTER TABLE shop.orders ADD INDEX idx_shop_orders_customer_email_created_at")
        .contains("2 statements, 1 distinct");
    assertThat(err.toString()).contains("skipped 1 records")
        .contains("entry with no statement (cut short) (first at src/test/resources/logs/truncated-slow.log:12)");
  }

  @Test
  void strictTurnsASkipIntoAFailure() {
    assertThat(run("analyze", "--strict", "src/test/resources/logs/truncated-slow.log")).isEqualTo(2);
    assertThat(err.toString()).contains("--strict: 1 input records were skipped");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void anExplicitLogLinePrefixReadsUserAndDatabase() throws Exception {
    assertThat(run("analyze", "--format", "json", "--input-format", "postgres", "--log-line-prefix",
        "ts=%m pid=%p who=%u/%d ", "src/test/resources/logs/custom-prefix.log")).isZero();
    JsonNode root = new ObjectMapper().readTree(out.toString());
    assertThat(root.at("/inputs/0/format").asText()).isEqualTo("postgres");
    assertThat(root.at("/summary/statements").asLong()).isEqualTo(2);
    assertThat(root.at("/summary/fingerprints").asLong()).isEqualTo(1);
    assertThat(root.at("/summary/total_ms").asDouble()).isEqualTo(22.0);
  }

  @Test
  void globsTheShellLeftAloneAreExpanded() {
    assertThat(run("analyze", "--quiet", "src/test/resources/logs/*.log")).isZero();
    assertThat(out.toString()).contains("4 statements");
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void aBudgetNeedsALiveDatabaseAndAReadableSize() {
    assertThat(run("analyze", "--schema", SCHEMA, "--budget", "2GB", LOG)).isEqualTo(2);
    assertThat(err.toString()).contains("--budget needs the tables' row estimates");
    assertThat(run("analyze", "--schema", SCHEMA, "--budget", "lots", LOG)).isEqualTo(2);
    assertThat(err.toString()).contains("--budget: 'lots' is not a size");
  }
}
