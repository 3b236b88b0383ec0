package dev.logdex.core.model;

import java.util.List;
import java.util.Objects;

/**
 * One occurrence of a table in one query block of a statement, with the uses of its columns in that block. An index
 * candidate is built per access: the equality columns, range columns and sort keys that one scan of the table can
 * use together.
 *
 * @param table the table, named as in the schema
 * @param uses the uses of its columns in this block, in statement order
 * @param sortServed whether the block's whole ORDER BY is on this table, so an index could also serve the sort
 * @param limited whether the block returns a bounded number of rows, so reading in index order can stop early
 */
public record TableAccess(String table, List<ColumnUse> uses, boolean sortServed, boolean limited) {
  public TableAccess {
    Objects.requireNonNull(table, "table");
    uses = List.copyOf(uses);
  }

  /** Written out, as StatementAnalyzer.isDatabaseFree explains; the record's hashCode agrees with it. */
  @Override
  public boolean equals(Object o) {
    return o == this || o instanceof TableAccess a && sortServed == a.sortServed && limited == a.limited
        && table.equals(a.table) && uses.equals(a.uses);
  }
}
