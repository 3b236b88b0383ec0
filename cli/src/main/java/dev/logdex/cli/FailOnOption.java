package dev.logdex.cli;

import dev.logdex.core.rules.Finding;
import dev.logdex.core.rules.Severity;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --fail-on}: the exit code a CI job reads, the same for every command that reports findings. */
final class FailOnOption {
  @Option(names = "--fail-on", paramLabel = "SEVERITY",
      description = "Exit 3 when a finding of this severity or worse is reported: info, warning or error.")
  Severity threshold;

  /** 3 when a finding reaches the threshold, so CI can tell findings from crashes (1) and mistakes (2); else 0. */
  int exitCode(List<Finding> findings) {
    return threshold != null && findings.stream().anyMatch(f -> f.severity().compareTo(threshold) >= 0) ? 3 : 0;
  }
}
