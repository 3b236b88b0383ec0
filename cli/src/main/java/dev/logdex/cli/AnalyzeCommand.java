package dev.logdex.cli;

import dev.logdex.core.analysis.AnalysisReport;
import dev.logdex.core.plan.Verifier;
import dev.logdex.core.report.JsonReport;
import dev.logdex.core.report.MarkdownReport;
import dev.logdex.core.report.TextReport;
import dev.logdex.core.sql.StatementAnalyzer;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code logdex analyze}: logs and a schema in, ranked index recommendations out. */
@Command(
    name = "analyze",
    mixinStandardHelpOptions = true,
    description = "Reads query logs, analyses every statement against the schema and ranks index proposals.",
    footer = {"", "Examples:",
        "  logdex analyze --schema schema.sql pg_stat_statements.csv",
        "  logdex analyze --schema dump.sql --format json --output report.json day1.csv.gz day2.csv"})
final class AnalyzeCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin DebugOption debug;

  @Mixin WorkloadOptions inputs;

  @Option(names = "--top", paramLabel = "N", description = "Show only the N best recommendations. Default: all.")
  Integer top;

  @Mixin ReportOutput output;

  @Option(names = "--detail", paramLabel = "FINGERPRINT",
      description = "After the text report, show this query class in full, as logdex explain does (4 or more "
          + "digits of its id). JSON and HTML carry every top class's detail already.")
  String detail;

  @Option(names = "--save", paramLabel = "FILE",
      description = "Also write a snapshot (for logdex diff, merge and migrate --from) to FILE.")
  Path save;

  @Option(names = "--from", paramLabel = "SNAPSHOT",
      description = "Report on a snapshot (analyze --save, merge, the Spark job) instead of schema and logs: the "
          + "analysis is made again from its workload; the groups of a grouped snapshot are shown after the whole.")
  Path from;

  @Option(names = "--budget", paramLabel = "SIZE",
      description = "Keep the recommended indexes within SIZE of storage (e.g. 500MB, 2GB), chosen by estimated "
          + "benefit per byte. Needs row estimates: use --db.")
  String budget;

  @Option(names = "--explain-rejections",
      description = "After the report, list every candidate index that was not recommended, and why.")
  boolean explainRejections;

  @Option(names = "--verify",
      description = "Check the recommendations with the --db database's planner, as logdex verify does, and rank "
          + "them by its verdict: used first, demoted last, each reason saying what the planner did.")
  boolean verify;

  @Option(names = "--verify-method", paramLabel = "METHOD", defaultValue = "hypopg",
      description = "How --verify makes the indexes exist. PostgreSQL: hypopg (hypothetical indexes; writes "
          + "nothing) or rollback (built inside a transaction that is rolled back; for a copy of the database). "
          + "MySQL/MariaDB: scratch (created and dropped again; only on a scratch copy). Default: hypopg.")
  Verifier.Method verifyMethod;

  @picocli.CommandLine.Mixin PlannerOption planner;

  @Option(names = "--rehearse",
      description = "After the analysis, rehearse its migration on a copy of the --db database (--copy-to NAME), "
          + "as logdex rehearse does, and rank the recommendations by the measured gains: measured faster first, "
          + "of no measurable effect and slower last, each reason saying what was measured.")
  boolean rehearse;

  @Mixin RehearsalOptions rehearsal;

  @Option(names = "--stats", description = "Print pipeline counters (events, parsers, cache hits) to stderr.")
  boolean stats;

  @Mixin FailOnOption failOn;

  @Override
  public Integer call() throws IOException {
    if (top != null && top < 1) {
      throw new UserError("--top must be at least 1, was " + top);
    }
    if (from != null) {
      return fromSnapshot();
    }
    if (inputs.logs.isEmpty() && !inputs.fromDb) {
      throw new UserError("give at least one LOG to analyze (logdex lint reads a schema alone)");
    }
    output.check();
    if (detail != null && output.format != ReportFormat.text) {
      throw new UserError("--detail is for the text view; the " + output.format + " report has every top class's "
          + "detail (or use logdex explain FINGERPRINT)");
    }
    OutputFiles.checkWritable("--save", save);
    long budgetBytes = budget == null ? 0 : Sizes.parse("--budget", budget);
    if (budgetBytes > 0 && inputs.db == null) {
      throw new UserError("--budget needs the tables' row estimates to size indexes: give --db URL");
    }
    Optional<Verifier.Method> method = verifyMethod();
    if (rehearse) {
      if (inputs.db == null) {
        throw new UserError("--rehearse needs --db URL: the database to copy");
      }
      rehearsal.check("--rehearse");
    }
    PrintWriter err = spec.commandLine().getErr();
    WorkloadOptions.Loaded in = inputs.load(err);
    AnalysisReport report;
    try {
      report = in.analysis(budgetBytes);
      report = planner.apply(in, report, budgetBytes, err, inputs.quiet);
      report = report.withFindings(in.withLiveEvidence(report.findings()));
      if (method.isPresent()) {
        report = verified(in, report, method.get());
      }
    } finally {
      in.close();
    }
    boolean migrationFailed = false;
    if (rehearse) {
      // After the source's connection is closed: a template copy needs the source to itself.
      var snapshot = dev.logdex.core.snapshot.Snapshots.of(Version.current(), in.schema(), in.workload(), report);
      var rehearsed = rehearsal.run(RehearsalServer.of(inputs.db, inputs.dbUser, inputs.dbPasswordFile), snapshot,
          dev.logdex.core.rehearse.MigrationSteps.of(RehearsalOptions.changes(snapshot)), err, inputs.quiet);
      report = dev.logdex.core.analysis.RehearsalRanking.judge(report, rehearsed);
      migrationFailed = rehearsed.migrationFailed();
      if (migrationFailed) {
        err.println("logdex: --rehearse: a statement of the migration failed on the copy (see the report)");
      }
    }
    if (save != null) {
      SnapshotFiles.save(dev.logdex.core.snapshot.Snapshots.of(Version.current(), in.schema(), in.workload(), report),
          save);
    }
    AnalysisReport shown = top != null ? report.top(top) : report;
    if (detail != null) {
      var snapshot = dev.logdex.core.snapshot.Snapshots.of(Version.current(), in.schema(), in.workload(), report);
      dev.logdex.core.workload.QueryStats q = ClassDetail.find(in.workload(), detail);
      output.write(out -> {
        TextReport.write(shown, out, output.toStdout() && Terminal.color(), output.toStdout() && Terminal.stdout());
        PrintWriter w = new PrintWriter(dev.logdex.core.report.Escape.writer(out));
        w.println();
        ClassDetail.print(snapshot, q, Optional.empty(), w);
      });
    } else {
      write(shown);
    }
    if (explainRejections) {
      PrintWriter out = spec.commandLine().getOut();
      var rejections = report.rejections();
      out.println();
      out.println(rejections.isEmpty() ? "No candidate was rejected." : "Rejected candidates:");
      for (var r : rejections) {
        // Table, keys and predicate come from the log: one line, escaped like every line of the text report.
        out.println(dev.logdex.core.report.Escape.terminalLine("  " + r.candidate().table() + " ("
            + String.join(", ", r.candidate().keys()) + ")"
            + (r.candidate().where().isEmpty() ? "" : " WHERE " + r.candidate().where()) + ": " + r.reason()));
      }
      out.flush();
    }
    if (stats) {
      printStats(in.registry(), in.analyzer(), err);
    }
    err.flush();
    return migrationFailed ? 1 : failOn.exitCode(report.findings());
  }

  private Optional<Verifier.Method> verifyMethod() {
    Verifier.Method method = verifyMethod;
    if (!verify) {
      return Optional.empty();
    }
    if (inputs.db == null) {
      throw new UserError("--verify needs --db URL: the planner of a live database does the checking");
    }
    return Optional.of(method);
  }

  private static AnalysisReport verified(WorkloadOptions.Loaded in, AnalysisReport report, Verifier.Method method) {
    boolean mysql = in.schema().dialect() == dev.logdex.core.model.Dialect.MYSQL;
    if (mysql != (method == Verifier.Method.SCRATCH)) {
      throw new UserError(mysql ? "--verify on MySQL/MariaDB, which cannot roll DDL back: only on a scratch copy of "
          + "the database, with --verify-method scratch (logdex creates the indexes and drops them again)"
          : "--verify-method scratch is for MySQL/MariaDB; on PostgreSQL use hypopg or rollback");
    }
    java.sql.Connection c = in.live().orElseThrow();
    try {
      if (method == Verifier.Method.HYPOPG && !Verifier.hypopgInstalled(c)) {
        throw new UserError("--verify: HypoPG is not installed in this database; as its owner run: CREATE "
            + "EXTENSION hypopg (or, on a copy of the database, add --verify-method rollback)");
      }
      return dev.logdex.core.analysis.Verified.judge(report,
          Verifier.verify(c, in.workload(), report.recommendations(), method), method);
    } catch (java.sql.SQLException e) {
      throw new UserError("--db: " + Secrets.scrub(e.getMessage().lines().findFirst().orElse("")));
    }
  }

  private void write(AnalysisReport report) throws IOException {
    write(report, dev.logdex.core.snapshot.Groups.NONE, dev.logdex.core.workload.Workload.empty());
  }

  /** The report, and after it, in text and Markdown, the groups of a grouped snapshot. */
  private void write(AnalysisReport report, dev.logdex.core.snapshot.Groups groups,
      dev.logdex.core.workload.Workload whole) throws IOException {
    if (Boolean.getBoolean("logdex.cds.training")) {
      // The run that records the class-data archive writes its report in the machine formats too (to nowhere), so
      // that a later run with --format json maps Jackson's classes instead of loading them: 0.1-0.2 s a run.
      JsonReport.write(report, java.io.Writer.nullWriter());
      MarkdownReport.write(report, java.io.Writer.nullWriter());
    }
    output.write(out -> {
      switch (output.format) {
        case json -> JsonReport.write(report, out);
        case markdown -> MarkdownReport.write(report, out);
        case html -> dev.logdex.core.report.HtmlReport.write(report, out);
        default -> TextReport.write(report, out, output.toStdout() && Terminal.color(),
            output.toStdout() && Terminal.stdout());
      }
      if (!groups.isEmpty() && (output.format == ReportFormat.text || output.format == ReportFormat.markdown)) {
        dev.logdex.core.report.GroupsReport.write(groups, whole, out, output.format == ReportFormat.markdown);
      }
    });
  }

  /** {@code analyze --from}: the report of a snapshot, its analysis made again from its workload. */
  private int fromSnapshot() throws IOException {
    if (!inputs.logs.isEmpty() || !inputs.schemaFiles.isEmpty() || inputs.db != null || inputs.fromDb) {
      throw new UserError("--from takes the workload and schema from the snapshot; give no logs, schema or --db");
    }
    if (verify || rehearse || budget != null || detail != null) {
      throw new UserError("--from reports on the snapshot alone: --verify, --rehearse, --budget and --detail need "
          + "--db and the logs");
    }
    output.check();
    OutputFiles.checkWritable("--save", save);
    dev.logdex.core.snapshot.Snapshot s = SnapshotFiles.load(from);
    AnalysisReport report = dev.logdex.core.analysis.Analysis.run(Version.current(), s.schema(), s.workload(),
        s.inputs(), s.statements(), java.util.List.of(), inputs.config()).withLeftOut(s.classFilters());
    if (save != null) {
      SnapshotFiles.save(dev.logdex.core.snapshot.Snapshots.of(Version.current(), s.schema(), s.workload(), report)
          .withGroups(s.groups()), save);
    }
    write(top != null ? report.top(top) : report, s.groups(), s.workload());
    return failOn.exitCode(report.findings());
  }

  private static void printStats(SimpleMeterRegistry registry, StatementAnalyzer analyzer, PrintWriter err) {
    err.println("logdex stats:");
    for (Meter m : registry.getMeters()) {
      String tags = m.getId().getTags().isEmpty() ? ""
          : m.getId().getTags().stream().map(t -> t.getKey() + "=" + t.getValue())
              .reduce((a, b) -> a + "," + b).map(s -> "{" + s + "}").orElse("");
      double v = m.measure().iterator().next().getValue();
      err.printf(Locale.ROOT, "  %-45s %,.0f%n", m.getId().getName() + tags, v);
    }
    long hits = analyzer.cacheHits();
    long total = hits + analyzer.cacheMisses();
    err.printf(Locale.ROOT, "  %-45s %.1f%%%n", "logdex.parse.cache.hit_rate",
        total == 0 ? 0.0 : 100.0 * hits / total);
  }
}
