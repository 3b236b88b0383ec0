package dev.logdex.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code logdex} command: subcommands wire the readers, the analyzer and the writers. */
@Command(
    name = "logdex",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = "Turns database query logs into ranked, evidence-backed index recommendations.",
    footer = {"", "Shell completion: source <(logdex generate-completion)"},
    subcommands = {AnalyzeCommand.class, LintCommand.class, RulesCommand.class, ExplainCommand.class, VerifyCommand.class,
        DiffCommand.class,
        MergeCommand.class,
        MigrateCommand.class, ReferenceCommand.class, picocli.AutoComplete.GenerateCompletion.class,
        CommandLine.HelpCommand.class})
public final class Logdex {

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns its exit code (0 ok, 1 failure, 2 usage or input error). */
  public static int run(String... args) {
    try {
      return commandLine().execute(args);
    } catch (Error e) {
      // picocli's handler sees exceptions only; an Error (a broken install, out of memory) still gets one line.
      boolean debug = java.util.Arrays.asList(args).contains("--debug");
      System.err.println("logdex: internal error: " + e + (debug ? "" : " (run with --debug for details)"));
      if (debug) {
        e.printStackTrace();
      }
      return 1;
    }
  }

  static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new Logdex());
    cl.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
      boolean debug = parseResult.hasMatchedOption("--debug");
      if (ex instanceof UserError ue) {
        cmd.getErr().println("logdex: " + ue.getMessage());
        if (debug) {
          ex.printStackTrace(cmd.getErr());
        }
        return 2;
      }
      cmd.getErr().println("logdex: internal error: " + ex + (debug ? "" : " (run with --debug for details)"));
      if (debug) {
        ex.printStackTrace(cmd.getErr());
      }
      return 1;
    });
    return cl;
  }
}
