package dev.logdex.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Quoted names are whole names, whatever they hold: a dot, a doubled quote, a backtick (which once made a
 * PostgreSQL schema pass for MySQL and lose every recommendation), mixed case. A name the parsers cannot read (a
 * line break inside quotes) is listed as not parsed, with the reason, never dropped in silence.
 */
class QuotedNamesTest {

  @Test
  void quotedNamesResolveAndWhatCannotBeReadIsListed(@TempDir Path dir) throws Exception {
    Path schema = Files.writeString(dir.resolve("schema.sql"), """
        CREATE TABLE "a.b" (id bigint PRIMARY KEY, x int);
        CREATE TABLE "we""ird" (id bigint PRIMARY KEY, x int);
        CREATE TABLE "new
        line" (id bigint PRIMARY KEY, x int);
        CREATE TABLE "back`tick" (id bigint PRIMARY KEY, x int);
        CREATE TABLE "Mixed" (id bigint PRIMARY KEY, "X" int);
        """);
    Path log = Files.writeString(dir.resolve("pgss.csv"), String.join("\n",
        "query,calls,total_exec_time,rows",
        "\"SELECT id FROM \"\"a.b\"\" WHERE x = $1\",10,100.0,10",
        "\"SELECT id FROM \"\"we\"\"\"\"ird\"\" WHERE x = $1\",10,90.0,10",
        "\"SELECT id FROM \"\"new\nline\"\" WHERE x = $1\",10,80.0,10",
        "\"SELECT id FROM \"\"back`tick\"\" WHERE x = $1\",10,70.0,10",
        "\"SELECT id FROM \"\"Mixed\"\" WHERE \"\"X\"\" = $1\",10,60.0,10", ""));
    CliRun cli = new CliRun();
    assertThat(cli.run("analyze", "-q", "--format", "json", "--schema", schema.toString(), log.toString()))
        .as(cli.err()).isZero();
    var root = new com.fasterxml.jackson.databind.ObjectMapper().readTree(cli.out());
    assertThat(root.at("/dialect").asText()).isEqualTo("postgresql");
    java.util.List<String> ddl = new java.util.ArrayList<>();
    root.at("/recommendations").forEach(r -> ddl.add(r.at("/ddl").asText()));
    assertThat(ddl).containsExactly(
        "CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_a_b_x ON \"a.b\" (x);",
        "CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_we_ird_x ON \"we\"\"ird\" (x);",
        "CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_back_tick_x ON \"back`tick\" (x);",
        "CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_mixed_x ON \"Mixed\" (\"X\");");
    assertThat(root.at("/unparsed")).hasSize(1);
    assertThat(root.at("/unparsed/0/sample").asText()).contains("new\nline");
    assertThat(root.at("/unparsed/0/reason").asText()).isNotBlank();
  }
}
