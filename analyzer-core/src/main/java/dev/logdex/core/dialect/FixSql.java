package dev.logdex.core.dialect;

import dev.logdex.core.model.Dialect;
import dev.logdex.core.model.Fix;

/** Turns a {@link Fix} into the SQL a person runs: the one place that writes a finding's fix. */
public final class FixSql {
  private FixSql() {}

  /** {@code fix} as SQL for {@code dialect}; a review is its text as it is. */
  public static String render(Dialect dialect, Fix fix) {
    if (fix instanceof Fix.CreateIndex c) {
      return IndexDdl.create(dialect, c.schema(), c.table(), c.name(), c.keys(), c.where());
    }
    if (fix instanceof Fix.DropIndex d) {
      return IndexDdl.drop(dialect, d.schema(), d.table(), d.name());
    }
    if (fix instanceof Fix.AddForeignKey f) {
      String name = ConstraintDdl.foreignKeyName(dialect, f.table(), f.columns());
      return "-- rows that would block the constraint:\n"
          + ConstraintDdl.orphanCount(dialect, f.table(), f.columns(), f.parent(), f.parentColumns()) + "\n"
          + String.join("\n", ConstraintDdl.addForeignKey(dialect, f.table(), name, f.columns(), f.parent(),
              f.parentColumns(), ""));
    }
    return ((Fix.Review) fix).text();
  }
}
