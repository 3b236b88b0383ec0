package dev.logdex.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user's mistake gets one line naming the file or option and the reason, exit 2, and never echoes a password;
 * --debug adds the stack trace. The reproductions of the hostile-input issue, items 6 and 9.
 */
class UserMistakesTest {
  private static final String SAMPLE = "../sample-logs/shop/pg_stat_statements.csv";

  @AfterEach
  void forgetPasswords() {
    Secrets.clear();
  }

  @Test
  void aPasswordInTheUrlIsNeverEchoed() {
    CliRun cli = new CliRun();
    assertThat(cli.run("analyze", "--db", "jdbc:mariadb://u:s3cr3tPW@127.0.0.1:3306/db", SAMPLE)).isEqualTo(2);
    assertThat(cli.err()).contains("cannot connect").doesNotContain("s3cr3tPW");
    CliRun param = new CliRun();
    assertThat(param.run("analyze", "--db", "jdbc:postgresql://127.0.0.1:1/db?user=u&password=s3cr3tPW", SAMPLE))
        .isEqualTo(2);
    assertThat(param.err()).contains("cannot connect").doesNotContain("s3cr3tPW");
  }

  @Test
  void aPasswordGivenAsAnUnknownOptionIsNeverEchoed() {
    for (String[] args : new String[][] {{"analyze", "--db-password=s3cr3tPW", SAMPLE},
        {"analyze", "--db-password", "s3cr3tPW", SAMPLE}, {"verify", "--password=s3cr3tPW"}}) {
      CliRun cli = new CliRun();
      assertThat(cli.run(args)).isEqualTo(2);
      assertThat(cli.err()).contains("Unknown option").doesNotContain("s3cr3tPW");
      assertThat(cli.err().lines().count()).as("a line or three, not the whole usage").isLessThan(5);
    }
  }

  @Test
  void debugPrintsTheStackTraceOfAnyFailureWithoutPasswords() {
    CliRun cli = new CliRun();
    assertThat(cli.run("analyze", "--debug", "--db", "jdbc:mariadb://u:s3cr3tPW@127.0.0.1:3306/db", SAMPLE))
        .isEqualTo(2);
    assertThat(cli.err()).contains("at dev.logdex.cli.").doesNotContain("s3cr3tPW");
    CliRun plain = new CliRun();
    assertThat(plain.run("analyze", "--schema", "no-such-schema.sql", SAMPLE)).isEqualTo(2);
    assertThat(plain.err()).doesNotContain("\tat ");
  }

  @Test
  void anUnwritableOutputFailsBeforeTheAnalysis(@TempDir Path dir) {
    CliRun cli = new CliRun();
    assertThat(cli.run("analyze", "-q", "-o", "/nonexistent/dir/report.txt", SAMPLE)).isEqualTo(2);
    assertThat(cli.err().strip()).isEqualTo(
        "logdex: -o /nonexistent/dir/report.txt: the directory /nonexistent/dir does not exist");
    CliRun save = new CliRun();
    assertThat(save.run("analyze", "-q", "--save", dir.toString(), SAMPLE)).isEqualTo(2);
    assertThat(save.err()).contains("--save " + dir + ": is a directory");
  }

  @Test
  void aDirectoryIsNamedAsOne(@TempDir Path dir) {
    CliRun cli = new CliRun();
    assertThat(cli.run("analyze", dir.toString())).isEqualTo(2);
    assertThat(cli.err()).contains(dir + ": is a directory, not a log");
  }

  @Test
  void aMissingFileWhoseNameIsNoPatternIsNamedAsMissing(@TempDir Path dir) {
    // An unclosed [ or { is no glob: the name is a file's, and the file is not there (it was an internal error).
    for (String name : new String[] {"day[1.log", "day{1.log", "day\u001b[2J.log"}) {
      CliRun cli = new CliRun();
      assertThat(cli.run("analyze", dir.resolve(name).toString())).as(cli.err()).isEqualTo(2);
      assertThat(cli.err()).contains("log file not found").doesNotContain("internal error").doesNotContain("\u001b");
    }
  }

