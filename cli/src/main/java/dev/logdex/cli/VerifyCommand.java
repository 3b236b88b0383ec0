package dev.logdex.cli;

import dev.logdex.core.analysis.AnalysisReport;
import dev.logdex.core.model.Dialect;
import dev.logdex.core.plan.Verifier;
import java.io.IOException;
import java.io.PrintWriter;
import java.sql.SQLException;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code logdex verify}: the recommendations checked against the live database's planner. */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description = "Analyses the logs against a live database (--db), then plans every query class before and after"
        + " the recommended indexes exist. On PostgreSQL: hypothetically (HypoPG, in this session only; writes"
        + " nothing) or, with --rollback, built inside a transaction that is rolled back. On MySQL/MariaDB: only on"
        + " a scratch copy (--scratch-ok), created and dropped again. It reports whether the planner uses each"
        + " index, for which queries, the plan and cost before and after, and the workload's total estimated cost.",
    footer = {"", "Example:", "  logdex verify --db jdbc:postgresql://localhost/shop pg_stat_statements.csv",
        "", "The database needs the hypopg extension (Debian: postgresql-15-hypopg; CREATE EXTENSION hypopg),",
        "or --rollback on a copy of the database."})
final class VerifyCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin DebugOption debug;

  @Mixin WorkloadOptions inputs;

  @Mixin TextOutput output;

  @Option(names = "--rollback",
      description = "Without HypoPG: build the indexes for real inside one transaction, plan, and roll it all "
          + "back. Nothing remains, but each build takes as long as a real one and blocks writes to its table "
          + "while it runs: use it on a copy of the database. Needs a user that may create indexes.")
  boolean rollback;

  @Option(names = "--scratch-ok",
      description = "MySQL/MariaDB: this database is a scratch copy. logdex creates the recommended indexes for "
          + "real (ALTER TABLE ... ADD INDEX), explains each query before and after, and drops the indexes again.")
  boolean scratchOk;

  @Override
  public Integer call() throws IOException {
    output.check();
    if (inputs.db == null) {
      throw new UserError("verify needs --db URL: the planner of a live database does the checking");
    }
    if (inputs.logs.isEmpty() && !inputs.fromDb) {
      throw new UserError("give the logs whose queries to verify");
    }
    WorkloadOptions.Loaded in = inputs.load(spec.commandLine().getErr());
    try {
      java.sql.Connection c = in.live().orElseThrow();
      if (in.schema().dialect() == Dialect.MYSQL) {
        if (!scratchOk) {
          throw new UserError("MySQL and MariaDB cannot roll DDL back: verify only a scratch copy of the database, "
              + "with --scratch-ok, and logdex creates the indexes, plans, and drops them again");
        }
        AnalysisReport report = in.analysis(0);
        print(Verifier.verify(c, in.workload(), report.recommendations(), Verifier.Method.SCRATCH));
        return 0;
      }
      if (!rollback && !Verifier.hypopgInstalled(c)) {
        throw new UserError("HypoPG is not installed in this database; as its owner run: CREATE EXTENSION hypopg"
            + " (or, on a copy of the database, verify with --rollback)");
      }
      AnalysisReport report = in.analysis(0);
      Verifier.Result r = Verifier.verify(c, in.workload(), report.recommendations(),
          rollback ? Verifier.Method.ROLLBACK : Verifier.Method.HYPOPG);
      print(r);
      return 0;
    } catch (SQLException e) {
      throw new UserError("--db: " + Secrets.scrub(e.getMessage().lines().findFirst().orElse("")));
    } finally {
      in.close();
    }
  }

  private void print(Verifier.Result r) throws IOException {
    output.write(target -> print(r, new PrintWriter(dev.logdex.core.report.Escape.writer(target))));
  }

  private void print(Verifier.Result r, PrintWriter out) {
    // Samples, names and plans come from logs and databases: every byte is escaped for the terminal.
    for (Verifier.Verdict v : r.verdicts()) {
      out.printf(Locale.ROOT, "%s #%d %s%n", v.used() ? "used        " : v.verified() ? "NOT used    "
          : "not verified", v.recommendation().rank(),
          v.recommendation().shortDdl());
      for (Verifier.QueryPlans q : v.queries()) {
        out.printf(Locale.ROOT, "    %s  %,d calls  cost %,.1f -> %,.1f  %s -> %s%n", q.fingerprint(), q.calls(),
            q.costBefore(), q.costAfter(), q.nodeBefore(), q.nodeAfter());
      }
      if (!v.notJudged().isEmpty()) {
        out.println("    not judged: " + v.notJudged());
      } else if (!v.verified()) {
        out.println("    none of the queries it serves could be planned (listed below)");
      } else if (!v.used()) {
        out.println("    demoted: the planner uses it for none of the queries it serves"
            + (v.recommendation().reason().contains("deletes on") ? " (foreign key checks on deletes of the parent"
                + " run outside any plan: for those it still serves)" : ""));
      }
    }
    double change = r.costBefore() == 0 ? 0 : 100.0 * (r.costAfter() - r.costBefore()) / r.costBefore();
    out.printf(Locale.ROOT, "%nworkload estimated cost (calls x plan cost): %,.0f -> %,.0f (%+.1f%%)%n",
        r.costBefore(), r.costAfter(), change);
    if (!r.unplanned().isEmpty()) {
      out.println(r.unplanned().size() + " query classes could not be planned:");
      r.unplanned().forEach((id, why) -> out.println("  " + id + ": " + why));
    }
    out.flush();
  }
}
