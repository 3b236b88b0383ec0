package dev.logdex.cli;

import picocli.CommandLine.Option;

/** {@code --debug} on every command: the stack trace of any failure (passwords taken out). */
final class DebugOption {
  @Option(names = "--debug", description = "Show the stack trace of any failure.")
  boolean debug;
}
