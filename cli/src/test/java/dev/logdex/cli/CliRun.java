package dev.logdex.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs the logdex command line in-process and keeps what it wrote to stdout and stderr. */
final class CliRun {
  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();

  int run(String... args) {
    CommandLine cl = Logdex.commandLineFor(args); // as the logdex command builds it for these arguments
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    return cl.execute(args);
  }

  /** Runs as from a terminal: standard output and error are one (as the launcher tells the JVM). */
  int runOnTerminal(String... args) {
    String out = System.getProperty("logdex.stdout.tty");
    String err = System.getProperty("logdex.stderr.tty");
    System.setProperty("logdex.stdout.tty", "1");
    System.setProperty("logdex.stderr.tty", "1");
    try {
      return run(args);
    } finally {
      restore("logdex.stdout.tty", out);
      restore("logdex.stderr.tty", err);
    }
  }

  private static void restore(String key, String value) {
    if (value == null) {
      System.clearProperty(key);
    } else {
      System.setProperty(key, value);
    }
  }

  /** What was written to standard output, without the colours a terminal gets. */
  String plainOut() {
    return out.toString().replaceAll("\u001b\\[[0-9;]*m", "");
  }

  String out() {
    return out.toString();
  }

  String err() {
    return err.toString();
  }
}
