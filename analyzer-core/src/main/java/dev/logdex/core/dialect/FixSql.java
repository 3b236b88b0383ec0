package dev.logdex.core.dialect;

import dev.logdex.core.model.Dialect;
import dev.logdex.core.model.Fix;

/** Turns a {@link Fix} into the SQL a person runs: the one place that writes a finding's fix. */
public final class FixSql {
  private FixSql() {}

  /** {@code fix} as SQL for {@code dialect}; a review is its text as it is. */
  public static String render(Dialect dialect, Fix fix) {
    if (fix instanceof Fix.CreateIndex c) {
      return IndexDdl.create(dialect, c.schema(), c.table(), c.name(), c.keys(), c.where(), c.partitioned(),
          c.include(), c.generatedTypes());
    }
    if (fix instanceof Fix.DropIndex d) {
      return IndexDdl.drop(dialect, d.schema(), d.table(), d.name(), d.partitioned());
    }
    if (fix instanceof Fix.AddForeignKey f) {
      String name = ConstraintDdl.foreignKeyName(dialect, f.table(), f.columns());
      return (f.partitioned() && dialect == Dialect.POSTGRESQL ? "-- a partitioned table: PostgreSQL checks every row "
          + "while it adds the key (it cannot add it NOT VALID there)\n" : "")
          + "-- rows that would block the constraint:\n"
          + ConstraintDdl.orphanCount(dialect, f.schema(), f.table(), f.columns(), f.parentSchema(), f.parent(),
              f.parentColumns()) + "\n"
          + String.join("\n", ConstraintDdl.addForeignKey(dialect, f.schema(), f.table(), name, f.columns(),
              f.parentSchema(), f.parent(), f.parentColumns(), "", f.partitioned()));
    }
    return ((Fix.Review) fix).text();
  }

  /** The statement that undoes a new index: drops it, with the generated columns it was made on (MySQL). */
  public static String undo(Dialect dialect, Fix.CreateIndex c) {
    return IndexDdl.undo(dialect, c.schema(), c.table(), c.name(), c.keys(), c.partitioned());
  }
}
