package dev.logdex.cli;

import dev.logdex.core.analysis.AnalysisReport;
import dev.logdex.core.snapshot.Snapshot;
import dev.logdex.core.workload.QueryStats;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code logdex explain}: one query class in full. */
@Command(
    name = "explain",
    mixinStandardHelpOptions = true,
    description = "Shows one query class: its sample, calls and times, how it uses each column, the "
        + "recommendation that serves it, the findings that name it, and with --db the database's plan for it.",
    footer = {"", "Examples:",
        "  logdex explain 294f8fd7 --schema schema.sql pg_stat_statements.csv",
        "  logdex explain 294f8fd7 --db jdbc:postgresql://localhost/shop pg_stat_statements.csv",
        "  logdex explain 294f8fd7 --from day.json"})
final class ExplainCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin DebugOption debug;

  @Parameters(index = "0", paramLabel = "FINGERPRINT", description = "A query class id, or its first 4 or more digits.")
  String fingerprint;

  @Mixin WorkloadOptions inputs;

  @Mixin TextOutput output;

  @Option(names = "--from", paramLabel = "SNAPSHOT", description = "Take the analysis from a snapshot.")
  Path from;

  @Override
  public Integer call() throws IOException {
    output.check();
    // The shared LOG... list takes every positional, this command's FINGERPRINT included: it is not a log.
    if (!inputs.logs.isEmpty() && inputs.logs.get(0).equals(fingerprint)) {
      inputs.logs = new java.util.ArrayList<>(inputs.logs.subList(1, inputs.logs.size()));
    }
    if (fingerprint.length() < 4) {
      throw new UserError("give at least 4 digits of the fingerprint, not '" + fingerprint + "'");
    }
    Snapshot snapshot;
    Optional<java.sql.Connection> live = Optional.empty();
    WorkloadOptions.Loaded in = null;
    if (from != null) {
      snapshot = SnapshotFiles.load(from);
    } else {
      if (inputs.logs.isEmpty() && !inputs.fromDb) {
        throw new UserError("give the logs to find the query in, or --from SNAPSHOT");
      }
      in = inputs.load(spec.commandLine().getErr());
      AnalysisReport report = in.analysis(0);
      snapshot = dev.logdex.core.snapshot.Snapshots.of(Version.current(), in.schema(), in.workload(), report);
      live = in.live();
    }
    try {
      print(snapshot, ClassDetail.find(snapshot.workload(), fingerprint), live);
    } finally {
      if (in != null) {
        in.close();
      }
    }
    return 0;
  }

  private void print(Snapshot s, QueryStats q, Optional<java.sql.Connection> live) throws IOException {
    output.write(target -> ClassDetail.print(s, q, live, new PrintWriter(dev.logdex.core.report.Escape.writer(target))));
  }

}
