package dev.logdex.core.plan;

import dev.logdex.core.lex.SqlScanner;
import dev.logdex.core.model.Dialect;
import dev.logdex.core.model.TableAccess;
import dev.logdex.core.recommend.IndexCandidate;
import dev.logdex.core.recommend.Recommendation;
import dev.logdex.core.recommend.Recommender;
import dev.logdex.core.workload.QueryStats;
import dev.logdex.core.workload.Workload;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
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
 * session stays read-only), the queries on its table are planned with it, and the greedy search takes, step by step,
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
   * The planner's choice.
   *
   * @param chosen the recommendations it took, best first, each with the time it saves by the plans as its benefit
   * @param rejections the candidates it left, with the reason
   * @param unjudged candidates none of whose queries could be planned: the planner could not judge them
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
    boolean timed = workload.totalMillis() > 0;
    SqlScanner scanner = LiveSql.scanner(c, Dialect.POSTGRESQL);
    Map<String, String> unplanned = new LinkedHashMap<>();
    Map<String, List<QueryStats>> byTable = new HashMap<>();
    Map<String, Double> base = new LinkedHashMap<>();
    Map<String, QueryStats> stats = new HashMap<>();
    try (Statement st = c.createStatement()) {
      st.execute("SELECT hypopg_reset()");
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
      Search search = new Search(c, scanner, byTable, base, stats, timed, unplanned);
      List<Recommendation> unjudged = new ArrayList<>();
      List<Recommendation> judged = new ArrayList<>();
      for (Recommendation r : candidates) {
        (byTable.containsKey(r.index().table()) ? judged : unjudged).add(r);
      }
      try {
        return search.run(judged, unjudged, writeCost, size, budget);
      } finally {
        st.execute("SELECT hypopg_reset()");
      }
    }
  }

  /** The greedy search, with the plans of the indexes chosen so far in place as hypothetical indexes. */
  private static final class Search {
    private final Connection c;
    private final SqlScanner scanner;
    private final Map<String, List<QueryStats>> byTable;
    private final Map<String, Double> base;
    private final Map<String, Double> current;
    private final Map<String, QueryStats> stats;
    private final boolean timed;
    private final Map<String, String> unplanned;

    Search(Connection c, SqlScanner scanner, Map<String, List<QueryStats>> byTable, Map<String, Double> base,
        Map<String, QueryStats> stats, boolean timed, Map<String, String> unplanned) {
      this.c = c;
      this.scanner = scanner;
      this.byTable = byTable;
      this.base = base;
      this.current = new HashMap<>(base);
      this.stats = stats;
      this.timed = timed;
      this.unplanned = unplanned;
    }

    /**
     * What one candidate does with the chosen ones in place.
     *
     * @param gain the time it saves (ms, or calls untimed), its write cost deducted
     * @param costs each query's planned cost with it
     * @param used the queries whose plan takes it and is cheaper for it
     */
    private record Trial(double gain, Map<String, Double> costs, List<String> used) {}

    private record Queued(Recommendation r, double bound) {}

    Outcome run(List<Recommendation> judged, List<Recommendation> unjudged, ToDoubleFunction<IndexCandidate> writeCost,
        ToLongFunction<IndexCandidate> size, long budget) throws SQLException {
      PriorityQueue<Queued> queue = new PriorityQueue<>(Comparator.comparingDouble((Queued q) -> -q.bound())
          .thenComparing(q -> q.r().index().table()).thenComparing(q -> String.join(",", q.r().index().keys())));
      Map<Recommendation, Trial> last = new HashMap<>();
      List<Recommender.Rejection> rejections = new ArrayList<>();
      for (Recommendation r : judged) {
        Trial t = trial(r, writeCost);
        last.put(r, t);
        if (t.used().isEmpty()) {
          rejections.add(new Recommender.Rejection(r.index(), "the planner uses it for none of its queries"));
        } else {
          queue.add(new Queued(r, ratio(t.gain(), r, size, budget)));
        }
      }
      List<Recommendation> chosen = new ArrayList<>();
      long left = budget;
      double before = totalCost();
      while (!queue.isEmpty()) {
        Queued top = queue.poll();
        Recommendation r = top.r();
        if (budget > 0 && size.applyAsLong(r.index()) > left) {
          rejections.add(new Recommender.Rejection(r.index(), String.format(Locale.ROOT,
              "over budget: needs about %,.1f MB, %,.1f MB of the budget left", size.applyAsLong(r.index()) / 1048576.0,
              left / 1048576.0)));
          continue;
        }
        Trial t = trial(r, writeCost);
        last.put(r, t);
        double ratio = ratio(t.gain(), r, size, budget);
        if (t.gain() <= 0 || t.used().isEmpty()) {
          rejections.add(new Recommender.Rejection(r.index(), t.used().isEmpty()
              ? "the planner no longer uses it once the indexes chosen before it exist"
              : "too little gain by the planner: what it cuts from the plans is worth less than its writes"));
          continue;
        }
        if (!queue.isEmpty() && ratio < queue.peek().bound()) {
          queue.add(new Queued(r, ratio)); // no longer the best: back in line at its true worth
          continue;
        }
        create(r);
        current.putAll(t.costs());
        left -= size.applyAsLong(r.index());
        chosen.add(r.reranked(chosen.size() + 1, r.reason() + String.format(Locale.ROOT,
            "; the planner takes it for %d of its queries", t.used().size())).withBenefit(round(t.gain())));
      }
      return new Outcome(chosen, rejections, unjudged, base.size(), unplanned, before, totalCost());
    }

    private static double ratio(double gain, Recommendation r, ToLongFunction<IndexCandidate> size, long budget) {
      return budget > 0 ? gain / Math.max(1, size.applyAsLong(r.index())) : gain;
    }

    /** The candidate created as a hypothetical index, its table's queries planned with it, and dropped again. */
    private Trial trial(Recommendation r, ToDoubleFunction<IndexCandidate> writeCost) throws SQLException {
      long oid;
      String name;
      try (PreparedStatement ps = c.prepareStatement("SELECT indexrelid, indexname FROM hypopg_create_index(?)")) {
        ps.setString(1, Verifier.hypotheticalDdl(r));
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          oid = rs.getLong(1);
          name = rs.getString(2);
        }
      }
      try {
        Map<String, Double> costs = new HashMap<>();
        List<String> used = new ArrayList<>();
        double saved = 0;
        for (QueryStats q : byTable.getOrDefault(r.index().table(), List.of())) {
          String id = q.fingerprint().id();
          Optional<Verifier.Plan> p = Verifier.plan(c, scanner, q, unplanned);
          if (p.isEmpty()) {
            continue;
          }
          double now = current.get(id);
          if (p.get().indexes().contains(name) && p.get().cost() < now) {
            used.add(id);
            costs.put(id, p.get().cost());
            saved += (now - p.get().cost()) / base.get(id) * (timed ? q.totalMillis() : q.calls());
          }
        }
        return new Trial(saved - writeCost.applyAsDouble(r.index()), costs, used);
      } finally {
        try (PreparedStatement ps = c.prepareStatement("SELECT hypopg_drop_index(?)")) {
          ps.setLong(1, oid);
          ps.execute();
        }
      }
    }

    private void create(Recommendation r) throws SQLException {
      try (PreparedStatement ps = c.prepareStatement("SELECT indexrelid FROM hypopg_create_index(?)")) {
        ps.setString(1, Verifier.hypotheticalDdl(r));
        ps.executeQuery().close();
      }
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
