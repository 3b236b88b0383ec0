package dev.logdex.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The command line as a whole: help, version, suggestions, completion and the generated reference. */
class CommandLineTest {

  @Test
  void everyCommandHasHelpWithExamples() {
    for (String cmd : new String[] {"analyze", "lint", "rules", "diff", "merge", "migrate"}) {
      CliRun cli = new CliRun();
      assertThat(cli.run(cmd, "--help")).isZero();
      assertThat(cli.out()).as(cmd).contains("Usage: logdex " + cmd).contains("Example");
    }
    CliRun version = new CliRun();
    assertThat(version.run("--version")).isZero();
    assertThat(version.out()).startsWith("logdex ");
    // main answers --version alone before building the command line: with the same words.
    assertThat(Logdex.versionAlone(new String[] {"--version"})).isEqualTo(version.out().strip());
    assertThat(Logdex.versionAlone(new String[] {"-V"})).isEqualTo(version.out().strip());
    assertThat(Logdex.versionAlone(new String[] {"analyze", "--version"})).isNull();
  }

  @Test
  void aMistypedOptionGetsASuggestion() {
    CliRun cli = new CliRun();
    assertThat(cli.run("analyze", "--formt", "json", "x.csv")).isEqualTo(2);
    assertThat(cli.err()).contains("Unknown option: '--formt'").contains("Possible solutions: --format");
    // A letter left out in the middle, which picocli's letter-pair comparison does not find.
    CliRun shema = new CliRun();
    assertThat(shema.run("analyze", "--shema=s.sql", "x.csv")).isEqualTo(2);
    assertThat(shema.err()).contains("Unknown option: '--shema=s.sql'").contains("Possible solutions: --schema")
        .doesNotContain("s.sql\n");
    assertThat(Logdex.edits("--shema", "--schema")).isEqualTo(1);
    assertThat(Logdex.edits("--scehma", "--schema")).isEqualTo(1);
  }

  @Test
  void aCommandRunsWithItsOwnModelAloneAndTheToolsThatDescribeAllGetEveryCommand() {
    assertThat(Logdex.commandLineFor(new String[] {"analyze", "x.log"}).getSubcommands().keySet())
        .containsExactly("analyze");
    assertThat(Logdex.commandLineFor(new String[] {"generate-completion"}).getSubcommands())
        .containsKeys("analyze", "lint", "rehearse", "generate-completion", "help");
    CliRun typo = new CliRun();
    assertThat(typo.run("analyse", "x.log")).isEqualTo(2);
    assertThat(typo.err()).contains("Did you mean: logdex analyze");
  }

  @Test
  void completionIsGeneratedFromTheDefinitions() {
    CliRun cli = new CliRun();
    assertThat(cli.run("generate-completion")).isZero();
    assertThat(cli.out()).contains("complete -F").contains("--fail-on-regression").contains("--log-line-prefix");
  }

  @Test
  void theCheckedInReferenceIsTheGeneratedOne() throws Exception {
    CliRun cli = new CliRun();
    assertThat(cli.run("reference")).isZero();
    assertThat(Files.readString(Path.of("../docs/cli.md"))).isEqualTo(cli.out());
  }
}
