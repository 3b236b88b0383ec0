package dev.logdex.cli;

import dev.logdex.core.analysis.AnalysisReport;
import dev.logdex.core.migration.Change;
import dev.logdex.core.migration.Changes;
import dev.logdex.core.migration.MigrationWriter;
import dev.logdex.core.report.Escape;
import dev.logdex.core.recommend.Recommendation;
import dev.logdex.core.snapshot.Snapshot;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code logdex migrate}: the chosen recommendations and fixes as migration files. */
@Command(
    name = "migrate",
    mixinStandardHelpOptions = true,
    description = "Writes the recommendations and finding fixes as migration files for Flyway, Liquibase, or as "
        + "plain up.sql/down.sql, each with its undo and a comment saying why. Production-safe DDL: CREATE INDEX "
        + "CONCURRENTLY outside a transaction on PostgreSQL, online ALTER TABLE on MySQL/MariaDB, foreign keys "
        + "NOT VALID then validated after an orphan check.",
    footer = {"", "Examples:",
        "  logdex migrate --to db/migration --style flyway --schema schema.sql pg_stat_statements.csv",
        "  logdex migrate --to changes --style plain --from day.json --top 3"})
final class MigrateCommand implements Callable<Integer> {

  enum Style { flyway, liquibase, plain }

  @Spec CommandSpec spec;

  @Mixin DebugOption debug;

  @Mixin WorkloadOptions inputs;

  @Option(names = "--to", paramLabel = "DIR", required = true, description = "The migrations directory.")
  Path to;

  @Option(names = "--style", paramLabel = "STYLE", defaultValue = "flyway",
      description = "flyway (V<n>__name.sql with U<n> undo), liquibase (formatted SQL with rollback) or plain "
          + "(up.sql and down.sql). Default: ${DEFAULT-VALUE}.")
  Style style;

  @Option(names = "--from", paramLabel = "SNAPSHOT",
      description = "Take the analysis from a snapshot (analyze --save) instead of schema and logs.")
  Path from;

  @Option(names = "--only", paramLabel = "WHAT", split = ",",
      description = "What to write: indexes (the recommendations), unindexed-foreign-key, missing-foreign-key, "
          + "duplicate-index, redundant-index, unused-index. Default: all but unused-index.")
  List<String> only;

  @Option(names = "--top", paramLabel = "N", description = "Only the N best index recommendations.")
  Integer top;

  @picocli.CommandLine.Mixin PlannerOption planner;

  @Option(names = "--no-schema",
      description = "Write migrations even though no schema was given (--schema or --db): nothing then checks "
          + "that an index does not exist already, or that a column is not the primary key.")
  boolean noSchema;

  @Override
  public Integer call() throws IOException {
    Set<String> selection = only == null ? Changes.DEFAULT_SELECTION : new TreeSet<>(only);
    for (String s : selection) {
      if (!Changes.SELECTABLE.contains(s)) {
        throw new UserError("--only: unknown '" + s + "'; use " + String.join(", ", new TreeSet<>(Changes.SELECTABLE)));
      }
    }
    Snapshot snapshot;
    if (from != null) {
      if (!inputs.logs.isEmpty() || !inputs.schemaFiles.isEmpty() || inputs.db != null) {
        throw new UserError("--from takes the whole analysis from the snapshot; give no schema or logs with it");
      }
      snapshot = SnapshotFiles.load(from);
    } else {
      WorkloadOptions.Loaded in = inputs.load(spec.commandLine().getErr());
      try {
        AnalysisReport report = planner.apply(in, in.analysis(0), 0, spec.commandLine().getErr(), inputs.quiet);
        snapshot = dev.logdex.core.snapshot.Snapshots.of(Version.current(), in.schema(), in.workload(),
            report.withFindings(in.withLiveEvidence(report.findings())));
      } finally {
        in.close();
      }
    }
    if (!snapshot.schema().isGiven() && !noSchema) {
      throw new UserError((from != null ? from + ": the snapshot was made" : "no schema given:")
          + (from != null ? " without a schema" : " a migration written from the logs alone")
          + " could create indexes that exist already, or duplicate a primary key. Give --schema FILE or "
          + "--db URL" + (from != null ? " to analyze" : "") + ", or --no-schema to write it anyway");
    }
    List<Recommendation> recs = snapshot.recommendations();
    if (top != null) {
      recs = recs.subList(0, Math.min(top, recs.size()));
    }
    List<Change> changes =
        Changes.of(snapshot.schema(), recs, snapshot.findings(), selection, only != null);
    PrintWriter out = spec.commandLine().getOut();
    java.util.Map<Change, String> there = MigrationWriter.alreadyWritten(changes, to,
        snapshot.schema().dialect());
    if (!there.isEmpty()) {
      // Run again on the same directory, migrate adds what is new, not a second copy of what is there.
      there.forEach((c, file) -> out.println(Escape.terminal("already in " + file + ": " + c.slug())));
      changes = changes.stream().filter(c -> !there.containsKey(c)).toList();
    }
    if (changes.isEmpty()) {
      out.println("nothing to migrate");
      out.flush();
      return 0;
    }
    List<Path> written;
    try {
      written = MigrationWriter.write(changes, to, MigrationWriter.Style.valueOf(style.name().toUpperCase(Locale.ROOT)));
    } catch (IOException e) {
      throw new UserError(e.getMessage());
    }
    out.printf(Locale.ROOT, "%d changes, %d files in %s:%n", changes.size(), written.size(), to);
    written.forEach(p -> out.println("  " + p.getFileName()));
    out.flush();
    return 0;
  }
}
