package dev.logdex.core.plan;

import dev.logdex.core.lex.SqlScanner;
import dev.logdex.core.model.Dialect;
import dev.logdex.core.model.TableAccess;
import dev.logdex.core.recommend.IndexCandidate;
import dev.logdex.core.recommend.Recommendation;
import dev.logdex.core.recommend.Recommender;
import dev.logdex.core.recommend.ServedQuery;
import dev.logdex.core.workload.QueryStats;
import dev.logdex.core.workload.Workload;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

/**
 * Chooses the indexes with PostgreSQL's planner instead of logdex's own estimate, as the DB2 and SQL Server advisors
 * and the "Extend" algorithm do: every candidate is created as a hypothetical index (HypoPG, nothing built, the
 * session stays read-only) or, without HypoPG, built for real in a transaction that is rolled back (see
 * {@link WhatIf}), the queries on its table are planned with it, and the greedy search takes, step by step,
 * the candidate that cuts the workload's planned cost the most given the ones already taken, until none cuts it by
 * more than it costs the table's writes (or, under a budget, none fits).
 *
 * <p>A query's logged time is taken to shrink with its planned cost: a plan at 10% of its cost without the new
 * indexes saves 90% of the query's time. Statements are planned as the verifier plans them: the logged sample with
 * its values where the log has them, a generic plan otherwise. A candidate the planner uses for no query is not
 * recommended, whatever logdex's model thought of it.
 *
 * <p>The search is lazy: a candidate's last measured gain bounds its gain later (more chosen indexes leave it less
 * to cut), so only the candidate on top of the queue is planned again.
 */
public final class PlannerSelection {
  private PlannerSelection() {}

  /** Query classes planned at most, by total time. */
  static final int MAX_QUERIES = Verifier.MAX_QUERIES;

  /**
   * Plans one selection makes at most (a few minutes at a few milliseconds each): past it, the candidates not yet
   * judged keep logdex's estimate and say so, so that a huge workload still ends.
   */
  static final int MAX_PLANS = 50_000;

  /**
   * The planner's choice.
   *
   * @param chosen the recommendations it took, best first, each with the time it saves by the plans as its benefit
   * @param rejections the candidates it left, with the reason
   * @param unjudged candidates the planner could not judge: none of their queries could be planned, or the search
   *     stopped at {@link #MAX_PLANS} before them
   * @param planned query classes planned
   * @param unplanned query classes that could not be planned, with the reason
   * @param costBefore the workload's planned cost (calls times cost) without the new indexes
   * @param costAfter the same with the chosen ones
   */
  public record Outcome(List<Recommendation> chosen, List<Recommender.Rejection> rejections,
      List<Recommendation> unjudged, int planned, Map<String, String> unplanned, double costBefore,
      double costAfter) {}

  /**
   * Chooses among {@code candidates} (logdex's candidates, each with its fix and the queries it serves).
   *
   * @param writeCost what one more index adds to the workload's writes to its table, in the queries' unit
   * @param size an index's estimated bytes, for a budget
   * @param budget bytes the chosen indexes may take, or 0 for no budget
   */
  public static Outcome select(Connection c, Workload workload, List<Recommendation> candidates,
      ToDoubleFunction<IndexCandidate> writeCost, ToLongFunction<IndexCandidate> size, long budget)
      throws SQLException {
    return select(c, workload, candidates, List.of(), writeCost, size, budget);
  }

  /**
   * The same, with the candidates of each OR's arms tried together as well as one by one: the planner uses an index
   * per arm (a BitmapOr) only when every arm has one.
   */
  public static Outcome select(Connection c, Workload workload, List<Recommendation> candidates,
      List<List<IndexCandidate>> orArms, ToDoubleFunction<IndexCandidate> writeCost,
      ToLongFunction<IndexCandidate> size, long budget) throws SQLException {
    return select(c, workload, candidates, orArms, writeCost, size, budget, Verifier.Method.HYPOPG);
  }

