package dev.logdex.core.dialect;

import dev.logdex.core.model.Dialect;
import dev.logdex.core.model.Fix;
import java.util.List;

/** Turns a {@link Fix} into the SQL a person runs: the one place that writes a finding's fix. */
public final class FixSql {
  private FixSql() {}

  /** How many partitions' indexes a terminal shows of an index on a partitioned table with more. */
  static final int SHOWN_PARTITIONS = 3;

  /**
   * {@code ddl}, the statements of {@code fix}, as a terminal shows them: on a partitioned table with more than
   * {@link #SHOWN_PARTITIONS} partitions, those for the parent and its first partition, then a comment that counts
   * the rest, so that a table of 365 daily partitions does not fill the screen. The reports in files, the JSON and
   * the migrations hold every statement.
   */
  public static String shortened(Fix.CreateIndex fix, String ddl) {
    int all = count(fix.onPartitions());
    if (all <= SHOWN_PARTITIONS) {
      return ddl;
    }
    List<Fix.PartitionIndex> first = first(fix.onPartitions());
    Fix.CreateIndex shown = new Fix.CreateIndex(fix.schema(), fix.table(), fix.name(), fix.keys(), fix.where(),
        fix.partitioned(), fix.include(), fix.generatedTypes(), first);
    int rest = all - count(first);
    return render(Dialect.POSTGRESQL, shown) + "\n-- ... and the same for the other " + rest + " partition"
        + (rest == 1 ? "" : "s") + " (logdex migrate, the JSON and the Markdown and HTML reports hold every statement)";
  }

  private static int count(List<Fix.PartitionIndex> partitions) {
    int n = 0;
    for (Fix.PartitionIndex p : partitions) {
      n += 1 + count(p.partitions());
    }
    return n;
  }

  private static List<Fix.PartitionIndex> first(List<Fix.PartitionIndex> partitions) {
    if (partitions.isEmpty()) {
      return List.of();
    }
    Fix.PartitionIndex p = partitions.get(0);
    return List.of(new Fix.PartitionIndex(p.schema(), p.table(), p.name(), p.partitioned(), first(p.partitions())));
  }

  /** {@code fix} as SQL for {@code dialect}; a review is its text as it is. */
  public static String render(Dialect dialect, Fix fix) {
    if (fix instanceof Fix.CreateIndex c) {
      return IndexDdl.create(dialect, c.schema(), c.table(), c.name(), c.keys(), c.where(), c.partitioned(),
          c.include(), c.generatedTypes(), c.onPartitions());
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
