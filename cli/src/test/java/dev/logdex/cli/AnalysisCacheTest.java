package dev.logdex.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --analysis-cache: a second run over the same schema parses nothing and reports the same. */
class AnalysisCacheTest {
  private static final String SCHEMA = "../sample-logs/shop/schema.sql";
  private static final String LOG = "../sample-logs/shop/pg_stat_statements.csv";

  private static CliRun analyze(Path cache, String... schema) {
    CliRun cli = new CliRun();
    String[] args = schema.length == 0
        ? new String[] {"analyze", "-q", "--stats", "--format", "json", "--analysis-cache", cache.toString(), LOG}
        : new String[] {"analyze", "-q", "--stats", "--format", "json", "--analysis-cache", cache.toString(),
            "--schema", schema[0], LOG};
    assertThat(cli.run(args)).as(cli.err()).isZero();
    return cli;
  }

  private static long parsed(CliRun cli) {
    return cli.err().lines().filter(l -> l.contains("logdex.statements.parsed{parser=calcite}")
            || l.contains("logdex.statements.parsed{parser=jsqlparser}"))
        .mapToLong(l -> Long.parseLong(l.replaceAll(".*\\s", "").replace(",", ""))).sum();
  }

  @Test
  void aSecondRunParsesNothingAndReportsTheSame(@TempDir Path dir) throws Exception {
    Path cache = dir.resolve("analyses.json");
    CliRun first = analyze(cache, SCHEMA);
    assertThat(parsed(first)).isPositive();
    assertThat(cache).exists();
    CliRun second = analyze(cache, SCHEMA);
    assertThat(parsed(second)).isZero();
    assertThat(second.out()).isEqualTo(first.out());
  }

  @Test
  void aCacheOfAnotherSchemaIsNotUsed(@TempDir Path dir) throws Exception {
    Path cache = dir.resolve("analyses.json");
    analyze(cache, SCHEMA);
    CliRun withoutSchema = analyze(cache); // names resolve differently without the schema
    assertThat(parsed(withoutSchema)).isPositive();
  }

  @Test
  void aCacheOfASchemaWhoseColumnTypesOrPartitionsDifferIsNotUsed(@TempDir Path dir) throws Exception {
    // A char(n) column compared with text is no index key, and a partition's name is its table's: both change
    // what a statement's analysis says, so both are in the key.
    Path cache = dir.resolve("analyses.json");
    String ddl = Files.readString(Path.of(SCHEMA));
    Path charEmail = Files.writeString(dir.resolve("char.sql"),
        ddl.replaceFirst("(?i)(email\\s+)(text|varchar\\(\\d+\\)|character varying\\(\\d+\\))", "$1char(80)"));
    assertThat(Files.readString(charEmail)).isNotEqualTo(ddl);
    analyze(cache, SCHEMA);
    assertThat(parsed(analyze(cache, charEmail.toString()))).isPositive();
    Path partitioned = Files.writeString(dir.resolve("partitioned.sql"), ddl
        + "\nCREATE TABLE audit (id bigint, at date) PARTITION BY RANGE (at);\n");
    analyze(cache, partitioned.toString());
    Path withPartition = Files.writeString(dir.resolve("partition.sql"), Files.readString(partitioned)
        + "CREATE TABLE audit_2024 PARTITION OF audit FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');\n");
    assertThat(parsed(analyze(cache, withPartition.toString()))).isPositive();
  }

  @Test
  void aDamagedCacheIsSaidAndWrittenAnew(@TempDir Path dir) throws Exception {
    Path cache = dir.resolve("analyses.json");
    Files.writeString(cache, "{ not json");
    CliRun cli = new CliRun();
    assertThat(cli.run("analyze", "--format", "json", "--analysis-cache", cache.toString(), "--schema", SCHEMA, LOG))
        .isZero();
    assertThat(cli.err()).contains(cache + ": not an analysis cache logdex can read");
    assertThat(parsed(analyze(cache, SCHEMA))).isZero();
  }
}