  /**
   * The same, with the candidates made to exist by {@code method}: {@link Verifier.Method#HYPOPG} or
   * {@link Verifier.Method#ROLLBACK} (real indexes in a transaction that is rolled back, for a database without
   * HypoPG; each build locks its table against writes while the search runs).
   */
  public static Outcome select(Connection c, Workload workload, List<Recommendation> candidates,
      List<List<IndexCandidate>> orArms, ToDoubleFunction<IndexCandidate> writeCost,
      ToLongFunction<IndexCandidate> size, long budget, Verifier.Method method) throws SQLException {
    boolean timed = workload.totalMillis() > 0;
    SqlScanner scanner = LiveSql.scanner(c, Dialect.POSTGRESQL);
    Map<String, String> unplanned = new LinkedHashMap<>();
    Map<String, List<QueryStats>> byTable = new HashMap<>();
    Map<String, Double> base = new LinkedHashMap<>();
    Map<String, QueryStats> stats = new HashMap<>();
    try (WhatIf whatIf = WhatIf.begin(c, method)) {
      for (QueryStats q : Verifier.plannable(workload)) {
        Optional<Verifier.Plan> p = Verifier.plan(c, scanner, q, unplanned);
        if (p.isEmpty() || p.get().cost() <= 0) {
          continue;
        }
        base.put(q.fingerprint().id(), p.get().cost());
        stats.put(q.fingerprint().id(), q);
        Set<String> tables = new LinkedHashSet<>();
        q.profile().ifPresent(pr -> pr.accesses().forEach((TableAccess a) -> tables.add(a.table())));
        tables.forEach(t -> byTable.computeIfAbsent(t, k -> new ArrayList<>()).add(q));
      }
      List<Recommendation> unjudged = new ArrayList<>();
      List<Recommendation> judged = new ArrayList<>();
      for (Recommendation r : candidates) {
        boolean hidden = method == Verifier.Method.HYPOPG && Verifier.partialOnPartitions(r);
        (byTable.containsKey(r.index().table()) && !hidden ? judged : unjudged).add(r);
      }
      // What the model says of the queries the planner cannot see (their statements could not be planned).
      Map<Recommendation, Double> unseen = new HashMap<>();
      for (Recommendation r : judged) {
        double all = 0;
        double hidden = 0;
        for (ServedQuery q : r.queries()) {
          double t = timed ? q.totalMillis() : q.calls();
          all += t;
          hidden += base.containsKey(q.fingerprint()) ? 0 : t;
        }
        unseen.put(r, all <= 0 ? 0 : Math.max(0, r.benefit()) * hidden / all);
      }
      List<List<Recommendation>> units = new ArrayList<>();
      judged.forEach(r -> units.add(List.of(r)));
      Map<IndexCandidate, Recommendation> byIndex = new HashMap<>();
      judged.forEach(r -> byIndex.put(r.index(), r));
      for (List<IndexCandidate> arms : orArms) {
        List<Recommendation> unit = arms.stream().map(byIndex::get).filter(java.util.Objects::nonNull).toList();
        if (unit.size() > 1) {
          units.add(unit);
        }
      }
      Search search = new Search(c, whatIf, scanner, byTable, base, stats, timed, unplanned, unseen, size);
      return search.run(units, judged, unjudged, writeCost, size, budget);
    }
  }

  /** The greedy search, with the indexes chosen so far in place for the plans. */
  private static final class Search {
    private final Connection c;
    private final WhatIf whatIf;
    private final SqlScanner scanner;
    private final Map<String, List<QueryStats>> byTable;
    private final Map<String, Double> base;
    private final Map<String, Double> current;
    private final Map<String, QueryStats> stats;
    private final boolean timed;
    private final Map<String, String> unplanned;
    private final Map<Recommendation, Double> unseen;
    private final ToLongFunction<IndexCandidate> size;
    private final Set<Recommendation> chosen = new LinkedHashSet<>();
    /** The chosen indexes' table, keys and predicate: one index of each, with INCLUDE columns or without. */
    private final Set<IndexCandidate> shapes = new java.util.HashSet<>();
    private int plans;

    Search(Connection c, WhatIf whatIf, SqlScanner scanner, Map<String, List<QueryStats>> byTable, Map<String, Double> base,
        Map<String, QueryStats> stats, boolean timed, Map<String, String> unplanned,
        Map<Recommendation, Double> unseen, ToLongFunction<IndexCandidate> size) {
      this.c = c;
      this.whatIf = whatIf;
      this.size = size;
      this.scanner = scanner;
      this.byTable = byTable;
      this.base = base;
      this.current = new HashMap<>(base);
      this.stats = stats;
      this.timed = timed;
      this.unplanned = unplanned;
      this.unseen = unseen;
    }

