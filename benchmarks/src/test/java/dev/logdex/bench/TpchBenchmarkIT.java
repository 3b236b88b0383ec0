package dev.logdex.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.logdex.core.Corpus;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The TPC-H benchmark at a small scale, so that it keeps working: its data loads, and indexes cut the cost. */
class TpchBenchmarkIT {

  @Test
  void atAScaleOfOneHundredthTheTableComesOutAndIndexesCutTheCost() throws Exception {
    Path queries = Corpus.root().resolve("workloads/tpch/queries");
    try {
      DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "").close();
    } catch (java.sql.SQLException e) {
      if (System.getenv("CI") != null) {
        throw e;
      }
      assumeTrue(false, "no PostgreSQL at 127.0.0.1:5432");
    }
    String db = "logdex_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    String table = TpchBenchmark.run("--sf", "0.01", "--database", db, "--drop", "--queries", queries.toString(),
        "--data", "tpch/tpch-data.sql", "--budgets", "1MB,0");
    List<String> rows = table.lines().filter(l -> l.startsWith("| 1MB") || l.startsWith("| none")).toList();
    assertThat(rows).hasSize(2);
    Matcher m = Pattern.compile("^\\| none \\| ([0-9.]+); per query ([0-9.]+); (\\d+) indexes").matcher(rows.get(1));
    assertThat(m.find()).as(rows.get(1)).isTrue();
    assertThat(Double.parseDouble(m.group(1))).as("workload cost ratio without a budget").isLessThan(0.5);
    assertThat(Integer.parseInt(m.group(3))).isGreaterThan(5);
  }
}
