package dev.logdex.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Where a command that prints one text writes it: standard output, or {@code -o FILE}, checked before any work. */
final class TextOutput {

  @Spec(Spec.Target.MIXEE) CommandSpec spec;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to FILE instead of stdout.")
  Path file;

  /** Fails now, before the work, when the file cannot be written. */
  void check() {
    OutputFiles.checkWritable("-o", file);
  }

  /** Writes with {@code body}, to the file or to standard output. */
  void write(ReportOutput.Body body) throws IOException {
    write(spec, file, body);
  }

  /** Writes with {@code body} to {@code file}, or to the command's standard output when it is null. */
  static void write(CommandSpec spec, Path file, ReportOutput.Body body) throws IOException {
    if (file == null) {
      PrintWriter out = spec.commandLine().getOut();
      body.write(out);
      out.flush();
      return;
    }
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      body.write(out);
    }
  }
}
