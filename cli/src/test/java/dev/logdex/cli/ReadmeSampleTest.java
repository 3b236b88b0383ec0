package dev.logdex.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The README's sample output is what logdex prints on the sample: every line it shows stands in the real output,
 * in the same order ("..." marks where the README cuts lines out).
 */
class ReadmeSampleTest {

  @Test
  void theReadmesSampleOutputIsTheRealOne() throws Exception {
    List<String> readme = Files.readAllLines(Path.of("../README.md"));
    int section = readme.indexOf("## What it prints");
    assertThat(section).as("the README's sample section").isPositive();
    int open = readme.subList(section, readme.size()).indexOf("```") + section;
    int close = readme.subList(open + 1, readme.size()).indexOf("```") + open + 1;
    List<String> shown = readme.subList(open + 1, close);
    assertThat(shown).hasSizeGreaterThan(10);

    CliRun cli = new CliRun();
    // The README shows what a terminal shows.
    assertThat(cli.runOnTerminal("analyze", "--top", "3", "--schema", "../sample-logs/shop/schema.sql",
        "../sample-logs/shop/pg_stat_statements.csv")).as(cli.err()).isZero();
    List<String> printed = cli.plainOut().lines().toList();
    int at = 0;
    for (String line : shown) {
      if (line.strip().equals("...")) {
        continue;
      }
      int found = printed.subList(at, printed.size()).indexOf(line);
      assertThat(found).as("README line %s, after output line %d", line, at).isNotNegative();
      at += found + 1;
    }
  }
}
