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

  /**
   * A longer candidate {@code big} serves everything {@code small} would. Where {@code big} goes on after its
   * equality columns with a LIKE prefix's pattern key ({@code notes text_pattern_ops}), that key serves an equality
   * on its column as well: one index serves {@code notes LIKE 'x%'} and {@code notes = $1}.
   */
  static boolean covers(IndexCandidate big, IndexCandidate small) {
    return big != small && big.table().equals(small.table()) && big.where().equals(small.where())
        && big.keys().size() >= small.keys().size() && equalitiesServed(big, small.equalityPrefix())
        && keysCover(big.keys(), small);
  }

  /** Whether {@code big}'s first {@code eq} keys are its equality columns or pattern keys. */
  private static boolean equalitiesServed(IndexCandidate big, int eq) {
    for (int i = big.equalityPrefix(); i < eq; i++) {
      if (dev.logdex.core.dialect.PatternKey.opclass(big.keys().get(i)).isEmpty()) {
        return false;
      }
    }
    return true;
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

  /**
   * How many of {@code c}'s keys an index with {@code keys} serves for c's queries: its leading keys that are c's
   * equality columns (in any order), then, once it holds all of them, the keys that go on as c's remaining keys do
   * (all directions equal, or all reversed). An index on {@code (member_id, returned_at, due_at)} serves two of the
   * three keys of {@code (member_id, book_id, returned_at)}: its lookup finds a member's loans not yet returned,
   * and the book is checked on each row found. Zero when its first key is none of c's leading ones.
   */
  static int servedKeys(List<String> keys, IndexCandidate c) {
    return servedKeys(Keys.of(keys, 0), Keys.of(c.keys(), c.equalityPrefix()));
  }

  /**
   * Index keys as the coverage rules compare them ({@link #lead}), with their directions and how many lead as
   * equality columns: made once for a candidate that is compared with many.
   */
  record Keys(String[] names, boolean[] desc, int eq) {
    static Keys of(List<String> keys, int eq) {
      String[] names = new String[keys.size()];
      boolean[] desc = new boolean[names.length];
      for (int i = 0; i < names.length; i++) {
        names[i] = lead(keys.get(i));
        desc[i] = isDesc(keys.get(i));
      }
      return new Keys(names, desc, eq);
    }
  }

  /**
   * {@link #servedKeys(List, IndexCandidate)} on keys made once. An index has at most 32 keys (PostgreSQL's
   * INDEX_MAX_KEYS; MySQL's 16), so a bit of one long marks each of {@code c}'s equality columns taken.
   */
  static int servedKeys(Keys index, Keys c) {
    int used = 0;
    long taken = 0; // which of c's equality columns the index's leading keys are: each serves once
    while (used < index.names().length && used < c.eq()) {
      int found = -1;
      for (int i = 0; i < c.eq() && i < 64 && found < 0; i++) {
        if ((taken & (1L << i)) == 0 && c.names()[i].equals(index.names()[used])) {
          found = i;
        }
      }
      if (found < 0) {
        return used;
      }
      taken |= 1L << found;
      used++;
    }
    Boolean reversed = null;
    while (used < index.names().length && used < c.names().length) {
      if (!index.names()[used].equals(c.names()[used])) {
        break;
      }
      boolean same = index.desc()[used] == c.desc()[used];
      if (reversed == null) {
        reversed = !same;
      } else if (reversed == same) {
        break;
      }
      used++;
    }
    return used;
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
      if (!norm(bare(k)).equals(norm(bare(c.keys().get(i))))) {
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
      want[i] = norm(bare(c.keys().get(i)));
      // a pattern operator class serves equality: (title text_pattern_ops) finds title = $1
      have[i] = norm(dev.logdex.core.dialect.PatternKey.column(keys.get(i)));
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