    /**
     * What one unit (a candidate, or the arms of an OR) does with the chosen ones in place.
     *
     * @param gain the time it saves (ms, or calls untimed), its write cost deducted
     * @param costs each query's planned cost with it
     * @param used the queries whose plan takes one of its indexes and is cheaper for it
     * @param fresh its members not chosen yet
     */
    private record Trial(double gain, Map<String, Double> costs, List<String> used, List<Recommendation> fresh) {}

    private record Queued(List<Recommendation> unit, double bound) {}

    Outcome run(List<List<Recommendation>> units, List<Recommendation> judged, List<Recommendation> unjudged,
        ToDoubleFunction<IndexCandidate> writeCost, ToLongFunction<IndexCandidate> size, long budget)
        throws SQLException {
      PriorityQueue<Queued> queue = new PriorityQueue<>(Comparator.comparingDouble((Queued q) -> -q.bound())
          .thenComparing(q -> q.unit().get(0).index().table())
          .thenComparing(q -> String.join(",", q.unit().get(0).index().keys())));
      Map<Recommendation, String> why = new HashMap<>();
      Set<Recommendation> unfinished = new LinkedHashSet<>();
      for (List<Recommendation> unit : units) {
        if (plans > MAX_PLANS) {
          unfinished.addAll(unit);
          continue;
        }
        Trial t = trial(unit, writeCost);
        if (t.used().isEmpty() && t.gain() <= 0) {
          if (unit.size() == 1) {
            why.put(unit.get(0), "the planner uses it for none of its queries");
          }
        } else {
          queue.add(new Queued(unit, ratio(t, size, budget)));
        }
      }
      List<Recommendation> ranked = new ArrayList<>();
      long left = budget;
      double before = totalCost();
      while (!queue.isEmpty()) {
        Queued top = queue.poll();
        if (plans > MAX_PLANS) {
          unfinished.addAll(top.unit());
          continue;
        }
        Trial t = trial(top.unit(), writeCost);
        if (t.fresh().isEmpty()) {
          continue;
        }
        long bytes = t.fresh().stream().mapToLong(r -> size.applyAsLong(r.index())).sum();
        if (budget > 0 && bytes > left) {
          String over = String.format(Locale.ROOT, "over budget: needs about %,.1f MB, %,.1f MB of the budget left",
              bytes / 1048576.0, left / 1048576.0);
          t.fresh().forEach(r -> why.putIfAbsent(r, over));
          continue;
        }
        if (t.gain() <= 0) {
          t.fresh().forEach(r -> why.putIfAbsent(r, t.used().isEmpty()
              ? "the planner no longer uses it once the indexes chosen before it exist"
              : "too little gain by the planner: what it cuts from the plans is worth less than its writes"));
          continue;
        }
        double ratio = ratio(t, size, budget);
        if (!queue.isEmpty() && ratio < queue.peek().bound()) {
          queue.add(new Queued(top.unit(), ratio)); // no longer the best: back in line at its true worth
          continue;
        }
        for (Recommendation r : t.fresh()) {
          whatIf.create(r); // it stays, for the plans of the steps after
          chosen.add(r);
          shapes.add(shape(r));
        }
        current.putAll(t.costs());
        left -= bytes;
        double share = t.gain() / t.fresh().size();
        for (Recommendation r : t.fresh()) {
          String note = t.used().isEmpty() ? "; kept on logdex's estimate: the queries it serves could not be planned"
              : String.format(Locale.ROOT, "; the planner takes it%s for %d of its queries",
                  t.fresh().size() > 1 ? " with the other arms of the OR" : "", t.used().size());
          ranked.add(r.reranked(ranked.size() + 1, r.reason() + note).withBenefit(round(share)));
        }
      }
      List<Recommender.Rejection> rejections = new ArrayList<>();
      List<Recommendation> notJudged = new ArrayList<>(unjudged);
      for (Recommendation r : judged) {
        if (!chosen.contains(r) && shapes.contains(shape(r))) {
          rejections.add(new Recommender.Rejection(r.index(), r.index().include().isEmpty()
              ? "the same keys with INCLUDE columns were chosen instead"
              : "the same keys without INCLUDE columns were chosen instead"));
        } else if (!chosen.contains(r) && unfinished.contains(r) && !why.containsKey(r)) {
          notJudged.add(r); // the search stopped before it: logdex's estimate stands
        } else if (!chosen.contains(r)) {
          rejections.add(new Recommender.Rejection(r.index(), why.getOrDefault(r,
              "too little gain by the planner: what it cuts from the plans is worth less than its writes")));
        }
      }
      return new Outcome(ranked, rejections, notJudged, base.size(), unplanned, before, totalCost());
    }

