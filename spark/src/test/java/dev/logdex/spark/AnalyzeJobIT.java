package dev.logdex.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logdex.core.Corpus;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job on Spark in local mode with two cores writes, over the same files, the very snapshot {@code logdex
 * analyze --save} writes: byte for byte, for every log of the corpus, plain or gzipped.
 */
class AnalyzeJobIT {

  static JavaSparkContext spark;

  @TempDir Path dir;

  @BeforeAll
  static void start() {
    spark = new JavaSparkContext(new SparkConf().setMaster("local[2]").setAppName("logdex test")
        .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1")
        .set("spark.driver.bindAddress", "127.0.0.1"));
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  @Test
  void everyCorpusLogGivesTheCommandsSnapshotByteForByte() throws Exception {
    for (String format : List.of("mysql-slow", "mysql-general", "pg-logs")) {
      List<String> logs = files(Corpus.root().resolve(format));
      assertThat(logs).isNotEmpty();
      assertSameSnapshot(format, logs);
    }
  }

  @Test
  void logsCutIntoRangesOfAFewKilobytesStillGiveTheCommandsSnapshot() throws Exception {
    // Every corpus log over 4 KB is cut many times, at offsets that fall anywhere in an entry.
    for (String format : List.of("mysql-slow", "mysql-general", "pg-logs")) {
      assertSameSnapshot(format + " in 4k ranges", files(Corpus.root().resolve(format)), "--split-size", "4k");
    }
    // PostgreSQL statements waiting for their duration and parameters lines, which a cut puts in the next range.
    StringBuilder pg = new StringBuilder();
    for (int i = 0; i < 3000; i++) {
      String t = String.format("2026-11-28 10:%02d:%02d.000 UTC [%d] ", i / 60 % 60, i % 60, 100 + i % 7);
      if (i % 2 == 0) {
        pg.append(t).append("LOG:  statement: SELECT * FROM orders WHERE id = ").append(i).append('\n')
            .append(t).append("LOG:  duration: ").append(i % 13).append(".5 ms\n");
      } else {
        pg.append(t).append("LOG:  duration: ").append(i % 11).append(".25 ms  execute <unnamed>: SELECT * FROM ")
            .append("items\n\tWHERE order_id = $1\n").append(t).append("DETAIL:  parameters: $1 = '").append(i)
            .append("'\n");
      }
    }
    Path postgres = Files.writeString(dir.resolve("postgresql.log"), pg.toString());
    // A general log: each connection's database and the last time written come from earlier ranges.
    StringBuilder general = new StringBuilder();
    for (int i = 0; i < 3000; i++) {
      int id = 1 + i % 9;
      String time = i % 5 == 0 ? String.format("261128 10:%02d:%02d\t", i / 60 % 60, i % 60) : "\t\t";
      switch (i % 6) {
        case 0 -> general.append(time).append(id).append(" Connect\tapp@localhost on shop").append(i % 3).append('\n');
        case 1 -> general.append(time).append(id).append(" Init DB\tstore").append(i % 4).append('\n');
        case 5 -> general.append(time).append(id).append(" Quit\t\n");
        default -> general.append(time).append(id).append(" Query\tSELECT * FROM t WHERE a = ").append(i)
            .append("\n  AND b = 1\n");
      }
    }
    // A csvlog whose statements span lines inside their quotes, which no cut may split.
    StringBuilder csv = new StringBuilder();
    for (int i = 0; i < 2000; i++) {
      csv.append(String.format("2026-11-28 10:%02d:%02d.000 UTC,\"app\",\"shop\",%d,\"10.0.0.1:5000\",1,1,\"SELECT\","
          + "2026-11-28 10:00:00 UTC,1/1,0,LOG,00000,", i / 60 % 60, i % 60, 100 + i % 5))
          .append(i % 3 == 0 ? "\"duration: 1.5 ms  statement: SELECT *\n  FROM t\n  WHERE a = " + i + "\""
              : "\"duration: 2.5 ms  statement: SELECT " + i + "\"").append(",,,,,,,,\"psql\"\n");
    }
    Path csvlog = Files.writeString(dir.resolve("postgresql.csv"), csv.toString());
    assertSameSnapshot("generated csvlog in 4k ranges", List.of(csvlog.toString()), "--split-size", "4k");
    // A pg_stat_statements export (its header in the first range only) and a file of statements.
    StringBuilder pgss = new StringBuilder("userid,dbid,queryid,query,calls,total_exec_time,rows\n");
    StringBuilder sql = new StringBuilder();
    for (int i = 0; i < 2000; i++) {
      pgss.append("10,5,").append(i).append(",\"SELECT * FROM t").append(i % 50).append(" WHERE a = $1\",")
          .append(1 + i % 9).append(',').append(i * 1.5).append(',').append(i).append('\n');
      sql.append("SELECT *\n  FROM orders\n  WHERE id = ").append(i).append(";\n");
    }
    Path export = Files.writeString(dir.resolve("pg_stat_statements.csv"), pgss.toString());
    Path queries = Files.writeString(dir.resolve("queries.sql"), sql.toString());
    assertSameSnapshot("generated pg_stat_statements export in 4k ranges", List.of(export.toString()),
        "--split-size", "4k");
    assertSameSnapshot("generated SQL file in 4k ranges", List.of(queries.toString()), "--split-size", "4k");
    Path mysql = Files.writeString(dir.resolve("general.log"), general.toString());
    assertSameSnapshot("generated general log in 4k ranges", List.of(mysql.toString()), "--split-size", "4k");
    assertSameSnapshot("generated PostgreSQL log in 4k ranges", List.of(postgres.toString()), "--split-size", "4k");
    // A log whose `use` lines are few and far apart, with skips whose lines must count from the file's start.
    StringBuilder log = new StringBuilder();
    for (int i = 0; i < 3000; i++) {
      log.append("# Time: 2026-11-28T10:").append(String.format("%02d:%02d", i / 60 % 60, i % 60))
          .append(".000000Z\n# User@Host: app[app] @ app").append(i % 3).append(" []  Id: ").append(i % 5)
          .append("\n# Query_time: 0.00").append(i % 10).append("  Lock_time: 0.000 Rows_sent: 1  Rows_examined: ")
          .append(i % 100).append("\n");
      if (i % 700 == 0) {
        log.append("use shop_").append(i / 700).append(";\n");
      }
      log.append("SET timestamp=").append(1795860000 + i).append(";\nSELECT * FROM orders WHERE customer_id = ")
          .append(i).append(" AND status = '").append(i % 4).append("';\n");
      if (i % 999 == 998) {
        log.append("a line that belongs to no entry\n");
      }
    }
    Path slow = Files.writeString(dir.resolve("slow.log"), log.toString());
    assertSameSnapshot("generated slow log in 4k ranges", List.of(slow.toString()), "--split-size", "4k");
  }

  @Test
  void gzippedLogsAmongPlainOnesGiveTheSameSnapshotAsTheCommand() throws Exception {
    List<String> logs = new ArrayList<>();
    int i = 0;
    for (String log : files(Corpus.root().resolve("mysql-slow"))) {
      Path copy = dir.resolve(Path.of(log).getFileName() + (i++ % 2 == 0 ? ".gz" : ""));
      if (copy.toString().endsWith(".gz")) {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(copy))) {
          Files.copy(Path.of(log), out);
        }
      } else {
        Files.copy(Path.of(log), copy);
      }
      logs.add(copy.toString());
    }
    assertSameSnapshot("mysql-slow, half gzipped", logs.stream().sorted().toList());
  }

  @Test
  void groupedByHostOrDatabaseTheSnapshotKeepsEachGroupBesideTheSameWhole() throws Exception {
    // A fleet's day as it is kept: one directory per server.
    Path day = Files.createDirectories(dir.resolve("logs/2026-11-28"));
    List<String> slow = files(Corpus.root().resolve("mysql-slow"));
    for (int i = 0; i < slow.size(); i++) {
      Path server = Files.createDirectories(day.resolve("db" + (i % 3 + 1)));
      Files.copy(Path.of(slow.get(i)), server.resolve(Path.of(slow.get(i)).getFileName()));
    }
    String glob = day.resolve("*/*").toString();
    Path none = dir.resolve("none.json");
    Path byHost = dir.resolve("host.json");
    Path byDatabase = dir.resolve("database.json");
    Path report = dir.resolve("report.txt");
    StringWriter err = new StringWriter();
    assertThat(AnalyzeJob.run(spark, new String[] {"--save", none.toString(), "-o", "/dev/null", glob},
        new PrintWriter(err, true))).as(err.toString()).isZero();
    assertThat(AnalyzeJob.run(spark, new String[] {"--group-by", "host", "--save", byHost.toString(), "-o",
        report.toString(), glob}, new PrintWriter(err, true))).as(err.toString()).isZero();
    assertThat(AnalyzeJob.run(spark, new String[] {"--group-by", "database", "--split-size", "4k", "--save",
        byDatabase.toString(), "-o", "/dev/null", glob}, new PrintWriter(err, true))).as(err.toString()).isZero();

    var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
    var whole = mapper.readTree(none.toFile());
    for (Path grouped : List.of(byHost, byDatabase)) {
      var g = (com.fasterxml.jackson.databind.node.ObjectNode) mapper.readTree(grouped.toFile());
      var groups = g.remove("groups");
      assertThat(g).as("the whole, groups aside, is the ungrouped job's").isEqualTo(whole);
      long statements = 0;
      for (var m : groups.get("members")) {
        statements += m.get("statements").asLong();
      }
      assertThat(statements).as("the groups add up to the whole").isEqualTo(whole.get("statements").asLong());
    }
    var hosts = mapper.readTree(byHost.toFile()).get("groups");
    assertThat(hosts.get("by").asText()).isEqualTo("host");
    assertThat(hosts.get("members").findValuesAsText("name")).containsExactly("db1", "db2", "db3");
    assertThat(mapper.readTree(byDatabase.toFile()).get("groups").get("members").size()).isGreaterThan(1);
    assertThat(Files.readString(report)).contains("By host (3):").contains("db1").contains("db3");

    // The command reads the grouped snapshot as any other.
    Process p = new ProcessBuilder("java", "-jar", System.getProperty("logdex.cli.jar", "../cli/target/logdex.jar"),
        "analyze", "-q", "--from", byHost.toString(), "-o", "/dev/null").redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor()).as(out).isZero();
  }

  @Test
  void aFileThatCannotBeReadIsASkipWithItsReasonNotAFailedJob() throws Exception {
    Path good = Files.copy(Corpus.root().resolve("mysql-slow/slow002.txt"), dir.resolve("a-slow.log"));
    Path bad = Files.write(dir.resolve("b-garbage.log"), new byte[] {0x1f, (byte) 0x8b, 1, 2, 3, 4, 5});
    Path empty = Files.createFile(dir.resolve("c-empty.log"));
    Path save = dir.resolve("job.json");
    StringWriter err = new StringWriter();
    int code = AnalyzeJob.run(spark, new String[] {"--save", save.toString(), "-o", dir.resolve("r.txt").toString(),
        good.toString(), bad.toString(), empty.toString()}, new PrintWriter(err, true));
    assertThat(code).as(err.toString()).isZero();
    String snapshot = Files.readString(save);
    assertThat(snapshot).contains(bad.toString()).contains(empty.toString()).contains("empty file, nothing to read");
    assertThat(err.toString()).contains("c-empty.log: empty file, nothing to read");
  }

  @Test
  void mistakesInTheArgumentsEndTheJobWithExitTwoAndOneLine() {
    StringWriter err = new StringWriter();
    assertThat(AnalyzeJob.run(spark, new String[] {dir.resolve("nothing-*.log").toString()},
        new PrintWriter(err, true))).isEqualTo(2);
    assertThat(err.toString()).contains("nothing-*.log: no file matches").doesNotContain("Exception");
    StringWriter err2 = new StringWriter();
    assertThat(AnalyzeJob.run(spark, new String[] {"--group-by", "server", "x.log"}, new PrintWriter(err2, true)))
        .isEqualTo(2);
    assertThat(err2.toString()).contains("--group-by: none, host or database, not server");
    StringWriter err3 = new StringWriter();
    assertThat(AnalyzeJob.run(spark, new String[] {"--input-format", "nginx", "--split-size", "lots", "x.log"},
        new PrintWriter(err3, true))).isEqualTo(2);
    assertThat(err3.toString()).contains("--input-format: unknown format 'nginx'").doesNotContain("Exception");
  }

  private void assertSameSnapshot(String what, List<String> logs, String... jobOptions) throws Exception {
    Path jobSave = dir.resolve("job-" + what.hashCode() + ".json");
    StringWriter err = new StringWriter();
    List<String> args = new ArrayList<>(List.of("--save", jobSave.toString(), "--format", "json", "-o",
        dir.resolve("job-report.json").toString()));
    args.addAll(List.of(jobOptions));
    args.addAll(logs);
    assertThat(AnalyzeJob.run(spark, args.toArray(String[]::new), new PrintWriter(err, true)))
        .as(what + ": " + err).isZero();
    boolean large = false;
    for (String log : logs) {
      large |= Files.size(Path.of(log)) > 4096;
    }
    if (List.of(jobOptions).contains("--split-size") && large) {
      assertThat(err.toString()).as("the files were cut").containsPattern("\\(([1-9][0-9]*) of them in [0-9,]+ byte "
          + "ranges\\)").doesNotContain("read by one task");
    }

    Path cliSave = dir.resolve("cli-" + what.hashCode() + ".json");
    List<String> cli = new ArrayList<>(List.of("java", "-jar", System.getProperty("logdex.cli.jar",
        "../cli/target/logdex.jar"), "analyze", "-q", "--save", cliSave.toString(), "-o", "/dev/null"));
    cli.addAll(logs);
    Process p = new ProcessBuilder(cli).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor()).as(what + ": " + out).isZero();

    List<String> job = Files.readAllLines(jobSave);
    List<String> command = Files.readAllLines(cliSave);
    for (int i = 0; i < Math.min(job.size(), command.size()); i++) {
      assertThat(job.get(i)).as(what + ": line " + (i + 1) + " of the snapshot").isEqualTo(command.get(i));
    }
    assertThat(Files.readAllBytes(jobSave)).as(what).isEqualTo(Files.readAllBytes(cliSave));
  }

  /** The logs in {@code dir}: its files of a format logdex detects (not the schemas beside them). */
  private static List<String> files(Path dir) throws IOException {
    List<String> logs = new ArrayList<>();
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
        if (dev.logdex.readers.FormatDetector.detect(p.toString()).isPresent()) {
          logs.add(p.toAbsolutePath().toString());
        }
      }
    }
    return logs;
  }
}
