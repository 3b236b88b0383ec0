package dev.logdex.core.recommend;

import dev.logdex.core.workload.QueryStats;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

/**
 * Index selection for the whole workload within a storage budget, after the "Extend" strategy of Schlosser, Kossmann
 * and Boissier (ICDE 2019): a greedy search whose every step either adds a candidate or widens an index already
 * chosen to a longer candidate that starts with its columns, taking the step with the most benefit per byte, until no
 * step fits the budget or gains anything.
 *
 * <p>A step's benefit is marginal: a query already served by a chosen index on the same table counts only for what
 * a step serves better, so two queries share one index where one serves both, and overlapping candidates are not
 * paid twice. A query's time is split across the tables it reads, in proportion to their rows: without it, a
 * 25-row lookup table in a query would seem to be worth as much as the big table the query actually spends its
 * time on. A
 * candidate that is the leading part of a longer one also serves the longer one's queries, less well (in proportion
 * to its share of the columns): under a tight budget the short index is often the better buy.
 */
final class BudgetedSelection {
  private BudgetedSelection() {}

  /**
   * What was chosen.
   *
   * @param chosen the candidates chosen, each with the evidence of what it serves (leading-part service included)
   * @param rejections every other candidate, with its reason
   */
  record Outcome(Map<IndexCandidate, Evidence> chosen, List<Recommender.Rejection> rejections) {}

  private record Step(IndexCandidate add, IndexCandidate replaces, double gain, long bytes) {
    double perByte() {
      return gain / Math.max(1, bytes);
    }
  }

  /**
   * Selects within {@code budget} bytes.
   *
   * @param tableShare the part of a query's time spent on a table (so that the time of a query that reads a big
   *     table and a small one is not counted twice, once for an index on each)
   */
  static Outcome select(Map<IndexCandidate, Evidence> candidates, ToLongFunction<IndexCandidate> size,
      ToDoubleFunction<IndexCandidate> writeCost, java.util.function.ToDoubleBiFunction<QueryStats, String> tableShare,
      boolean timed, long budget) {
    List<Recommender.Rejection> rejections = new ArrayList<>();
    Map<IndexCandidate, Evidence> pool = new LinkedHashMap<>();
    Map<IndexCandidate, Long> bytes = new HashMap<>();
    for (Map.Entry<IndexCandidate, Evidence> e : candidates.entrySet()) {
      long s = size.applyAsLong(e.getKey());
      if (s < 0) {
        rejections.add(new Recommender.Rejection(e.getKey(), Recommender.Rejection.UNPRICED + ": the database has no row "
            + "estimate for " + e.getKey().table() + " (ANALYZE it)"));
      } else {
        pool.put(e.getKey(), e.getValue().scaled(q -> tableShare.applyAsDouble(q, e.getKey().table())));
        bytes.put(e.getKey(), s);
      }
    }
    addLeadingPartService(pool);

    // Greedy by benefit per byte can fill a tight budget with small indexes and leave no room for the one that
    // matters most (the knapsack trap). So it also runs once starting from the single step that gains the most,
    // and the better of the two selections is kept.
    Run byRatio = greedy(pool, bytes, writeCost, timed, budget, null);
    Run fromBest = bestSingle(pool, bytes, writeCost, timed, budget)
        .map(first -> greedy(pool, bytes, writeCost, timed, budget, first)).orElse(byRatio);
    Run run = fromBest.value() - fromBest.writeCost() > byRatio.value() - byRatio.writeCost() ? fromBest : byRatio;
    Map<IndexCandidate, Evidence> chosen = run.chosen();
    Map<IndexCandidate, IndexCandidate> widenedInto = run.widenedInto();
    long left = run.left();
    for (IndexCandidate c : pool.keySet()) {
      if (chosen.containsKey(c)) {
        continue;
      }
      IndexCandidate into = widenedInto.get(c);
      String reason;
      if (into != null) {
        reason = "widened into " + describe(into) + ", which serves its queries too";
      } else if (bytes.get(c) > left) {
        reason = String.format(Locale.ROOT, "over budget: needs about %,.1f MB, %,.1f MB of the budget left",
            bytes.get(c) / 1048576.0, left / 1048576.0);
      } else {
        reason = "too little gain within the budget: the chosen indexes already serve its queries, or its writes "
            + "cost more than it saves";
      }
      rejections.add(new Recommender.Rejection(c, reason));
    }
    return new Outcome(chosen, rejections);
  }

