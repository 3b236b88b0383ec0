package dev.logdex.cli;

import dev.logdex.core.report.FindingsReport;
import dev.logdex.core.rules.Finding;
import dev.logdex.core.rules.Rules;
import dev.logdex.core.rules.Severity;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code logdex lint}: the schema findings alone, with the workload as evidence when logs are given. */
@Command(
    name = "lint",
    mixinStandardHelpOptions = true,
    description = "Finds schema design mistakes (missing and redundant indexes and keys, god tables, "
        + "denormalized columns, mixed deletes), with evidence from the logs when given, and their fixes.",
    footer = {"", "Examples:",
        "  logdex lint --schema schema.sql",
        "  logdex lint --schema schema.sql --fail-on warning pg_stat_statements.csv",
        "", "Exit codes: 0 no finding at the --fail-on level, 2 usage or input error, 3 findings at that level."})
final class LintCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin DebugOption debug;

  @Mixin WorkloadOptions inputs;

  @Mixin ReportOutput output;

  @Option(names = "--severity", paramLabel = "SEVERITY",
      description = "Report only findings of this severity or worse: info, warning or error. Default: info.")
  Severity severity;

  @Mixin FailOnOption failOn;

  @Override
  public Integer call() throws IOException {
    if (inputs.schemaFiles.isEmpty() && inputs.db == null) {
      throw new UserError("lint needs --schema FILE (a pg_dump --schema-only or mysqldump --no-data output)"
          + " or --db URL");
    }
    if (output.format == ReportFormat.html) {
      throw new UserError("--format: lint writes text, json or markdown");
    }
    Optional<Severity> min = Optional.ofNullable(severity);
    output.check();
    WorkloadOptions.Loaded in = inputs.load(spec.commandLine().getErr());
    List<Finding> findings;
    try {
      findings = in.withLiveEvidence(Rules.run(Rules.builtIn(in.config()), in.schema(), in.workload(), in.config()))
          .stream().filter(f -> min.isEmpty() || f.severity().compareTo(min.get()) >= 0).toList();
    } finally {
      in.close();
    }
    for (String w : in.warnings()) {
      if (!in.said().contains(w)) { // what was assumed is said once, as it was found
        spec.commandLine().getErr().println(dev.logdex.core.report.Escape.terminal("logdex: warning: " + w));
      }
    }
    output.write(out -> {
      switch (output.format) {
        case json -> FindingsReport.json(Version.current(), findings, out);
        case markdown -> FindingsReport.markdown(findings, out);
        default -> FindingsReport.text(findings, out, output.toStdout() && Terminal.color());
      }
    });
    return failOn.exitCode(findings);
  }
}
