package dev.logdex.cli;

import dev.logdex.core.analysis.AnalysisReport;
import dev.logdex.core.migration.Change;
import dev.logdex.core.rehearse.MigrationSteps;
import dev.logdex.core.rehearse.Rehearsal;
import dev.logdex.core.report.Escape;
import dev.logdex.core.report.RehearsalReport;
import dev.logdex.core.snapshot.Snapshot;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code logdex rehearse}: the migration applied to a copy of the database, and the workload measured on it. */
@Command(
    name = "rehearse",
    mixinStandardHelpOptions = true,
    description = "Copies the --db database on its own server (--copy-to NAME), applies the migration to the copy "
        + "(logdex's recommendations and fixes, or a Flyway-style --migration DIR) statement by statement, and runs "
        + "the logged statements on the copy before and after it, timed: reads as logged, writes inside a "
        + "transaction that is rolled back, as a login made for the rehearsal that may touch the copy's tables "
        + "and nothing else. Reports what each index cost to build, what it weighs, and what it bought. The "
        + "source database is only read; the copy is dropped at the end unless --keep.",
    footer = {"", "Examples:",
        "  logdex rehearse --db jdbc:postgresql://localhost/shop --copy-to shop_rehearsal postgresql.log",
        "  logdex rehearse --db jdbc:mariadb://localhost/shop --copy-to shop_copy --migration db/migration slow.log",
        "", "Exit status: 0 when the migration applied, 1 when a statement of it failed (the report says which), "
            + "2 for a usage error."})
final class RehearseCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin DebugOption debug;

  @Mixin WorkloadOptions inputs;

  @Mixin ReportOutput output;

  @Mixin PlannerOption planner;

  @Mixin RehearsalOptions rehearsal;

  @Option(names = "--migration", paramLabel = "DIR",
      description = "Apply the versioned files of this Flyway-style directory (V<version>__name.sql, in version "
          + "order) instead of logdex's own recommendations and fixes.")
  Path migration;

  @Option(names = "--from", paramLabel = "SNAPSHOT",
      description = "Take the workload and recommendations from a snapshot (analyze --save) instead of logs.")
  Path from;

  @Option(names = "--prune", paramLabel = "DIR",
      description = "Write logdex's migration without the indexes measured to have no effect (or to slow things "
          + "down) into DIR, as Flyway files (V<n>__name.sql with U<n> undo).")
  Path prune;

  @Option(names = "--save", paramLabel = "FILE",
      description = "Also save a snapshot: the workload, the recommendations ranked by what was measured, and the "
          + "rehearsal (for diff, migrate --from, and later reading).")
  Path save;

  @Override
  public Integer call() throws IOException {
    if (inputs.db == null) {
      throw new UserError("rehearse needs --db URL: the database to copy");
    }
    rehearsal.check("rehearse");
    output.check();
    OutputFiles.checkWritable("--save", save);
    if (prune != null && migration != null) {
      throw new UserError("--prune writes logdex's own migration without what did nothing; with --migration DIR, "
          + "the report names the files whose indexes did nothing");
    }
    RehearsalServer server = RehearsalServer.of(inputs.db, inputs.dbUser, inputs.dbPasswordFile);
    Snapshot snapshot = analysis();
    List<dev.logdex.core.analysis.Rehearsed.Step> steps;
    List<Change> changes = List.of();
    if (migration != null) {
      try {
        steps = MigrationSteps.read(migration, server.dialect());
      } catch (IOException e) {
        throw new UserError("--migration " + e.getMessage());
      }
    } else {
      changes = RehearsalOptions.changes(snapshot);
      steps = MigrationSteps.of(changes);
    }
    PrintWriter err = spec.commandLine().getErr();
    dev.logdex.core.analysis.Rehearsed result = rehearsal.run(server, snapshot, steps, err, inputs.quiet);
    if (save != null) {
      SnapshotFiles.save(new Snapshot(snapshot.logdexVersion(), snapshot.schema(), snapshot.workload(),
          snapshot.inputs(), snapshot.statements(), rankedBy(snapshot, result), snapshot.findings(),
          java.util.Optional.of(result)), save);
    }
    output.write(out -> {
      switch (output.format) {
        case json -> RehearsalReport.json(result, out);
        case markdown -> RehearsalReport.markdown(result, out);
        case html -> RehearsalReport.html(result, out);
        default -> RehearsalReport.text(result, out);
      }
    });
    if (prune != null && !result.migrationFailed()) {
      List<Change> kept = Rehearsal.pruned(result, changes);
      List<Path> written;
      try {
        written = kept.isEmpty() ? List.of() : dev.logdex.core.migration.MigrationWriter.write(kept, prune,
            dev.logdex.core.migration.MigrationWriter.Style.FLYWAY);
      } catch (IOException e) {
        throw new UserError("--prune " + e.getMessage());
      }
      err.println(Escape.terminal("logdex: --prune: " + kept.size() + " of " + changes.size() + " changes kept, "
          + written.size() + " files written to " + prune));
      err.flush();
    }
    return result.migrationFailed() ? 1 : 0;
  }

  /** The snapshot's recommendations in the order the rehearsal measured them (see RehearsalRanking). */
  private static List<dev.logdex.core.recommend.Recommendation> rankedBy(Snapshot s,
      dev.logdex.core.analysis.Rehearsed r) {
    return dev.logdex.core.analysis.RehearsalRanking.rank(s.recommendations(), r);
  }

  /**
   * The workload and what logdex would migrate: from a snapshot, or from the logs read against --db. The read-only
   * connection to the source is closed before the copy is made (a template copy needs the source to itself).
   */
  private Snapshot analysis() throws IOException {
    if (from != null) {
      if (!inputs.logs.isEmpty() || !inputs.schemaFiles.isEmpty()) {
        throw new UserError("--from takes the workload from the snapshot; give no schema or logs with it");
      }
      return SnapshotFiles.load(from);
    }
    if (inputs.logs.isEmpty() && !inputs.fromDb) {
      throw new UserError("give the logs whose statements to rehearse (or --from SNAPSHOT)");
    }
    WorkloadOptions.Loaded in = inputs.load(spec.commandLine().getErr());
    try {
      AnalysisReport report = planner.apply(in, in.analysis(0), 0, spec.commandLine().getErr(), inputs.quiet);
      return dev.logdex.core.snapshot.Snapshots.of(Version.current(), in.schema(), in.workload(),
          report.withFindings(in.withLiveEvidence(report.findings())));
    } finally {
      in.close();
    }
  }
}