  /**
   * One greedy search's outcome.
   *
   * @param value what the selection is worth: per query and table, the best service a chosen index gives, times
   *     the query's time
   */
  private record Run(Map<IndexCandidate, Evidence> chosen, Map<IndexCandidate, IndexCandidate> widenedInto, long left,
      double value, double writeCost) {}

  private static Run greedy(Map<IndexCandidate, Evidence> pool, Map<IndexCandidate, Long> bytes,
      ToDoubleFunction<IndexCandidate> writeCost, boolean timed, long budget, IndexCandidate first) {
    Chosen chosen = new Chosen();
    Map<IndexCandidate, IndexCandidate> widenedInto = new HashMap<>();
    long left = budget;
    if (first != null) {
      chosen.add(first, pool.get(first));
      left -= bytes.get(first);
    }
    while (true) {
      Step best = null;
      for (Map.Entry<IndexCandidate, Evidence> e : pool.entrySet()) {
        IndexCandidate c = e.getKey();
        if (chosen.has(c)) {
          continue;
        }
        best = better(best, new Step(c, null, gain(chosen, null, c, e.getValue(), timed)
            - writeCost.applyAsDouble(c), bytes.get(c)), left);
        for (IndexCandidate a : chosen.onTable(c.table())) {
          if (Coverage.covers(c, a)) { // c starts with a's columns: widen a into c
            best = better(best, new Step(c, a, gain(chosen, a, c, e.getValue(), timed)
                - writeCost.applyAsDouble(c) + writeCost.applyAsDouble(a), bytes.get(c) - bytes.get(a)), left);
          }
        }
      }
      if (best == null) {
        break;
      }
      if (best.replaces() != null) {
        chosen.remove(best.replaces());
        widenedInto.put(best.replaces(), best.add());
        left += bytes.get(best.replaces());
      }
      chosen.add(best.add(), pool.get(best.add()));
      left -= bytes.get(best.add());
    }
    double writes = chosen.indexes.keySet().stream().mapToDouble(writeCost).sum();
    return new Run(new LinkedHashMap<>(chosen.indexes), widenedInto, left, chosen.value(timed), writes);
  }

  /**
   * The indexes chosen so far, with the best service they give each query on each table, kept up to date, so that
   * a step's gain costs a lookup per query instead of a pass over everything chosen.
   */
  private static final class Chosen {
    final Map<IndexCandidate, Evidence> indexes = new LinkedHashMap<>();
    private final Map<String, List<IndexCandidate>> byTable = new HashMap<>();
    private final Map<String, Double> best = new HashMap<>();
    private final Map<String, QueryStats> stats = new HashMap<>();

    boolean has(IndexCandidate c) {
      return indexes.containsKey(c);
    }

    List<IndexCandidate> onTable(String table) {
      return byTable.getOrDefault(table, List.of());
    }

    /** How well the chosen indexes on {@code table} serve query {@code id}. */
    double best(String id, String table) {
      return best.getOrDefault(id + '\u0000' + table, 0.0);
    }

    /** The same without {@code without}. */
    double bestWithout(String id, String table, IndexCandidate without) {
      double b = 0;
      for (IndexCandidate c : onTable(table)) {
        if (!c.equals(without)) {
          b = Math.max(b, indexes.get(c).weight(id));
        }
      }
      return b;
    }

    void add(IndexCandidate c, Evidence e) {
      indexes.put(c, e);
      byTable.computeIfAbsent(c.table(), t -> new ArrayList<>()).add(c);
      for (Map.Entry<String, QueryStats> q : e.queries().entrySet()) {
        best.merge(q.getKey() + '\u0000' + c.table(), e.weight(q.getKey()), Math::max);
        stats.put(q.getKey() + '\u0000' + c.table(), q.getValue());
      }
    }

    /** What the chosen indexes are worth together. */
    double value(boolean timed) {
      double v = 0;
      for (Map.Entry<String, Double> e : best.entrySet()) {
        v += e.getValue() * time(stats.get(e.getKey()), timed);
      }
      return v;
    }

