package dev.logdex.core.rules;

import dev.logdex.core.schema.Schema;
import dev.logdex.core.workload.Workload;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The built-in rules, listed explicitly in one place. */
public final class Rules {
  private Rules() {}

  /** Every built-in rule with its default settings. */
  public static List<Rule> builtIn() {
    return builtIn(LintConfig.defaults());
  }

  /** Every built-in rule, with the thresholds {@code config} sets. */
  public static List<Rule> builtIn(LintConfig config) {
    return List.of(
        new UnindexedForeignKeyRule(),
        new MissingForeignKeyRule(),
        new MissingDeleteRuleRule(),
        new DuplicateIndexRule(),
        new RedundantIndexRule(),
        new MissingPrimaryKeyRule(),
        new GodTableRule(config.number("god-table", "min-columns", 20), config.number("god-table", "min-group", 3)),
        new DenormalizedColumnRule(),
        new MixedDeleteStrategyRule(),
        new NoMigrationHistoryRule(config.migrationTool()),
        new UnusedIndexRule(config.number("unused-index", "min-days", UnusedIndexRule.DEFAULT_MIN_DAYS)),
        new LowSelectivityIndexRule(),
        new UnindexableFilterRule());
  }

  /** The built-in rule with this id. */
  public static java.util.Optional<Rule> byId(String id) {
    return builtIn().stream().filter(r -> r.id().equals(id)).findFirst();
  }

  /**
   * Runs {@code rules}. Findings come worst severity first; within a severity, grouped by rule in the order of
   * {@link #builtIn()}, each rule's findings in the order the rule ranks them.
   */
  public static List<Finding> run(List<Rule> rules, Schema schema, Workload workload) {
    return run(rules, schema, workload, LintConfig.defaults());
  }

  /** Runs {@code rules} with {@code config}'s severities and suppressions. */
  public static List<Finding> run(List<Rule> rules, Schema schema, Workload workload, LintConfig config) {
    List<Finding> out = new ArrayList<>();
    for (Rule r : rules) {
      java.util.Optional<Severity> override = config.severity(r.id());
      for (Finding f : r.findings(schema, workload)) {
        Finding g = override.map(s -> f.with(s, f.message()))
            .orElse(f);
        if (!config.suppressed(g)) {
          out.add(g);
        }
      }
    }
    out.sort(Comparator.comparing(Finding::severity).reversed()); // stable: keeps rule order and each rule's ranking
    return out;
  }
}