  @Test
  void aNamedPipeIsReadOnceWithItsFormatGiven(@TempDir Path dir) throws Exception {
    Path fifo = dir.resolve("pipe");
    Process mk = new ProcessBuilder("mkfifo", fifo.toString()).start();
    assertThat(mk.waitFor()).isZero();
    CliRun undetected = new CliRun();
    assertThat(undetected.run("analyze", fifo.toString())).isEqualTo(2);
    assertThat(undetected.err()).contains("not a regular file (a pipe?)").contains("--input-format");
    Thread writer = new Thread(() -> {
      try {
        Files.writeString(fifo, "query,calls,total_exec_time,rows\n\"SELECT a FROM t WHERE b = $1\",3,4.0,3\n");
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    writer.start();
    CliRun cli = new CliRun();
    assertThat(cli.run("analyze", "-q", "--input-format", "pg_stat_statements", fifo.toString())).as(cli.err())
        .isZero();
    writer.join(10_000);
    assertThat(cli.out()).contains("equality on b");
  }

  @Test
  void anEmptyFileAmongSeveralIsSaidAndSkippedButAllEmptyIsAnError(@TempDir Path dir) throws Exception {
    Path empty = Files.createFile(dir.resolve("rotated.log"));
    CliRun cli = new CliRun();
    assertThat(cli.run("analyze", SAMPLE, empty.toString())).as(cli.err()).isZero();
    assertThat(cli.err()).contains(empty + ": empty file, nothing to read");
    assertThat(cli.out()).contains("order_items");
    CliRun none = new CliRun();
    assertThat(none.run("analyze", empty.toString())).isEqualTo(2);
    assertThat(none.err()).contains("no input can be read (" + empty + ": empty file, nothing to read)");
  }

  @Test
  void aCutGzipIsReadUpToTheDamageAndJunkAmongSeveralIsSkipped(@TempDir Path dir) throws Exception {
    StringBuilder log = new StringBuilder("query,calls,total_exec_time,rows\n");
    for (int i = 0; i < 3000; i++) {
      log.append("\"SELECT a FROM t").append(i % 50).append(" WHERE b = $1 AND c > ").append(i).append("\",3,4.5,3\n");
    }
    java.io.ByteArrayOutputStream gz = new java.io.ByteArrayOutputStream();
    try (var out = new java.util.zip.GZIPOutputStream(gz)) {
      out.write(log.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    byte[] whole = gz.toByteArray();
    Path cut = Files.write(dir.resolve("cut.csv.gz"), java.util.Arrays.copyOf(whole, whole.length / 2));
    CliRun cli = new CliRun();
    assertThat(cli.run("analyze", "--format", "json", cut.toString())).as(cli.err()).isZero();
    assertThat(cli.err()).contains("truncated gzip data near compressed byte " + whole.length / 2);
    var root = new com.fasterxml.jackson.databind.ObjectMapper().readTree(cli.out());
    assertThat(root.at("/inputs/0/events").asLong()).isGreaterThan(500);

    byte[] junk = new byte[4000];
    new java.util.Random(5).nextBytes(junk);
    junk[0] = 0x1f;
    junk[1] = (byte) 0x8b;
    junk[2] = 8;
    junk[3] = 0;
    Path bad = Files.write(dir.resolve("junk.csv.gz"), junk);
    CliRun both = new CliRun();
    assertThat(both.run("analyze", "-q", SAMPLE, bad.toString())).as(both.err()).isZero();
    CliRun alone = new CliRun();
    assertThat(alone.run("analyze", bad.toString())).isEqualTo(2);
    assertThat(alone.err()).contains("no input can be read").contains("gzip");
  }

  @Test
  void everyCommandThatWritesAReportTakesOutputAndDebug(@TempDir Path dir) throws Exception {
    Path snapshot = dir.resolve("day.json");
    assertThat(new CliRun().run("analyze", "-q", "--save", snapshot.toString(), "--schema",
        "../sample-logs/shop/schema.sql", SAMPLE)).isZero();
    Path diff = dir.resolve("diff.html");
    CliRun d = new CliRun();
    assertThat(d.run("diff", "--format", "html", "-o", diff.toString(), snapshot.toString(), snapshot.toString()))
        .as(d.err()).isZero();
    assertThat(Files.readString(diff)).startsWith("<!DOCTYPE html>");
    assertThat(d.out()).isEmpty();
    Path lint = dir.resolve("lint.md");
    CliRun l = new CliRun();
    assertThat(l.run("lint", "-q", "--format", "markdown", "-o", lint.toString(), "--schema",
        "../sample-logs/shop/schema.sql")).as(l.err()).isIn(0, 3);
    assertThat(Files.readString(lint)).contains("unindexed-foreign-key");
    CliRun bad = new CliRun();
    assertThat(bad.run("diff", "--debug", snapshot.toString(), dir.resolve("missing.json").toString()))
        .isEqualTo(2);
    assertThat(bad.err()).contains("missing.json").contains("at dev.logdex.cli.");
  }
}
