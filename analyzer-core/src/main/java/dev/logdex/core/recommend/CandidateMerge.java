package dev.logdex.core.recommend;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Without a budget: each candidate that a longer one serves as well is folded into it, so only one is proposed. */
final class CandidateMerge {
  private CandidateMerge() {}

  /**
   * Folds each candidate into the longest other candidate that serves it as well. Only candidates on the same table
   * can serve each other, so they are compared within their table: the work grows with the candidates per table, not
   * with the square of the workload's.
   */
  static void merge(Map<IndexCandidate, Evidence> candidates, List<Recommender.Rejection> rejections) {
    Map<String, List<IndexCandidate>> byTable = new LinkedHashMap<>();
    for (IndexCandidate c : candidates.keySet()) {
      byTable.computeIfAbsent(c.table(), t -> new ArrayList<>()).add(c);
    }
    for (List<IndexCandidate> bySize : byTable.values()) {
      if (bySize.size() < 2) {
        continue;
      }
      bySize.sort(Comparator.comparingInt((IndexCandidate c) -> c.keys().size()).reversed()
          .thenComparing(c -> String.join(",", c.keys())));
      for (IndexCandidate small : bySize) {
        for (IndexCandidate big : bySize) {
          if (big == small || !candidates.containsKey(big) || !candidates.containsKey(small)) {
            continue;
          }
          boolean fullyServed = Coverage.covers(big, small)
              // A partial index serves a full candidate's queries when every one of them has its predicate.
              || !big.where().isEmpty() && small.where().isEmpty()
                  && Coverage.covers(big, new IndexCandidate(small.table(), small.keys(), small.equalityPrefix(),
                      big.where()))
                  && candidates.get(big).servesAllOf(candidates.get(small));
          if (fullyServed) {
            candidates.get(big).absorb(candidates.remove(small));
            rejections.add(new Recommender.Rejection(small, "merged into " + big.table() + " (" + String.join(", ", big.keys())
                + ")" + (big.where().isEmpty() ? "" : " WHERE " + big.where()) + ", which serves its queries too"));
            break;
          }
        }
      }
    }
  }
}
