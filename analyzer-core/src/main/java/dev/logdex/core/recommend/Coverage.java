package dev.logdex.core.recommend;

import dev.logdex.core.schema.Index;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Whether an index, existing or proposed, already serves a candidate as well as the candidate would. */
final class Coverage {
  private Coverage() {}

  /**
   * An existing B-tree index covers a candidate when its leading keys are the candidate's equality columns in any
   * order, followed by the candidate's remaining keys in order (all directions equal, or all reversed, since a
   * B-tree scans both ways). A partial index covers only a candidate with the same predicate.
   */
  static boolean covers(Index ix, IndexCandidate c) {
    if (!ix.isBtree() || ix.keys().size() < c.keys().size()) {
      return false;
    }
    if (ix.isPartial() && !normalize(ix.where()).equals(normalize(c.where()))) {
      return false;
    }
    return keysCover(ix.keys(), c);
  }

  /** A longer candidate {@code big} serves everything {@code small} would. */
  static boolean covers(IndexCandidate big, IndexCandidate small) {
    return big != small && big.table().equals(small.table()) && big.where().equals(small.where())
        && big.keys().size() >= small.keys().size() && big.equalityPrefix() >= small.equalityPrefix()
        && keysCover(big.keys(), small);
  }

  /**
   * The columns one of whose is the first key of every candidate that covers {@code c}: its equality columns,
   * which a covering index may lead with in any order, else its first key. Compared as {@link #lead} gives them.
   */
  static Set<String> leads(IndexCandidate c) {
    Set<String> out = new HashSet<>();
    for (int i = 0; i < Math.max(1, c.equalityPrefix()); i++) {
      out.add(lead(c.keys().get(i)));
    }
    return out;
  }

  /** A key as the coverage rules compare it: without its direction, normalized. */
  static String lead(String key) {
    return norm(bare(key));
  }

  private static boolean keysCover(List<String> keys, IndexCandidate c) {
    int eq = c.equalityPrefix();
    Set<String> want = new HashSet<>();
    Set<String> have = new HashSet<>();
    for (int i = 0; i < eq; i++) {
      want.add(norm(c.column(i)));
      have.add(norm(bare(keys.get(i))));
    }
    if (!want.equals(have)) {
      return false;
    }
    Boolean reversed = null;
    for (int i = eq; i < c.keys().size(); i++) {
      String k = keys.get(i);
      if (!norm(bare(k)).equals(norm(c.column(i)))) {
        return false;
      }
      boolean same = isDesc(k) == isDesc(c.keys().get(i));
      if (reversed == null) {
        reversed = !same;
      } else if (reversed == same) {
        return false;
      }
    }
    return true;
  }

  /**
   * A key compared by what it computes: the database writes an expression key as {@code (lower((email)::text))},
   * a proposal as {@code lower(email)}; casts to text, parentheses, quotes and case do not change which rows it finds.
   */
  private static String norm(String key) {
    String k = key.toLowerCase(java.util.Locale.ROOT);
    if (k.indexOf('(') < 0 && k.indexOf(':') < 0) {
      return k;
    }
    return k.replaceAll("::(text|character varying|varchar)", "").replaceAll("[\\s()\"`]+", "");
  }

  private static String bare(String key) {
    return isDesc(key) ? key.substring(0, key.length() - 5) : key;
  }

  private static boolean isDesc(String key) {
    return key.endsWith(" DESC");
  }

  private static String normalize(String predicate) {
    return predicate.replaceAll("[\\s()\"`]+", " ").trim().toLowerCase();
  }
}
