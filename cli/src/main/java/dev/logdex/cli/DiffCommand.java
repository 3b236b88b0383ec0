package dev.logdex.cli;

import dev.logdex.core.report.DiffReport;
import dev.logdex.core.snapshot.SnapshotDiff;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code logdex diff}: what a release changed, between two snapshots. */
@Command(
    name = "diff",
    mixinStandardHelpOptions = true,
    description = "Compares two snapshots: queries new, gone, faster and slower; recommendations applied (the index"
        + " now exists) and what became of their queries; recommendations still open and new ones.",
    footer = {"", "Examples:",
        "  logdex diff before.json after.json",
        "  logdex diff before.json after.json --format markdown > comment.md",
        "  logdex diff before.json after.json --fail-on-regression 25",
        "", "Exit codes: 0 ok, 2 usage or input error, 3 a query class slowed down past --fail-on-regression."})
final class DiffCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin DebugOption debug;

  @Parameters(index = "0", paramLabel = "BEFORE", description = "The snapshot from before.")
  Path before;

  @Parameters(index = "1", paramLabel = "AFTER", description = "The snapshot from after.")
  Path after;

  @Mixin ReportOutput output;

  @Option(names = "--noise", paramLabel = "PCT", defaultValue = "10",
      description = "A mean time must change by more than PCT percent to count as faster or slower. "
          + "Default: ${DEFAULT-VALUE}.")
  double noisePct;

  @Option(names = "--noise-ms", paramLabel = "MS", defaultValue = "0.05",
      description = "... and by more than MS milliseconds. Default: ${DEFAULT-VALUE}.")
  double noiseMillis;

  @Option(names = "--fail-on-regression", paramLabel = "PCT",
      description = "Exit 3 when a query class got slower by more than PCT percent.")
  Double failOnRegression;

  @Override
  public Integer call() throws IOException {
    output.check();
    SnapshotDiff d = SnapshotDiff.of(SnapshotFiles.load(before), SnapshotFiles.load(after), noisePct, noiseMillis);
    output.write(out -> {
      switch (output.format) {
        case json -> DiffReport.json(d, out);
        case markdown -> DiffReport.markdown(d, out);
        case html -> DiffReport.html(d, out);
        default -> DiffReport.text(d, out);
      }
    });
    if (failOnRegression != null && d.worstRegressionPct() > failOnRegression) {
      spec.commandLine().getErr().printf(Locale.ROOT,
          "logdex: a query class got %.1f%% slower, past --fail-on-regression %.1f%n", d.worstRegressionPct(),
          failOnRegression);
      return 3;
    }
    return 0;
  }
}
