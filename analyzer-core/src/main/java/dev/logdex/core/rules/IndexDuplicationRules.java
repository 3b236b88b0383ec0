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

  /** An index that duplicates another: the one to drop and the one kept. */
  record Duplicate(Index drop, Index keep) {}

  /**
   * The duplicate indexes of {@code t}: same keys, method and predicate. The one that enforces something is kept;
   * of two plain ones, the first declared. Each index is dropped once at most, so the redundant-index rule, which
   * leaves these to this one, never proposes dropping an index twice.
   */
  static java.util.List<Duplicate> duplicates(Table t) {
    java.util.List<Duplicate> out = new java.util.ArrayList<>();
    java.util.List<Index> ix = t.indexes();
    for (int j = 0; j < ix.size(); j++) {
      Index later = ix.get(j);
      for (int i = 0; i < j; i++) {
        Index earlier = ix.get(i);
        if (!earlier.keys().equals(later.keys()) || !sameKind(earlier, later)) {
          continue;
        }
        Index drop = plain(later) ? later : plain(earlier) ? earlier : null;
        if (drop == null || out.stream().anyMatch(d -> d.drop() == drop)) {
          continue;
        }
        out.add(new Duplicate(drop, drop == later ? earlier : later));
        break;
      }
    }
    return out;
  }

  private static boolean plain(Index ix) {
    return !ix.primary() && !ix.unique() && !ix.implicit() && !ix.name().isEmpty();
  }

  /** Dropping {@code ix} of {@code t}, as a change. */
  static dev.logdex.core.model.Fix.DropIndex dropFix(Table t, Index ix) {
    return new dev.logdex.core.model.Fix.DropIndex(t.schema().equals("public") ? "" : t.schema(), t.name(),
        ix.name(), t.isPartitioned());
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
