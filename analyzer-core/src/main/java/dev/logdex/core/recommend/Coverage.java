package dev.logdex.core.recommend;

import dev.logdex.core.schema.Index;
import java.util.ArrayList;
import java.util.List;

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
  static List<String> leads(IndexCandidate c) {
    int n = Math.max(1, c.equalityPrefix());
    List<String> out = new ArrayList<>(n); // a few columns: a list without repeats costs less than a set
    for (int i = 0; i < n; i++) {
      String lead = lead(c.keys().get(i));
      if (!out.contains(lead)) {
        out.add(lead);
      }
    }
    return out;
  }

  /** A key as the coverage rules compare it: without its direction, normalized. */
  static String lead(String key) {
    return norm(bare(key));
  }

  private static boolean keysCover(List<String> keys, IndexCandidate c) {
    int eq = c.equalityPrefix();
    if (!sameColumns(keys, c, eq)) {
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
   * Whether the first {@code eq} of {@code keys} are the same columns as {@code c}'s equality columns, in any order.
   * Compared as sets, without making any: this runs for every pair of candidates on a table, and the two hash sets
   * it made were a fifth of what an analysis allocated. An equality prefix is a few columns.
   */
  private static boolean sameColumns(List<String> keys, IndexCandidate c, int eq) {
    if (eq == 0) {
      return true;
    }
    String[] want = new String[eq];
    String[] have = new String[eq];
    for (int i = 0; i < eq; i++) {
      want[i] = norm(c.column(i));
      have[i] = norm(bare(keys.get(i)));
    }
    return containsAll(want, have) && containsAll(have, want);
  }

  private static boolean containsAll(String[] all, String[] some) {
    for (String s : some) {
      boolean found = false;
      for (int i = 0; i < all.length && !found; i++) {
        found = all[i].equals(s);
      }
      if (!found) {
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
