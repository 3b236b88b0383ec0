package dev.logdex.cli;

import dev.logdex.core.report.FindingsReport;
import dev.logdex.core.rules.Rule;
import dev.logdex.core.rules.Rules;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code logdex rules}: the rule catalogue, or one rule's help. */
@Command(
    name = "rules",
    mixinStandardHelpOptions = true,
    description = "Lists the schema rules, or explains one: what it means, why it matters, how to fix it.",
    footer = {"", "Examples:", "  logdex rules", "  logdex rules god-table", "  logdex rules --markdown"})
final class RulesCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin DebugOption debug;

  @Parameters(paramLabel = "ID", arity = "0..1", completionCandidates = Candidates.RuleIds.class,
      description = "A rule id, to show its help.")
  String id;

  @Option(names = "--markdown", description = "The catalogue as a Markdown table (as in the README).")
  boolean markdown;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    if (id != null) {
      Rule r = Rules.byId(id).orElseThrow(() -> new UserError("no rule '" + id + "'; logdex rules lists them"));
      out.println(r.id() + " (" + r.defaultSeverity().label() + "): " + r.title());
      out.println();
      out.println(wrap(r.help(), 100));
    } else {
      out.print(markdown ? FindingsReport.rulesTable(Rules.builtIn()) : FindingsReport.rulesText(Rules.builtIn()));
    }
    out.flush();
    return 0;
  }

  private static String wrap(String text, int width) {
    StringBuilder b = new StringBuilder();
    int col = 0;
    for (String word : text.split(" ")) {
      if (col > 0 && col + 1 + word.length() > width) {
        b.append('\n');
        col = 0;
      } else if (col > 0) {
        b.append(' ');
        col++;
      }
      b.append(word);
      col += word.length();
    }
    return b.toString();
  }
}
