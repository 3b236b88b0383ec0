package dev.logdex.core.rules;

import dev.logdex.core.schema.Index;
import dev.logdex.core.schema.Table;

/** What the duplicate-index and redundant-index rules share: which index may go, and the statement that drops it. */
final class IndexDuplicationRules {
  private IndexDuplicationRules() {}

  /**
   * Whether an index may be proposed for dropping at all: not a primary key, not unique (it enforces something),
   * not created by the database itself, not partial, with a name to drop it by.
   */
  static boolean droppable(Index ix) {
    return !ix.primary() && !ix.unique() && !ix.implicit() && !ix.isPartial() && !ix.name().isEmpty();
  }

  /** Dropping {@code ix} of {@code t}, as a change. */
  static dev.logdex.core.model.Fix.DropIndex dropFix(Table t, Index ix) {
    return new dev.logdex.core.model.Fix.DropIndex(t.schema().equals("public") ? "" : t.schema(), t.name(),
        ix.name());
  }

  static String keys(Index ix) {
    return String.join(", ", ix.keys());
  }

  /** Same access method and predicate: only then can one index stand in for the other. */
  static boolean sameKind(Index a, Index b) {
    return a.method().equals(b.method()) && normalize(a.where()).equals(normalize(b.where()));
  }

  static String normalize(String predicate) {
    return predicate.replaceAll("[\\s()]+", " ").trim().toLowerCase(java.util.Locale.ROOT);
  }
}
