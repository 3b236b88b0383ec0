package dev.logdex.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logdex.core.Corpus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The result does not depend on how many threads read: the same snapshot, byte for byte. */
class ThreadsTest {

  private static byte[] snapshot(Path dir, String name, String... args) throws IOException {
    Path file = dir.resolve(name);
    CliRun cli = new CliRun();
    String[] all = Stream.concat(Stream.of("analyze", "-q", "--save", file.toString()), Stream.of(args))
        .toArray(String[]::new);
    int code = cli.run(all);
    if (code == 2 && cli.err().contains("no statement was read")) {
      return new byte[0]; // a log with no statement in it (a cut-short entry): the same error on any thread count
    }
    assertThat(code).as("%s: %s", String.join(" ", args), cli.err()).isZero();
    return Files.readAllBytes(file);
  }

  @Test
  void everyLogOfTheCorpusGivesTheSameSnapshotOnOneThreadAndOnSeveral(@TempDir Path dir) throws IOException {
    List<Path> logs;
    try (Stream<Path> s = Files.walk(Corpus.root())) {
      logs = s.filter(Files::isRegularFile)
          .filter(p -> p.toString().contains("mysql-") || p.toString().contains("pg-logs"))
          .filter(p -> !p.getFileName().toString().endsWith("schema.sql")).sorted().toList();
    }
    assertThat(logs).hasSizeGreaterThan(50);
    for (Path log : logs) {
      byte[] one = snapshot(dir, "one.json", "--threads", "1", log.toString());
      byte[] three = snapshot(dir, "three.json", "--threads", "3", log.toString());
      assertThat(new String(three, java.nio.charset.StandardCharsets.UTF_8)).as(log.toString())
          .isEqualTo(new String(one, java.nio.charset.StandardCharsets.UTF_8));
    }
  }

  @Test
  void theSampleWorkloadGivesTheSameSnapshotOnOneThreadAndOnSeveral(@TempDir Path dir) throws IOException {
    String[] args = {"--schema", "../sample-logs/shop/schema.sql", "../sample-logs/shop/pg_stat_statements.csv"};
    byte[] one = snapshot(dir, "one.json", Stream.concat(Stream.of("--threads", "1"), Stream.of(args))
        .toArray(String[]::new));
    byte[] two = snapshot(dir, "two.json", Stream.concat(Stream.of("--threads", "2"), Stream.of(args))
        .toArray(String[]::new));
    assertThat(two).isEqualTo(one);
  }

  @Test
  void zeroThreadsIsAUserError() {
    CliRun cli = new CliRun();
    assertThat(cli.run("analyze", "-q", "--threads", "0", "../sample-logs/shop/pg_stat_statements.csv"))
        .isEqualTo(2);
    assertThat(cli.err()).contains("--threads: give 1 or more");
  }
}
