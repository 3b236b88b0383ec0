package dev.logdex.core.rules;

import dev.logdex.core.model.ColumnUse;
import dev.logdex.core.model.Fix;
import dev.logdex.core.model.TableAccess;
import dev.logdex.core.schema.Column;
import dev.logdex.core.schema.Index;
import dev.logdex.core.schema.Schema;
import dev.logdex.core.schema.Table;
import dev.logdex.core.workload.Workload;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * An index led by a column whose common values cover most of the table ({@code status}, where 83% of rows are
 * closed): a lookup of a common value reads most of the table through the index, slower than a scan, and the index
 * costs every write. Judged from the live database's statistics only.
 */
public final class LowSelectivityIndexRule implements Rule {

  /** An equality on the leading column keeps at least this share of the table on average. */
  static final double MIN_MATCH = 0.5;

  @Override
  public String id() {
    return "low-selectivity-index";
  }

  @Override
  public String title() {
    return "Index on a column most rows share";
  }

  @Override
  public Severity defaultSeverity() {
    return Severity.WARNING;
  }

  @Override
  public String help() {
    return "With a live PostgreSQL database (--db), an index whose leading column's common values cover most of"
        + " the table (an equality on it keeps half the rows or more on average, from pg_stats), and which no"
        + " statement in the logs uses together with its other columns. A lookup of a common value reads most of"
        + " the table through it, which the planner avoids; only the rare values are served, and every write pays"
        + " for it. Fix: a partial index on the rare values the queries look for (WHERE status <> 'closed'), a"
        + " fraction of the size, or an index that leads with a selective column the queries also filter on.";
  }

  @Override
  public List<Finding> findings(Schema schema, Workload workload) {
    List<Finding> out = new ArrayList<>();
    for (Table t : schema.tables()) {
      for (Index ix : t.indexes()) {
        if (ix.primary() || ix.unique() || ix.isPartial() || !ix.isBtree() || ix.isExpression(0)) {
          continue;
        }
        String lead = ix.column(0);
        Optional<Column> c = t.column(lead);
        if (c.isEmpty() || c.get().equalityMatch() < MIN_MATCH) {
          continue;
        }
        if (usedSelectively(workload, t.qualifiedName(), ix)) {
          continue;
        }
        String message = String.format(Locale.ROOT, "index %s (%s) on %s: an equality on %s keeps about %.0f%% of "
            + "the table on average, so only its rare values are worth an index", ix.name(),
            String.join(", ", ix.keys()), t.qualifiedName(), lead, 100 * c.get().equalityMatch());
        out.add(Finding.of(id(), defaultSeverity(), t.qualifiedName(), List.of(lead), message,
            new Fix.Review("-- if the queries look up the rare values of " + lead + ", a partial index on them is a "
                + "fraction of the size: CREATE INDEX ... ON " + t.qualifiedName() + " (...) WHERE " + lead
                + " <> <its common value>; then drop " + ix.name()),
            schema.dialect()));
      }
    }
    return out;
  }

  /**
   * Whether a statement filters on the index's leading column together with another of its keys: then the
   * composite narrows, whatever the first column does alone.
   */
  private static boolean usedSelectively(Workload workload, String table, Index ix) {
    if (ix.keys().size() < 2) {
      return false;
    }
    Set<String> rest = new HashSet<>();
    for (int i = 1; i < ix.keys().size(); i++) {
      rest.add(ix.column(i).toLowerCase(Locale.ROOT));
    }
    String lead = ix.column(0).toLowerCase(Locale.ROOT);
    for (Workloads.Profiled p : Workloads.profiled(workload)) {
      for (TableAccess a : p.profile().accesses()) {
        if (!a.table().equals(table)) {
          continue;
        }
        boolean leads = false;
        boolean more = false;
        for (ColumnUse u : a.uses()) {
          String col = u.column().column().toLowerCase(Locale.ROOT);
          boolean filters = u.kind().isEqualityLike() || u.kind() == dev.logdex.core.model.UseKind.RANGE
              || u.kind() == dev.logdex.core.model.UseKind.ORDER_BY;
          leads |= filters && col.equals(lead);
          more |= filters && rest.contains(col);
        }
        if (leads && more) {
          return true;
        }
      }
    }
    return false;
  }
}
