package dev.logdex.cli;

import dev.logdex.core.analysis.Rehearsed;
import dev.logdex.core.migration.Change;
import dev.logdex.core.migration.Changes;
import dev.logdex.core.rehearse.Rehearsal;
import dev.logdex.core.report.Escape;
import dev.logdex.core.snapshot.Snapshot;
import java.io.IOException;
import java.io.PrintWriter;
import java.sql.SQLException;
import java.util.List;
import picocli.CommandLine.Option;

/** How a rehearsal copies, replays and times: shared by {@code rehearse} and {@code analyze --rehearse}. */
final class RehearsalOptions {

  @Option(names = "--copy-to", paramLabel = "NAME",
      description = "The name of the copy to make on the --db database's server: letters, digits and underscores.")
  String copy;

  @Option(names = "--replace", description = "Drop an earlier copy of that name first (only a copy logdex made).")
  boolean replace;

  @Option(names = "--keep", description = "Leave the copy in place afterwards (dropped by default).")
  boolean keep;

  @Option(names = "--force",
      description = "Copy even a database over 10 GB, or one whose server's free disk cannot be seen to hold two "
          + "copies of it.")
  boolean force;

  @Option(names = "--sample-rows", paramLabel = "N",
      description = "Copy about N rows of each larger table (smaller ones whole), with every row they reference, "
          + "instead of all the data. On PostgreSQL the schema comes from pg_dump when it is installed here, else "
          + "from the source's catalog.")
  Long sampleRows;

  @Option(names = "--full", description = "Copy all the data (the default; says so against --sample-rows).")
  boolean full;

  @Option(names = "--rounds", paramLabel = "N", defaultValue = "5",
      description = "Timed runs of each statement before and after. Default: ${DEFAULT-VALUE}.")
  int rounds;

  @Option(names = "--warmup", paramLabel = "N", defaultValue = "1",
      description = "Untimed runs of each statement first. Default: ${DEFAULT-VALUE}.")
  int warmup;

  @Option(names = "--statement-timeout", paramLabel = "SECONDS", defaultValue = "10",
      description = "The time limit of one run; a statement that reaches it is reported as timed out. "
          + "Default: ${DEFAULT-VALUE}.")
  int statementTimeout;

  @Option(names = "--classes", paramLabel = "N", defaultValue = "50",
      description = "Replay at most the N query classes with the most total time. Default: ${DEFAULT-VALUE}.")
  int classes;

  /** Fails now, before any work, on options that cannot make a rehearsal. */
  void check(String command) {
    if (copy == null) {
      throw new UserError(command + " needs --copy-to NAME: the copy of the --db database to rehearse on");
    }
    if (full && sampleRows != null) {
      throw new UserError("give --sample-rows N or --full, not both");
    }
    if (sampleRows != null && sampleRows < 1) {
      throw new UserError("--sample-rows: give 1 or more rows, not " + sampleRows);
    }
    if (rounds < 1 || warmup < 0 || statementTimeout < 1 || classes < 1) {
      throw new UserError("--rounds, --statement-timeout and --classes take 1 or more, --warmup 0 or more");
    }
  }

  /** logdex's own migration for {@code snapshot}: the changes {@code migrate} writes by default. */
  static List<Change> changes(Snapshot snapshot) {
    return Changes.of(snapshot.schema(), snapshot.recommendations(), snapshot.findings(), Changes.DEFAULT_SELECTION,
        false);
  }

  /** Runs the rehearsal, telling its progress on {@code err} unless quiet; a refusal is a user error. */
  Rehearsed run(RehearsalServer server, Snapshot snapshot, List<Rehearsed.Step> steps, PrintWriter err,
      boolean quiet) throws IOException {
    try {
      return Rehearsal.run(server, new Rehearsal.Request(copy, replace, keep, force, rounds, warmup,
          statementTimeout, classes, sampleRows == null ? 0 : sampleRows), snapshot.workload(), steps, line -> {
            if (!quiet) {
              err.println(Escape.terminal("logdex: " + line));
              err.flush();
            }
          });
    } catch (Rehearsal.RefusedException e) {
      throw new UserError(e.getMessage());
    } catch (SQLException e) {
      throw new UserError("--db: " + Secrets.scrub(e.getMessage() == null ? e.toString()
          : e.getMessage().lines().findFirst().orElse("")));
    }
  }
}
