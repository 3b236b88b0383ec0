package dev.logdex.core.rules;

import dev.logdex.core.dialect.FixSql;
import dev.logdex.core.model.Dialect;
import dev.logdex.core.model.Fix;
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
 * @param fix SQL that fixes it, valid for the schema's dialect, or {@code ""}: {@code change} as written
 * @param change what the fix changes, as a value; {@link Fix.Review} when it is advice to read
 */
public record Finding(
    String rule, Severity severity, String table, List<String> columns, String message, String fix, Fix change) {
  public Finding {
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(table, "table");
    columns = List.copyOf(columns);
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(fix, "fix");
    Objects.requireNonNull(change, "change");
  }

  /** A finding whose fix is advice or statements to review. */
  public Finding(String rule, Severity severity, String table, List<String> columns, String message, String fix) {
    this(rule, severity, table, columns, message, fix, new Fix.Review(fix));
  }

  /** A finding whose fix is {@code change}, written for {@code dialect}. */
  public static Finding of(String rule, Severity severity, String table, List<String> columns, String message,
      Fix change, Dialect dialect) {
    return new Finding(rule, severity, table, columns, message, FixSql.render(dialect, change), change);
  }

  /** The same finding at another severity, or with another message: its fix unchanged. */
  public Finding with(Severity other, String otherMessage) {
    return new Finding(rule, other, table, columns, otherMessage, fix, change);
  }
}