    private static double ratio(Trial t, ToLongFunction<IndexCandidate> size, long budget) {
      if (budget > 0) {
        return t.gain() / Math.max(1, t.fresh().stream().mapToLong(r -> size.applyAsLong(r.index())).sum());
      }
      return t.gain();
    }

    /** The unit's new indexes created as hypothetical ones, their tables' queries planned, and dropped again. */
    private Trial trial(List<Recommendation> unit, ToDoubleFunction<IndexCandidate> writeCost) throws SQLException {
      // Not an index whose keys are already chosen with or without INCLUDE columns: they are alternatives.
      List<Recommendation> fresh = unit.stream().filter(r -> !chosen.contains(r) && !shapes.contains(shape(r)))
          .toList();
      if (fresh.isEmpty()) {
        return new Trial(0, Map.of(), List.of(), fresh);
      }
      Object mark = whatIf.mark();
      try {
        Set<String> names = new java.util.HashSet<>();
        for (Recommendation r : fresh) {
          names.addAll(whatIf.create(r));
        }
        Map<String, Double> costs = new HashMap<>();
        List<String> used = new ArrayList<>();
        double saved = 0;
        Set<String> seen = new java.util.HashSet<>();
        for (Recommendation r : fresh) {
          for (QueryStats q : byTable.getOrDefault(r.index().table(), List.of())) {
            String id = q.fingerprint().id();
            if (!usesAKey(q, r.index()) || !seen.add(id)) {
              continue; // a query that filters, joins and sorts on none of the keys: the index cannot change its plan
            }
            Optional<Verifier.Plan> p = Verifier.plan(c, scanner, q, unplanned);
            plans++;
            if (p.isEmpty()) {
              continue;
            }
            double now = current.get(id);
            if (p.get().indexes().stream().anyMatch(names::contains) && p.get().cost() < now) {
              used.add(id);
              costs.put(id, p.get().cost());
              saved += (now - p.get().cost()) / base.get(id) * (timed ? q.totalMillis() : q.calls());
            }
          }
        }
        for (Recommendation r : fresh) {
          saved += unseen.getOrDefault(r, 0.0) - writeCost.applyAsDouble(r.index()) * widening(r);
        }
        return new Trial(saved, costs, used, fresh);
      } finally {
        whatIf.undo(mark);
      }
    }

    /**
     * How many times the plain index's size INCLUDE columns make it ({@code 1} without them or without sizes):
     * every write maintains the wider tuples, so the covering twin's write cost grows with it and it must pay for
     * its size out of what it saves.
     */
    private double widening(Recommendation r) {
      if (r.index().include().isEmpty()) {
        return 1;
      }
      long plain = size.applyAsLong(r.index().including(List.of()));
      long wide = size.applyAsLong(r.index());
      return plain > 0 && wide > plain ? (double) wide / plain : 1;
    }

    private static IndexCandidate shape(Recommendation r) {
      return r.index().including(List.of());
    }

    /** Whether {@code q} filters, joins, groups or sorts on one of the index's key columns in its table. */
    private static boolean usesAKey(QueryStats q, IndexCandidate ix) {
      Set<String> keys = new java.util.HashSet<>();
      for (int i = 0; i < ix.keys().size(); i++) {
        String k = ix.column(i);
        keys.add(dev.logdex.core.dialect.ExpressionKey.parse(k).map(e -> e.column()).orElse(k)
            .toLowerCase(Locale.ROOT));
      }
      return q.profile().map(p -> p.accesses().stream().filter(a -> a.table().equals(ix.table()))
          .flatMap(a -> a.uses().stream())
          .anyMatch(u -> u.kind() != dev.logdex.core.model.UseKind.SELECT
              && u.kind() != dev.logdex.core.model.UseKind.WRITE
              && keys.contains(u.column().column().toLowerCase(Locale.ROOT)))).orElse(true);
    }

    private double totalCost() {
      double total = 0;
      for (Map.Entry<String, Double> e : current.entrySet()) {
        total += stats.get(e.getKey()).calls() * e.getValue();
      }
      return total;
    }
  }

  private static double round(double v) {
    return Math.round(v * 1000.0) / 1000.0;
  }
}
