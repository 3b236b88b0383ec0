package dev.logdex.core.recommend;

import dev.logdex.core.fingerprint.Fingerprinter;
import dev.logdex.core.sql.UsageExtractor;
import dev.logdex.core.workload.QueryStats;

/**
 * Whether every call of a query class writes the same literal in an equality ({@code status = 'pending'}): then an
 * index may hold only the rows it selects. Known from the class's {@link dev.logdex.core.workload.Constants}: the
 * literal is found among its sample's literals by its text, and must be at a place every call wrote alike.
 */
final class ConstantLiterals {
  private ConstantLiterals() {}

  /**
   * Fewer calls than this say too little: a job that ran twice with one value may run with another tomorrow. A
   * literal written in the application's code is in every call however many there are.
   */
  static final long MIN_CALLS = 10;

  /** The literals that may stand in a predicate as they are: a short plain string, or an integer. */
  private static final java.util.regex.Pattern SAFE = java.util.regex.Pattern.compile(
      "'[A-Za-z0-9_ .:@/+-]{0,64}'|-?[0-9]{1,18}");

  /** Whether {@code detail}, an equality's ({@code = 'pending'}), is a literal every call of {@code q} writes. */
  static boolean everyCallWrites(QueryStats q, String detail) {
    if (!detail.startsWith(UsageExtractor.LITERAL) || q.calls() < MIN_CALLS || q.constants().count() == 0) {
      return false;
    }
    String literal = detail.substring(UsageExtractor.LITERAL.length());
    if (!SAFE.matcher(literal).matches()) {
      return false; // a detail read from a snapshot or a cache is checked again: it becomes part of a statement
    }
    long wanted = Fingerprinter.literalHash(literal, 0, literal.length());
    int[] place = {-1};
    int[] matches = {0};
    Fingerprinter.standard().fingerprint(q.sample(), (i, hash) -> {
      if (hash == wanted) {
        place[0] = i;
        matches[0]++;
      }
    });
    // The same text at two places: which one the equality is cannot be told; no predicate then.
    return matches[0] == 1 && q.constants().isConstant(place[0]) && q.constants().hash(place[0]) == wanted;
  }
}
