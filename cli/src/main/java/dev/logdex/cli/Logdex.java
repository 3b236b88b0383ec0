package dev.logdex.cli;

import java.util.List;
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
        MigrateCommand.class, RehearseCommand.class, ReferenceCommand.class, picocli.AutoComplete.GenerateCompletion.class,
        CommandLine.HelpCommand.class})
public final class Logdex {

  public static void main(String[] args) {
    if (Boolean.getBoolean("logdex.cds.training")) {
      // The launcher's run that records the class-data archive: help's classes go in it too, so that a later
      // --help maps them instead of loading them.
      java.io.PrintStream nowhere = new java.io.PrintStream(java.io.OutputStream.nullOutputStream());
      helpAlone(new String[] {"--help"}).usage(nowhere);
      helpAlone(new String[] {"analyze", "--help"}).usage(nowhere);
    }
    String version = versionAlone(args);
    if (version != null) {
      System.out.println(version);
      System.exit(0);
    }
    boolean helpOnly = args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))
        || args.length == 2 && (args[1].equals("--help") || args[1].equals("-h"));
    String stored = helpOnly ? HelpTexts.stored(args) : null;
    if (stored != null) {
      System.out.print(stored);
      System.exit(0);
    }
    CommandLine help = helpAlone(args);
    if (help != null) {
      help.usage(System.out, CommandLine.Help.Ansi.OFF);
      System.exit(0);
    }
    System.exit(run(args));
  }

  /**
   * Every subcommand, as the annotation above lists them: read when first needed, not when the class loads, as
   * reading an annotation makes its proxy class (about 25 ms of CPU time), which --version and --help do without.
   */
  private static final class Subcommands {
    static final Class<?>[] ALL = Logdex.class.getAnnotation(Command.class).subcommands();
  }

  /**
   * For {@code logdex --help} or {@code logdex COMMAND --help} alone, a command line that prints the same usage
   * as the whole one, built only as far as that usage needs: the top level with each subcommand's name and
   * description, or the one subcommand asked about. Building the model of every subcommand (their options,
   * mixins and types, by reflection) is most of the time of a help run. Else null.
   */
  static CommandLine helpAlone(String[] args) {
    if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
      CommandLine top = topLevelAlone();
      for (Class<?> c : Subcommands.ALL) {
        Command a = c.getAnnotation(Command.class);
        CommandLine.Model.CommandSpec sub = CommandLine.Model.CommandSpec.create().name(a.name());
        sub.usageMessage().header(a.header()).description(a.description());
        top.addSubcommand(a.name(), new CommandLine(sub));
      }
      return top;
    }
    if (args.length == 2 && (args[1].equals("--help") || args[1].equals("-h")) && !args[0].equals("help")) {
      return withOnly(args[0]).map(top -> top.getSubcommands().get(args[0])).orElse(null);
    }
    return null;
  }

  /**
   * The top-level command as its annotation says it, without its subcommands. Its -h and -V are written out, not
   * picocli's standard mixin, which picocli builds by reflection on every run (about 18 ms to the command's
   * call, in cold JVMs); HelpTextsTest holds the usage this prints to the whole model's.
   */
  private static CommandLine topLevelAlone() {
    Command a = Logdex.class.getAnnotation(Command.class);
    CommandLine.Model.CommandSpec spec = CommandLine.Model.CommandSpec.create().name(a.name());
    spec.addOption(CommandLine.Model.OptionSpec.builder("-h", "--help").usageHelp(true)
        .description("Show this help message and exit.").build());
    spec.addOption(CommandLine.Model.OptionSpec.builder("-V", "--version").versionHelp(true)
        .description("Print version information and exit.").build());
    spec.usageMessage().description(a.description()).footer(a.footer());
    return new CommandLine(spec);
  }

  /**
   * For {@code logdex --version} alone, what picocli's version option prints, without building the model of every
   * subcommand first (most of the time of that run); else null.
   */
  static String versionAlone(String[] args) {
    return args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))
        ? "logdex " + Version.current() : null;
  }

  /** Runs the command line and returns its exit code (0 ok, 1 failure, 2 usage or input error). */
  public static int run(String... args) {
    Secrets.addFromArguments(args);
    try {
      return commandLineFor(args).execute(args);
    } catch (Error e) {
      // picocli's handler sees exceptions only; an Error (a broken install, out of memory) still gets one line.
      boolean debug = java.util.Arrays.asList(args).contains("--debug");
      System.err.println(Secrets.scrub("logdex: internal error: " + e + (debug ? "" : " (run with --debug for details)")));
      if (debug) {
        System.err.print(stackTrace(e));
      }
      return 1;
    }
  }

  /**
   * The command's options one or two edits away from an unknown option ({@code --shema}: {@code --schema}), where
   * picocli's own suggestions, which compare letter pairs, find none.
   */
  static List<String> nearOptions(CommandLine cmd, List<String> unmatched) {
    List<String> out = new java.util.ArrayList<>();
    for (String arg : unmatched) {
      if (!arg.startsWith("--")) {
        continue;
      }
      String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
      for (String option : new java.util.TreeSet<>(cmd.getCommandSpec().optionsMap().keySet())) {
        if (option.startsWith("--") && !out.contains(option) && edits(name, option) <= 2) {
          out.add(option);
        }
      }
    }
    return out;
  }

  /** The edit distance of two strings (insertions, deletions, substitutions, swaps of neighbours). */
  static int edits(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }

  /**
   * A file that could not be read or written, as one line naming it and why ({@code x.log: permission denied}), or
   * null when {@code ex} is not such a failure: a user's problem, exit 2, not an internal error.
   */
  static String fileProblem(Throwable ex) {
    Throwable t = ex instanceof java.io.UncheckedIOException u ? u.getCause() : ex;
    if (!(t instanceof java.nio.file.FileSystemException f)) {
      return null;
    }
    String why = f instanceof java.nio.file.NoSuchFileException ? "no such file or directory"
        : f instanceof java.nio.file.AccessDeniedException ? "permission denied"
        : f instanceof java.nio.file.NotDirectoryException ? "not a directory"
        : f instanceof java.nio.file.FileAlreadyExistsException ? "already exists"
        : f.getReason() != null ? f.getReason() : f.getClass().getSimpleName();
    return f.getFile() + (f.getOtherFile() == null ? "" : " -> " + f.getOtherFile()) + ": " + why;
  }

  /** A stack trace as text, with every password this run has seen taken out. */
  static String stackTrace(Throwable t) {
    java.io.StringWriter w = new java.io.StringWriter();
    t.printStackTrace(new java.io.PrintWriter(w));
    return dev.logdex.core.report.Escape.terminal(Secrets.scrub(w.toString()));
  }

  /**
   * The commands that need only their own model to run: building the model of every subcommand by reflection
   * costs more than a short analysis's own work. {@code help}, {@code reference} and {@code generate-completion}
   * read the whole tree, so they get it.
   */
  private static final java.util.Set<String> RUN_ALONE = java.util.Set.of("analyze", "lint", "rules", "explain",
      "verify", "diff", "merge", "migrate", "rehearse");

  /** The command line for {@code args}: the top level with only the subcommand they name, when that is enough. */
  static CommandLine commandLineFor(String[] args) {
    if (args.length > 0 && RUN_ALONE.contains(args[0])) {
      return withOnly(args[0]).map(Logdex::configure).orElseGet(Logdex::commandLine);
    }
    return commandLine();
  }

  /** The top level with the one subcommand named {@code name}, its model built alone; empty if there is none. */
  private static java.util.Optional<CommandLine> withOnly(String name) {
    for (Class<?> c : Subcommands.ALL) {
      if (c.getAnnotation(Command.class).name().equals(name)) {
        CommandLine top = topLevelAlone();
        top.addSubcommand(name, c);
        return java.util.Optional.of(top);
      }
    }
    return java.util.Optional.empty();
  }

  static CommandLine commandLine() {
    return configure(new CommandLine(new Logdex()));
  }

  /** The settings every command line of logdex has: converters, and one line for each kind of error. */
  private static CommandLine configure(CommandLine cl) {
    // Typed options, converted once for every command; a wrong value is a usage error naming the allowed ones.
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.registerConverter(dev.logdex.core.rules.Severity.class, v -> dev.logdex.core.rules.Severity.parse(v)
        .orElseThrow(() -> new CommandLine.TypeConversionException("'" + v + "' is not a severity; use info, "
            + "warning or error")));
    cl.registerConverter(dev.logdex.core.plan.Verifier.Method.class, v -> {
      for (dev.logdex.core.plan.Verifier.Method m : dev.logdex.core.plan.Verifier.Method.values()) {
        if (m.name().equalsIgnoreCase(v.trim())) {
          return m;
        }
      }
      throw new CommandLine.TypeConversionException("'" + v + "' is not a method; use hypopg, rollback "
          + "(PostgreSQL) or scratch (MySQL/MariaDB)");
    });
    cl.registerConverter(dev.logdex.core.model.Dialect.class, v -> dev.logdex.core.model.Dialect.parse(v)
        .orElseThrow(() -> new CommandLine.TypeConversionException("'" + v + "' is not a dialect; use postgresql "
            + "or mysql")));
    cl.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
      Secrets.addFromArguments(parseResult.originalArgs().toArray(String[]::new));
      // --debug belongs to the subcommand that ran, not to the top-level command line.
      boolean debug = cmd.getParseResult() != null && cmd.getParseResult().hasMatchedOption("--debug");
      String fileProblem = fileProblem(ex);
      if (ex instanceof UserError || ex instanceof dev.logdex.readers.WorkloadReading.InputException
          || fileProblem != null) {
        cmd.getErr().println(dev.logdex.core.report.Escape.terminal(
            Secrets.scrub("logdex: " + (fileProblem != null ? fileProblem : ex.getMessage()))));
        if (debug) {
          cmd.getErr().print(stackTrace(ex));
        }
        cmd.getErr().flush();
        return 2;
      }
      cmd.getErr().println(dev.logdex.core.report.Escape.terminal(Secrets.scrub("logdex: internal error: " + ex
          + (debug ? "" : " (run with --debug for details)"))));
      if (debug) {
        cmd.getErr().print(stackTrace(ex));
      }
      cmd.getErr().flush();
      return 1;
    });
    cl.setParameterExceptionHandler((ex, args) -> {
      // One line and the way to help, instead of the whole usage; never an argument that may be a password.
      Secrets.addFromArguments(args);
      CommandLine cmd = ex.getCommandLine();
      java.io.PrintWriter err = cmd.getErr();
      err.println(dev.logdex.core.report.Escape.terminal(Secrets.scrub("logdex: " + ex.getMessage())));
      // Suggestions are the command's own option names, never the user's text.
      if (!CommandLine.UnmatchedArgumentException.printSuggestions(ex, err)
          && ex instanceof CommandLine.UnmatchedArgumentException u) {
        List<String> near = nearOptions(cmd, u.getUnmatched());
        if (!near.isEmpty()) {
          err.println("Possible solutions: " + String.join(", ", near));
        }
      }
      err.println("  see: " + cmd.getCommandSpec().qualifiedName() + " --help");
      err.flush();
      return 2;
    });
    return cl;
  }
}
