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
    assertThat(none.err()).contains("every input is empty");
  }
}
