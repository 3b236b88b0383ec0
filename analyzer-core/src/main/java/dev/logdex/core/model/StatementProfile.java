package dev.logdex.core.model;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a statement reads and writes, and how it uses each column: the result of analysing one fingerprint.
 *
 * @param kind what the statement does
 * @param accesses each table occurrence per query block, with its column uses
 * @param tablesRead tables read
 * @param tablesWritten tables inserted into, updated or deleted from
 * @param unresolved column references that could not be tied to a table (named as written)
 */
public record StatementProfile(
    StatementKind kind,
    List<TableAccess> accesses,
    Set<String> tablesRead,
    Set<String> tablesWritten,
    List<String> unresolved) {

  public StatementProfile {
    Objects.requireNonNull(kind, "kind");
    accesses = List.copyOf(accesses);
    tablesRead = Set.copyOf(tablesRead);
    tablesWritten = Set.copyOf(tablesWritten);
    unresolved = List.copyOf(unresolved);
  }

  /** Written out, as StatementAnalyzer.isDatabaseFree explains; the record's hashCode agrees with it. */
  @Override
  public boolean equals(Object o) {
    return o == this || o instanceof StatementProfile p && kind == p.kind && accesses.equals(p.accesses)
        && tablesRead.equals(p.tablesRead) && tablesWritten.equals(p.tablesWritten) && unresolved.equals(p.unresolved);
  }

  /** Every column use of the statement, across its blocks. */
  public List<ColumnUse> uses() {
    return accesses.stream().flatMap(a -> a.uses().stream()).toList();
  }
}
