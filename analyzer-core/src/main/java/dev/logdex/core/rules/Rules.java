package dev.logdex.core.rules;

import dev.logdex.core.schema.Schema;
import dev.logdex.core.workload.Workload;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The built-in rules, listed explicitly in one place. */
public final class Rules {
  private Rules() {}

  /** Every built-in rule. */
  public static List<Rule> builtIn() {
    return List.of(new UnindexedForeignKeyRule());
  }

  /** Runs {@code rules}; findings ordered by severity (worst first), then table and rule. */
  public static List<Finding> run(List<Rule> rules, Schema schema, Workload workload) {
    List<Finding> out = new ArrayList<>();
    for (Rule r : rules) {
      out.addAll(r.findings(schema, workload));
    }
    out.sort(Comparator.comparing(Finding::severity).reversed().thenComparing(Finding::table)
        .thenComparing(Finding::rule).thenComparing(f -> String.join(",", f.columns())));
    return out;
  }
}
