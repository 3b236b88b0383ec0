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
  void slowLogsCutIntoRangesOfAFewKilobytesStillGiveTheCommandsSnapshot() throws Exception {
    // Every corpus slow log over 4 KB is cut many times, at offsets that fall anywhere in an entry.
    assertSameSnapshot("mysql-slow in 4k ranges", files(Corpus.root().resolve("mysql-slow")), "--split-size", "4k");
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
    assertThat(AnalyzeJob.run(spark, new String[] {"--group-by", "host", "x.log"}, new PrintWriter(err2, true)))
        .isEqualTo(2);
    assertThat(err2.toString()).contains("--group-by host: only none is available yet");
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
    if (List.of(jobOptions).contains("--split-size")) {
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
