package dev.logdex.core.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logdex.core.model.Dialect;
import dev.logdex.core.schema.DdlSchemaLoader;
import dev.logdex.core.schema.IndexUsage;
import dev.logdex.core.schema.Schema;
import dev.logdex.core.workload.Workload;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** unused-index: an index the live database has never scanned since its statistics were reset. */
class UnusedIndexRuleTest {

  private static final String DDL = """
      CREATE TABLE t (id bigint PRIMARY KEY, a int, b int, c int, code text);
      CREATE INDEX t_a ON t (a);
      CREATE INDEX t_b ON t (b);
      CREATE INDEX t_c ON t (c);
      CREATE UNIQUE INDEX t_code ON t (code);
      """;

  /** The DDL's schema with what a live database said of its indexes' use. */
  private static List<Finding> run(IndexUsage... usage) {
    return run(Workload.empty(), usage);
  }

  private static List<Finding> run(Workload workload, IndexUsage... usage) {
    Schema ddl = new DdlSchemaLoader(Optional.of(Dialect.POSTGRESQL)).load(DDL, "t.sql").schema();
    Schema live = new Schema(Dialect.POSTGRESQL, ddl.tables(), java.util.Set.of(), true, List.of(usage));
    return new UnusedIndexRule().findings(live, workload);
  }

  @Test
  void statisticsOfAFewMinutesNeverGetADrop() {
    Finding f = run(new IndexUsage("t", "t_a", 0, 8192, "2026-11-30 01:40:00+00", 20.0 / 24 / 60)).get(0);
    assertThat(f.severity()).isEqualTo(Severity.INFO);
    assertThat(f.message()).contains("in the 0.3 hours the statistics cover (since 2026-11-30 01:40:00+00)")
        .contains("too short to call it unused (at least 7 days, unused-index.min-days)");
    assertThat(f.fix()).doesNotContain("DROP");
  }

  @Test
  void statisticsOfAMonthGetTheDropAndSaySo() {
    Finding f = run(new IndexUsage("t", "t_a", 0, 8192, "2026-10-30 00:00:00+00", 31)).get(0);
    assertThat(f.severity()).isEqualTo(Severity.WARNING);
    assertThat(f.message()).contains("in the 31 days the statistics cover");
    assertThat(f.fix()).isEqualTo("DROP INDEX CONCURRENTLY IF EXISTS t_a;");
  }

  @Test
  void anIndexTheLogsQueriesCanUseIsKeptWhateverTheCountersSay() {
    Workload w = RuleFixture.of(DDL, "SELECT * FROM t WHERE a = $1", "SELECT * FROM t ORDER BY b LIMIT 10")
        .workload;
    List<Finding> found = run(w, new IndexUsage("t", "t_a", 0, 8192, "x", 90), new IndexUsage("t", "t_b", 0, 8192,
        "x", 90), new IndexUsage("t", "t_c", 0, 8192, "x", 90));
    assertThat(found).filteredOn(f -> f.fix().contains("DROP")).extracting(Finding::columns)
        .containsExactly(List.of("c"));
    assertThat(found).filteredOn(f -> f.columns().equals(List.of("a"))).singleElement()
        .satisfies(f -> assertThat(f.message()).contains("queries in the logs filter, join or sort on a"));
  }

  @Test
  void anIndexNeverScannedIsFlaggedLargestFirstWithItsDrop() {
    List<Finding> found = run(new IndexUsage("t", "t_a", 0, 8L << 20, "2026-11-01 00:00:00+00"),
        new IndexUsage("t", "t_b", 0, 2L << 30, ""), new IndexUsage("t", "t_c", 12, 1L << 30, ""));
    assertThat(found).extracting(Finding::columns).containsExactly(List.of("b"), List.of("a"));
    assertThat(found.get(0).message()).isEqualTo("index t_b (b) has not been scanned; it takes 2.0 GB; how long the"
        + " statistics cover is unknown: check before dropping");
    assertThat(found.get(1).message()).startsWith(
        "index t_a (a) has not been scanned since 2026-11-01 00:00:00+00; it takes 8.0 MB");
    assertThat(found.get(1).fix()).isEqualTo("DROP INDEX CONCURRENTLY IF EXISTS t_a;");
    assertThat(found.get(1).severity()).isEqualTo(Severity.WARNING);
  }

  @Test
  void withoutStatisticsNothingIsFlagged() {
    assertThat(run()).as("a schema file says nothing of use").isEmpty();
    assertThat(run(new IndexUsage("t", "t_a", 3, 8192, ""))).as("scanned").isEmpty();
  }

  @Test
  void indexesThatEnforceOrAreUnknownAreNeverFlagged() {
    assertThat(run(new IndexUsage("t", "t_code", 0, 8192, ""), new IndexUsage("t", "t_pkey", 0, 8192, "")))
        .as("a unique index and the primary key enforce something even when never scanned").isEmpty();
    assertThat(run(new IndexUsage("t", "gone", 0, 8192, ""), new IndexUsage("other", "t_a", 0, 8192, "")))
        .as("statistics for an index or table the schema does not have").isEmpty();
  }
}