    void remove(IndexCandidate c) {
      Evidence e = indexes.remove(c);
      byTable.get(c.table()).remove(c);
      for (String id : e.queries().keySet()) {
        best.put(id + '\u0000' + c.table(), bestWithout(id, c.table(), null));
      }
    }
  }

  /** The candidate that alone gains the most and fits the budget. */
  private static java.util.Optional<IndexCandidate> bestSingle(Map<IndexCandidate, Evidence> pool,
      Map<IndexCandidate, Long> bytes, ToDoubleFunction<IndexCandidate> writeCost, boolean timed, long budget) {
    IndexCandidate best = null;
    double bestGain = 0;
    for (Map.Entry<IndexCandidate, Evidence> e : pool.entrySet()) {
      double g = e.getValue().benefit(timed) - writeCost.applyAsDouble(e.getKey());
      if (bytes.get(e.getKey()) <= budget && g > bestGain) {
        best = e.getKey();
        bestGain = g;
      }
    }
    return java.util.Optional.ofNullable(best);
  }

  private static Step better(Step best, Step candidate, long left) {
    if (candidate.gain() <= 0 || candidate.bytes() > left) {
      return best;
    }
    if (best == null || candidate.perByte() > best.perByte()) {
      return candidate;
    }
    return best;
  }

  /**
   * How much the workload gains when {@code added} joins the chosen indexes (with {@code without} taken out, for a
   * widening step): for each of its queries, the better of how well the chosen indexes on the same table serve it
   * and how well {@code added} does, over how well they did before, times the query's time. Only indexes on the same
   * table compete: an index on another table the query reads serves another part of it.
   */
  private static double gain(Chosen chosen, IndexCandidate without, IndexCandidate candidate, Evidence added,
      boolean timed) {
    String table = candidate.table();
    double gain = 0;
    for (Map.Entry<String, QueryStats> q : added.queries().entrySet()) {
      double before = chosen.best(q.getKey(), table);
      double others = without == null ? before : chosen.bestWithout(q.getKey(), table, without);
      gain += (Math.max(others, added.weight(q.getKey())) - before) * time(q.getValue(), timed);
    }
    if (without != null) {
      // Queries only the replaced index served lose it.
      for (Map.Entry<String, QueryStats> q : chosen.indexes.get(without).queries().entrySet()) {
        if (!added.queries().containsKey(q.getKey())) {
          double before = chosen.best(q.getKey(), table);
          gain += (chosen.bestWithout(q.getKey(), table, without) - before) * time(q.getValue(), timed);
        }
      }
    }
    return gain;
  }

  private static double time(QueryStats q, boolean timed) {
    return timed ? q.totalMillis() : q.calls();
  }

  /**
   * A longer candidate serves every query of a shorter one it covers (as the merge does without a budget), and the
   * shorter one, its leading part, serves the longer one's queries in part.
   */
  private static void addLeadingPartService(Map<IndexCandidate, Evidence> pool) {
    Map<IndexCandidate, Evidence> original = new LinkedHashMap<>();
    pool.forEach((c, e) -> original.put(c, e.copy()));
    List<IndexCandidate> all = new ArrayList<>(pool.keySet());
    all.sort(Comparator.comparing(IndexCandidate::table).thenComparing(c -> String.join(",", c.keys())));
    for (IndexCandidate small : all) {
      for (IndexCandidate big : all) {
        if (small.keys().size() < big.keys().size() && Coverage.covers(big, small)) {
          double share = (double) small.keys().size() / big.keys().size();
          Evidence from = original.get(big);
          for (QueryStats q : from.queries().values()) {
            pool.get(small).add(q, from.weight(q.fingerprint().id()) * share, "leading columns of " + describe(big)
                + " (serves its queries in part)");
          }
          Evidence fromSmall = original.get(small);
          for (QueryStats q : fromSmall.queries().values()) {
            pool.get(big).add(q, fromSmall.weight(q.fingerprint().id()), "also serves " + describe(small));
          }
        }
      }
    }
  }

  private static String describe(IndexCandidate c) {
    return c.table() + " (" + String.join(", ", c.keys()) + ")" + (c.where().isEmpty() ? "" : " WHERE " + c.where());
  }
}
