package dev.logdex.cli;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * How a command's report is written and where it goes: the format, and standard output or {@code -o FILE}, checked
 * before any work is done.
 */
final class ReportOutput {

  @Spec(Spec.Target.MIXEE) CommandSpec spec;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
      description = "text, json, markdown or html (html: one self-contained file with charts, for -o; lint writes "
          + "no html). Default: ${DEFAULT-VALUE}.")
  ReportFormat format;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the report to FILE instead of stdout.")
  Path file;

  /** Fails now, before the work, when the file cannot be written. */
  void check() {
    OutputFiles.checkWritable("-o", file);
  }

  /** Whether the report goes to standard output (a terminal may get colour there). */
  boolean toStdout() {
    return file == null;
  }

  /** Writes the report with {@code body}, to the file or to standard output. */
  void write(Body body) throws IOException {
    TextOutput.write(spec, file, body);
  }

  /** Writes a report. */
  interface Body {
    void write(Writer out) throws IOException;
  }
}
