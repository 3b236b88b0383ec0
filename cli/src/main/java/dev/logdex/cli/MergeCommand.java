package dev.logdex.cli;

import dev.logdex.core.rules.LintConfig;
import dev.logdex.core.snapshot.Snapshot;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code logdex merge}: snapshots of one schema added together. */
@Command(
    name = "merge",
    mixinStandardHelpOptions = true,
    description = "Adds snapshots of one schema together (one per server or per hour): calls, times and usage add"
        + " up, and recommendations and findings are made again from the sum.",
    footer = {"", "Example:", "  logdex merge db1.json db2.json --save day.json"})
final class MergeCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin DebugOption debug;

  @Parameters(paramLabel = "SNAPSHOT", arity = "2..*", description = "Snapshots written by analyze --save.")
  List<Path> snapshots;

  @Option(names = "--save", paramLabel = "FILE", required = true, description = "Where to write the merged snapshot.")
  Path save;

  @Override
  public Integer call() throws IOException {
    OutputFiles.checkWritable("--save", save);
    List<Snapshot> loaded = new ArrayList<>();
    for (Path p : snapshots) {
      loaded.add(SnapshotFiles.load(p));
    }
    Snapshot merged;
    try {
      merged = dev.logdex.core.snapshot.Snapshots.merge(Version.current(), loaded, LintConfig.defaults());
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage());
    }
    SnapshotFiles.save(merged, save);
    spec.commandLine().getOut().printf(Locale.ROOT, "merged %d snapshots: %,d statements, %d query classes -> %s%n",
        loaded.size(), merged.statements(), merged.workload().queries().size(), save);
    spec.commandLine().getOut().flush();
    return 0;
  }
}
