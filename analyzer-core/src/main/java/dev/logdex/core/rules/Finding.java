package dev.logdex.core.rules;

import java.util.List;
import java.util.Objects;

/**
 * A schema problem found by a rule, with its evidence and fix.
 *
 * @param rule the rule id, kebab-case and stable
 * @param severity how much it matters
 * @param table the table concerned
 * @param columns the columns concerned, in order
 * @param message what is wrong and the evidence for it
 * @param fix SQL that fixes it, valid for the schema's dialect, or {@code ""}
 */
public record Finding(
    String rule, Severity severity, String table, List<String> columns, String message, String fix) {
  public Finding {
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(table, "table");
    columns = List.copyOf(columns);
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(fix, "fix");
  }
}
