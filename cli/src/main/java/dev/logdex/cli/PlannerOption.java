package dev.logdex.cli;

import dev.logdex.core.analysis.AnalysisReport;
import dev.logdex.core.analysis.Planned;
import dev.logdex.core.model.Dialect;
import dev.logdex.core.plan.Verifier;
import dev.logdex.core.report.Escape;
import java.io.PrintWriter;
import picocli.CommandLine.Option;

/** {@code --planner/--no-planner}: whether a live PostgreSQL database's planner chooses the indexes. */
final class PlannerOption {

  @Option(names = "--planner", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "With --db on PostgreSQL, let the planner choose the indexes: each candidate is "
          + "planned as a hypothetical index (or, with --planner-method rollback, a real one) against the queries "
          + "on its table, and the greedy selection takes what "
          + "cuts the planned cost most. --no-planner keeps logdex's own estimate. Default: on where HypoPG is.")
  boolean planner;

  @Option(names = "--planner-method", paramLabel = "METHOD", defaultValue = "hypopg",
      description = "How the planner's candidates come to exist: hypopg (hypothetical indexes; writes nothing) or "
          + "rollback (each built for real inside a transaction that is rolled back, for a database without HypoPG: "
          + "each build takes as long as a real one and blocks writes to its table until the search ends, so use "
          + "it on a copy of the database). Default: hypopg.")
  Verifier.Method method;

  /**
   * {@code report} with the planner's choice where the database can make it (PostgreSQL with HypoPG); else as it
   * is, with a word on {@code err} when a database was given but cannot choose.
   */
  AnalysisReport apply(WorkloadOptions.Loaded in, AnalysisReport report, long budgetBytes, PrintWriter err,
      boolean quiet) {
    if (!planner || in.live().isEmpty() || in.schema().dialect() != Dialect.POSTGRESQL) {
      return report;
    }
    if (method == Verifier.Method.SCRATCH) {
      throw new UserError("--planner-method scratch: the planner chooses the indexes on PostgreSQL, with hypopg or "
          + "rollback");
    }
    java.sql.Connection c = in.live().get();
    try {
      if (method == Verifier.Method.HYPOPG && !Verifier.hypopgInstalled(c)) {
        say(err, quiet, "HypoPG is not installed in this database, so the recommendations are logdex's own "
            + "estimate; CREATE EXTENSION hypopg (as its owner) lets the planner choose them, or on a copy of the "
            + "database --planner-method rollback");
        return report;
      }
      Planned.Choice choice = Planned.choose(c, in.schema(), in.workload(), report, budgetBytes, method);
      say(err, quiet, choice.summary());
      return choice.report();
    } catch (java.sql.SQLException e) {
      throw new UserError("--db: " + Secrets.scrub(e.getMessage().lines().findFirst().orElse("")));
    }
  }

  private static void say(PrintWriter err, boolean quiet, String line) {
    if (!quiet) {
      err.println(Escape.terminal("logdex: " + line));
      err.flush();
    }
  }
}
