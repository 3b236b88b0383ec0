package dev.logdex.core.recommend;

import dev.logdex.core.workload.QueryStats;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.function.ToDoubleBiFunction;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

/**
 * Chooses the indexes to recommend as a set, after the "Extend" strategy of Schlosser, Kossmann and Boissier
 * (ICDE 2019): a greedy search whose every step either adds a candidate or widens an index already chosen to a longer
 * candidate that starts with its columns, taking the step that gains the most per unit of the limit (bytes of a
 * storage budget, or one index each), until no step fits or gains anything.
 *
 * <p>A step's gain is marginal: for each query, what the step serves better than the indexes already chosen on the
 * same table, times the query's time, less the write cost the index adds. So a full index and its partial twin, a
 * prefix next to the longer index that starts with it, or two indexes for the same query, never both take a slot:
 * the second adds nothing. A query's time is split across the tables it reads, in proportion to their rows, so a
 * small lookup table in a join is not worth as much as the big table the query spends its time on.
 *
 * <p>The chosen set is then ranked the same way, each index by what it adds to the ones ranked above it: the first
 * N of the ranking are the set a limit of N indexes would have chosen. An index that adds nothing to the others in
 * the final set (a greedy choice made redundant by a later one) is dropped, with the index that made it so.
 *
 * <p>The search is lazy (Minoux's accelerated greedy): a candidate's last computed gain bounds its gain later, since
 * more chosen indexes only leave it less to add; only the candidate on top of the queue is recomputed, so the cost
 * grows with the candidates, not with their square.
 */
final class Selection {
  private Selection() {}

  /**
   * What a selection may spend.
   *
   * @param cost what one candidate costs (bytes, or 1 per index), negative when it cannot be priced
   * @param total what may be spent in all
   * @param bytes whether the costs are bytes (for the reasons given)
   */
  record Limit(ToLongFunction<IndexCandidate> cost, long total, boolean bytes) {
    /** As many indexes as gain more than they cost to maintain. */
    static Limit unlimited() {
      return new Limit(c -> 1, Long.MAX_VALUE, false);
    }

    /** At most {@code budget} bytes of new indexes, by {@code size}. */
    static Limit bytes(ToLongFunction<IndexCandidate> size, long budget) {
      return new Limit(size, budget, true);
    }
  }

  /**
   * One chosen index.
   *
   * @param gain what it adds to the indexes ranked before it, less the write cost it adds (ms, or calls untimed)
   * @param partlyServedBy the indexes ranked before it on its table that already serve some of its queries
   */
  record Pick(IndexCandidate candidate, Evidence evidence, double gain, List<IndexCandidate> partlyServedBy) {
    /** A candidate not ranked among others (the pool the planner chooses from): none above it. */
    Pick(IndexCandidate candidate, Evidence evidence, double gain) {
      this(candidate, evidence, gain, List.of());
    }
  }

  /**
   * The arms of an OR in one query: each arm's index serves the query only together with the others.
   *
   * @param arms one candidate per arm (an arm that an existing index serves is no longer a candidate)
   */
  record OrBundle(QueryStats query, List<IndexCandidate> arms) {}

  /**
   * What was chosen.
   *
   * @param ranked the chosen indexes, best first, each with the evidence of what it serves
   * @param rejections every other candidate, with its reason
   */
  record Outcome(List<Pick> ranked, List<Recommender.Rejection> rejections) {}

  /** How much of the queries of one candidate another serves, by its leading keys. */
  @FunctionalInterface
  interface PartialShare {
    /**
     * The share of {@code served}'s queries that an index on {@code server}'s keys serves, when it serves the first
     * {@code keys} of {@code served}'s keys ({@link Coverage#servedKeys}), from 0 to 1.
     */
    double of(IndexCandidate server, IndexCandidate served, int keys);

    /** In proportion to the keys served: what logdex assumes when it has no statistics of the columns. */
    static PartialShare byKeys() {
      return (server, served, keys) -> (double) keys / served.keys().size();
    }
  }

  /**
   * Chooses among {@code candidates} within {@code limit}.
   *
   * @param writeCost what one more index on the candidate's table adds to the workload's writes
   * @param tableShare the part of a query's time spent on a table
   * @param partial how much of a candidate's queries a chosen index that leads with some of its equality columns
   *     serves ({@link PartialService})
   */
  static Outcome select(Map<IndexCandidate, Evidence> candidates, List<OrBundle> ors, Limit limit,
      ToDoubleFunction<IndexCandidate> writeCost, ToDoubleBiFunction<QueryStats, String> tableShare,
      PartialShare partial, boolean timed) {
    List<Recommender.Rejection> rejections = new ArrayList<>();
    Map<IndexCandidate, Evidence> pool = new LinkedHashMap<>();
    Map<IndexCandidate, Long> costs = new HashMap<>();
    for (Map.Entry<IndexCandidate, Evidence> e : candidates.entrySet()) {
      long s = limit.cost().applyAsLong(e.getKey());
      if (s < 0) {
        rejections.add(new Recommender.Rejection(e.getKey(), Recommender.Rejection.UNPRICED + ": the database has no "
            + "row estimate for " + e.getKey().table() + " (ANALYZE it)"));
      } else {
        pool.put(e.getKey(), e.getValue().scaled(q -> tableShare.applyAsDouble(q, e.getKey().table())));
        costs.put(e.getKey(), s);
      }
    }
    // What each serves on its own, before the others' queries are added to it: for the reasons given.
    Map<IndexCandidate, Double> own = new HashMap<>();
    pool.forEach((c, e) -> own.put(c, e.benefit(timed)));
    PartialService partials = new PartialService(pool, partial);
    Service.addCrossService(pool);

    Search search = new Search(pool, costs, writeCost, partials, timed);
    Run run = search.run(limit.total(), null, true);
    if (limit.bytes()) {
      // Greedy by gain per byte can fill a tight budget with small indexes and leave no room for the one that
      // matters most (the knapsack trap), so it also runs once from the single step that gains the most.
      IndexCandidate first = search.bestSingle(limit.total());
      if (first != null) {
        Run fromBest = search.run(limit.total(), first, true);
        if (fromBest.value() > run.value()) {
          run = fromBest;
        }
      }
    }
    // An early choice that the later ones made redundant goes; the rest are ranked by what each adds to those
    // above it, one index per slot.
    List<IndexCandidate> chosen = completeOrs(ors, run.chosen(), pool, costs, limit, writeCost, timed);
    List<IndexCandidate> needed = withoutRedundant(chosen, pool, writeCost, partials, timed);
    Map<IndexCandidate, Long> one = new HashMap<>();
    needed.forEach(c -> one.put(c, 1L));
    Map<IndexCandidate, Evidence> chosenPool = withOrphans(needed, pool, partials);
    Search ranking = new Search(chosenPool, one, writeCost, partials, timed);
    Run ranked = ranking.run(Long.MAX_VALUE, null, false);
    List<Pick> picks = new ArrayList<>();
    for (int i = 0; i < ranked.order().size(); i++) {
      IndexCandidate c = ranked.order().get(i);
      picks.add(new Pick(c, chosenPool.get(c), ranked.gains().get(i), servingAbove(c, ranked.order().subList(0, i),
          pool, partials)));
    }
    Set<IndexCandidate> kept = new HashSet<>(ranked.order());
    State finalSet = new State(partials);
    ranked.order().forEach(c -> finalSet.add(c, pool.get(c)));

    long left = limit.total() - ranked.order().stream().mapToLong(costs::get).sum();
    for (IndexCandidate c : pool.keySet()) {
      if (kept.contains(c)) {
        continue;
      }
      rejections.add(new Recommender.Rejection(c, reason(c, own.get(c), pool.get(c), run, finalSet, costs, left,
          limit, writeCost, timed)));
    }
    return new Outcome(picks, rejections);
  }

  /** What a chosen index's reason says of the queries it is credited with in part (see {@link #withOrphans}). */
  static final String ORPHANS = "finds in part the rows of queries whose own index was left out";

  /**
   * The chosen indexes with their evidence, each credited as well with the queries no chosen index holds as its
   * own (their candidates were left out: an index that adds nothing beside a chosen one, since it serves their
   * queries as well) in the part it serves them ({@link PartialService}). Without it the index that does the work
   * of one left out is ranked and said to be worth only its own queries: on MariaDB with column statistics, {@code
   * (user_id, created_at)} finds a user's 7 notifications for the unread count too, which is why {@code (user_id,
   * read_at)} was left out, and was credited with none of the count's 76 s.
   */
  private static Map<IndexCandidate, Evidence> withOrphans(List<IndexCandidate> chosen,
      Map<IndexCandidate, Evidence> pool, PartialService partials) {
    Set<String> owned = new HashSet<>();
    chosen.forEach(c -> owned.addAll(pool.get(c).queries().keySet()));
    Map<IndexCandidate, Evidence> out = new LinkedHashMap<>();
    for (IndexCandidate c : chosen) {
      Evidence e = pool.get(c);
      for (Map.Entry<String, PartialService.Part> part : partials.of(c).entrySet()) {
        if (!owned.contains(part.getKey())) {
          e = e == pool.get(c) ? e.copy() : e;
          e.add(part.getValue().stats(), part.getValue().weight(), ORPHANS);
        }
      }
      out.put(c, e);
    }
    return out;
  }

  /**
   * The indexes ranked above {@code c} on its table that already serve some of its queries, in part or whole: why
   * its gain is less than its queries' time. In their rank order.
   */
  private static List<IndexCandidate> servingAbove(IndexCandidate c, List<IndexCandidate> above,
      Map<IndexCandidate, Evidence> pool, PartialService partials) {
    List<IndexCandidate> out = new ArrayList<>();
    Set<String> ids = pool.get(c).queries().keySet();
    for (IndexCandidate a : above) {
      if (!a.table().equals(c.table())) {
        continue;
      }
      Evidence e = pool.get(a);
      Map<String, PartialService.Part> parts = partials.of(a);
      for (String id : ids) {
        if (e.weight(id) > 0 || parts.containsKey(id)) {
          out.add(a);
          break;
        }
      }
    }
    return out;
  }

  /**
   * The chosen indexes with each OR's arms completed where that pays, else with the OR's query taken from the arms'
   * evidence: an index on one arm of an OR does not serve it, so the greedy's credit for a part of the arms (each
   * arm counts for its share) holds only when all are there.
   */
  private static List<IndexCandidate> completeOrs(List<OrBundle> ors, List<IndexCandidate> chosen,
      Map<IndexCandidate, Evidence> pool, Map<IndexCandidate, Long> costs, Limit limit,
      ToDoubleFunction<IndexCandidate> writeCost, boolean timed) {
    List<IndexCandidate> out = new ArrayList<>(chosen);
    long left = limit.total() - chosen.stream().mapToLong(costs::get).sum();
    for (OrBundle or : ors) {
      String id = or.query().fingerprint().id();
      List<IndexCandidate> missing = new ArrayList<>();
      List<IndexCandidate> present = new ArrayList<>();
      for (IndexCandidate arm : or.arms()) {
        if (!pool.containsKey(arm)) {
          continue; // an existing index serves it (under a budget: or it had no size, which its rejection says)
        }
        if (out.stream().anyMatch(x -> x.equals(arm) || x.table().equals(arm.table())
            && (x.where().isEmpty() || x.where().equals(arm.where()))
            && Coverage.covers(x, arm.withWhere(x.where())))) {
          present.add(arm);
        } else {
          missing.add(arm);
        }
      }
      if (missing.isEmpty() || present.isEmpty() && missing.size() == or.arms().size()) {
        continue; // served whole, or not at all and credited nothing
      }
      double worth = 0;
      for (IndexCandidate arm : or.arms()) {
        worth = Math.max(worth, pool.containsKey(arm) ? pool.get(arm).weight(id) * or.arms().size() : 0);
      }
      worth *= time(or.query(), timed);
      double cost = missing.stream().mapToDouble(writeCost).sum();
      long bytes = missing.stream().mapToLong(costs::get).sum();
      if (worth > cost && bytes <= left) {
        out.addAll(missing);
        left -= bytes;
      } else {
        for (IndexCandidate arm : or.arms()) {
          if (pool.containsKey(arm)) {
            pool.put(arm, pool.get(arm).without(id));
          }
        }
      }
    }
    return out;
  }

  /**
   * The chosen indexes less each that the others on its table serve as well: one at a time, the one whose loss costs
   * least, while that loss is no more than its write cost.
   */
  private static List<IndexCandidate> withoutRedundant(List<IndexCandidate> chosen, Map<IndexCandidate, Evidence> pool,
      ToDoubleFunction<IndexCandidate> writeCost, PartialService partials, boolean timed) {
    State state = new State(partials);
    chosen.forEach(c -> state.add(c, pool.get(c)));
    Set<String> tables = new java.util.LinkedHashSet<>();
    chosen.forEach(c -> tables.add(c.table()));
    Set<IndexCandidate> dropped = new HashSet<>();
    for (String table : tables) {
      while (state.onTable(table).size() > 1) {
        IndexCandidate least = null;
        double leastLoss = Double.MAX_VALUE;
        for (IndexCandidate c : state.onTable(table)) {
          double loss = state.loss(c, timed) - writeCost.applyAsDouble(c);
          if (loss < leastLoss || loss == leastLoss && STABLE.compare(c, least) < 0) {
            least = c;
            leastLoss = loss;
          }
        }
        if (leastLoss > 0) {
          break;
        }
        state.remove(least);
        dropped.add(least);
      }
    }
    return chosen.stream().filter(c -> !dropped.contains(c)).toList();
  }

  private static String reason(IndexCandidate c, double benefit, Evidence served, Run run, State finalSet,
      Map<IndexCandidate, Long> costs, long left, Limit limit, ToDoubleFunction<IndexCandidate> writeCost,
      boolean timed) {
    IndexCandidate into = run.widenedInto().get(c);
    while (into != null && run.widenedInto().containsKey(into)) {
      into = run.widenedInto().get(into);
    }
    if (into != null && finalSet.has(into)) {
      return "widened into " + describe(into) + ", which serves its queries too";
    }
    double writes = writeCost.applyAsDouble(c);
    if (benefit <= writes) {
      return "too little gain: it serves " + Numbers.oneDecimal(benefit) + " ms of queries, and would add "
          + Numbers.oneDecimal(writes) + " ms to the table's writes";
    }
    IndexCandidate by = finalSet.bestServing(c.table(), served);
    double adds = finalSet.gain(c, served, timed);
    if (by != null && adds <= writes) {
      return "adds nothing to " + describe(by) + ", which serves its queries as well"
          + (adds > 0 ? " but for " + Numbers.oneDecimal(adds) + " ms, less than the " + Numbers.oneDecimal(writes)
              + " ms it adds to the table's writes" : "");
    }
    if (limit.bytes() && costs.get(c) > left) {
      return "over budget: needs about " + Numbers.oneDecimal(costs.get(c) / 1048576.0) + " MB, "
          + Numbers.oneDecimal(left / 1048576.0) + " MB of the budget left";
    }
    return "too little gain within the limit: the chosen indexes already serve its queries, or its writes cost "
        + "more than it saves";
  }

  static String describe(IndexCandidate c) {
    return c.table() + " (" + String.join(", ", c.keys()) + ")" + (c.where().isEmpty() ? "" : " WHERE " + c.where());
  }

  /**
   * One greedy search's outcome.
   *
   * @param order the indexes in the order they were taken (widened ones replaced where they stood)
   * @param gains each one's gain when taken
   * @param value what the selection is worth, its write cost deducted
   */
  private record Run(List<IndexCandidate> order, List<Double> gains, Map<IndexCandidate, IndexCandidate> widenedInto,
      double value) {
    List<IndexCandidate> chosen() {
      return order;
    }
  }

  /** A step: add {@code add}, taking out {@code replaces} when it widens a chosen index. */
  private record Step(IndexCandidate add, IndexCandidate replaces, double gain, long cost) {
    double ratio() {
      return gain / Math.max(1, cost);
    }
  }

  private static final Comparator<IndexCandidate> STABLE = Comparator.comparing(IndexCandidate::table)
      .thenComparing(c -> String.join(",", c.keys())).thenComparing(IndexCandidate::where);

  /** The greedy search over one pool. */
  private static final class Search {
    private final Map<IndexCandidate, Evidence> pool;
    private final Map<IndexCandidate, Long> costs;
    private final ToDoubleFunction<IndexCandidate> writeCost;
    private final PartialService partials;
    private final boolean timed;

    Search(Map<IndexCandidate, Evidence> pool, Map<IndexCandidate, Long> costs,
        ToDoubleFunction<IndexCandidate> writeCost, PartialService partials, boolean timed) {
      this.pool = pool;
      this.costs = costs;
      this.writeCost = writeCost;
      this.partials = partials;
      this.timed = timed;
      for (IndexCandidate c : pool.keySet()) {
        byLead.computeIfAbsent(leadKey(c.table(), Coverage.lead(c.keys().get(0))), t -> new ArrayList<>()).add(c);
      }
    }

    /** The pool's candidates by table and first key: those that may widen a chosen index are among a few leads. */
    private final Map<String, List<IndexCandidate>> byLead = new HashMap<>();

    /** The pool's candidates that may widen {@code small}: they lead with one of its equality columns. */
    private List<IndexCandidate> mayWiden(IndexCandidate small) {
      List<IndexCandidate> out = new ArrayList<>();
      for (String lead : Coverage.leads(small)) {
        out.addAll(byLead.getOrDefault(leadKey(small.table(), lead), List.of()));
      }
      return out;
    }

    /** The candidate that alone gains the most and fits. */
    IndexCandidate bestSingle(long total) {
      IndexCandidate best = null;
      double bestGain = 0;
      for (Map.Entry<IndexCandidate, Evidence> e : pool.entrySet()) {
        double g = e.getValue().benefit(timed) - writeCost.applyAsDouble(e.getKey());
        if (costs.get(e.getKey()) <= total && g > bestGain) {
          best = e.getKey();
          bestGain = g;
        }
      }
      return best;
    }

    private record Queued(IndexCandidate c, double ratio) {}

    /** Where each chosen candidate stands in the order of the run under way (a widening takes its place). */
    private final Map<IndexCandidate, Integer> position = new HashMap<>();

    Run run(long total, IndexCandidate first, boolean widen) {
      position.clear();
      State state = new State(partials);
      List<IndexCandidate> order = new ArrayList<>();
      List<Double> gains = new ArrayList<>();
      Map<IndexCandidate, IndexCandidate> widenedInto = new HashMap<>();
      Set<IndexCandidate> queued = new HashSet<>();
      long[] left = {total};
      // On a tie the longer candidate first: it serves its queries at least as fully.
      PriorityQueue<Queued> queue = new PriorityQueue<>(Comparator.comparingDouble((Queued q) -> -q.ratio())
          .thenComparing(q -> -q.c().keys().size()).thenComparing(Queued::c, STABLE));
      if (first != null) {
        Step s = new Step(first, null, state.gain(first, pool.get(first), timed) - writeCost.applyAsDouble(first),
            costs.get(first));
        take(s, state, order, gains, widenedInto, left);
      }
      for (IndexCandidate c : pool.keySet()) {
        Step s = best(c, state, left[0], widen);
        if (s != null) {
          queue.add(new Queued(c, s.ratio()));
          queued.add(c);
        }
      }
      while (!queue.isEmpty()) {
        Queued top = queue.poll();
        queued.remove(top.c());
        if (state.has(top.c()) || widenedInto.containsKey(top.c())) {
          continue;
        }
        Step s = best(top.c(), state, left[0], widen);
        if (s == null) {
          continue;
        }
        if (!queue.isEmpty() && s.ratio() < queue.peek().ratio()) {
          queue.add(new Queued(top.c(), s.ratio())); // no longer the best: back in line at its true worth
          queued.add(top.c());
          continue;
        }
        take(s, state, order, gains, widenedInto, left);
        if (widen) {
          // A candidate that did not fit or gained nothing may now widen the index just taken.
          for (IndexCandidate c : mayWiden(s.add())) {
            if (!queued.contains(c) && !state.has(c) && !widenedInto.containsKey(c) && widens(c, s.add())) {
              Step again = best(c, state, left[0], true);
              if (again != null) {
                queue.add(new Queued(c, again.ratio()));
                queued.add(c);
              }
            }
          }
        }
      }
      double value = state.value(timed) - order.stream().mapToDouble(writeCost).sum();
      return new Run(order, gains, widenedInto, value);
    }

    private void take(Step s, State state, List<IndexCandidate> order, List<Double> gains,
        Map<IndexCandidate, IndexCandidate> widenedInto, long[] left) {
      if (s.replaces() != null) {
        int at = position.get(s.replaces());
        position.remove(s.replaces());
        position.put(s.add(), at);
        state.remove(s.replaces());
        widenedInto.put(s.replaces(), s.add());
        left[0] += costs.get(s.replaces());
        order.set(at, s.add());
        gains.set(at, gains.get(at) + s.gain());
      } else {
        position.put(s.add(), order.size());
        order.add(s.add());
        gains.add(s.gain());
      }
      state.add(s.add(), pool.get(s.add()));
      left[0] -= costs.get(s.add());
    }

    /** The best step that {@code c} can make now, or null when none fits and gains. */
    private Step best(IndexCandidate c, State state, long left, boolean widen) {
      Evidence e = pool.get(c);
      Step best = null;
      Step add = new Step(c, null, state.gain(c, e, timed) - writeCost.applyAsDouble(c), costs.get(c));
      if (add.gain() > 0 && add.cost() <= left) {
        best = add;
      }
      if (widen) {
        for (IndexCandidate a : state.widenable(c)) {
          if (widens(c, a)) {
            Step w = new Step(c, a, state.gainReplacing(a, c, e, timed) - writeCost.applyAsDouble(c)
                + writeCost.applyAsDouble(a), costs.get(c) - costs.get(a));
            if (w.gain() > 0 && w.cost() <= left && (best == null || w.ratio() > best.ratio())) {
              best = w;
            }
          }
        }
      }
      return best;
    }

    /** Whether {@code big} can stand in for the chosen {@code small}: it serves all of small's queries as well. */
    private boolean widens(IndexCandidate big, IndexCandidate small) {
      if (big.equals(small) || !Coverage.covers(big, small.withWhere(big.where()))) {
        return false;
      }
      if (big.where().equals(small.where()) || big.where().isEmpty()) {
        return true;
      }
      Evidence b = pool.get(big);
      return pool.get(small).queries().keySet().stream().allMatch(id -> b.weight(id) > 0);
    }
  }

  /** A table and a lead column as one map key. */
  static String leadKey(String table, String lead) {
    return table + '\u0000' + lead;
  }

  /**
   * The indexes chosen so far, with how well they serve each query on each table, kept up to date, so that a step's
   * gain costs a lookup per query instead of a pass over everything chosen. A query is served as well as the best
   * chosen index serves it, or, for an OR, as the chosen indexes on its arms serve it together (each arm counted
   * once, by its best index).
   */
  private static final class State {
    /** What a chosen index serves in part beyond its evidence. */
    private final PartialService partials;
    /** The queries each chosen index serves in part, by id, with their table's slots holding the share. */
    private final Map<IndexCandidate, Set<String>> partOf = new HashMap<>();

    State(PartialService partials) {
      this.partials = partials;
    }

    private final Map<IndexCandidate, Evidence> indexes = new LinkedHashMap<>();
    private final Map<String, List<IndexCandidate>> byTable = new HashMap<>();
    /**
     * Each query on each table in the evidence of a chosen index: by table, then by fingerprint id. Two lookups by
     * names whose hashes are already computed, where one key made of both would be a new string, hashed anew, at
     * every step of the search.
     */
    private final Map<String, Map<String, Slot>> slots = new HashMap<>();

    /** One query on one table. */
    private static final class Slot {
      final QueryStats stats;
      /** How well the chosen indexes serve it. */
      double best;
      /** The chosen indexes that serve it: what {@link #served} looks at, not every index on the table. */
      final List<IndexCandidate> servers = new ArrayList<>(2);
      /**
       * How well the chosen indexes serve it in part, beyond their evidence ({@link PartialService}): the best, the
       * index that gives it, and the second best (what is left without that index).
       */
      double part;
      IndexCandidate partBy;
      double partSecond;

      /** Counts {@code w}, the part chosen index {@code by} serves, among the best two. */
      void offer(IndexCandidate by, double w) {
        if (w > part) {
          partSecond = part;
          part = w;
          partBy = by;
        } else if (w > partSecond) {
          partSecond = w;
        }
      }

      Slot(QueryStats stats) {
        this.stats = stats;
      }
    }

    boolean has(IndexCandidate c) {
      return indexes.containsKey(c);
    }

    List<IndexCandidate> onTable(String table) {
      return byTable.getOrDefault(table, List.of());
    }

    /** The chosen indexes on {@code big}'s table that {@code big} may cover: one of their leads is its first key. */
    List<IndexCandidate> widenable(IndexCandidate big) {
      return byLead.getOrDefault(leadKey(big.table(), Coverage.lead(big.keys().get(0))), List.of());
    }

    /** The chosen indexes by table and each of their {@link Coverage#leads}. */
    private final Map<String, List<IndexCandidate>> byLead = new HashMap<>();

    private Slot slot(String id, String table) {
      Map<String, Slot> onTable = slots.get(table);
      return onTable == null ? null : onTable.get(id);
    }

    double best(String id, String table) {
      Slot slot = slot(id, table);
      return slot == null ? 0.0 : slot.best;
    }

    /**
     * How well the chosen indexes on {@code table}, less {@code without} and plus {@code with} (each may be null),
     * serve query {@code id}.
     */
    double served(String id, String table, IndexCandidate without, Evidence with) {
      Slot slot = slot(id, table);
      double direct = 0;
      Map<String, Double> arms = null;
      List<Evidence> all = new ArrayList<>();
      if (slot != null) {
        for (IndexCandidate c : slot.servers) {
          if (!c.equals(without)) {
            all.add(indexes.get(c));
          }
        }
      }
      if (with != null) {
        all.add(with);
      }
      if (slot != null && slot.partBy != null) {
        direct = slot.partBy == without ? slot.partSecond : slot.part;
      }
      for (Evidence e : all) {
        double w = e.weight(id);
        String arm = e.or(id);
        if (w <= 0) {
          continue;
        }
        if (arm.isEmpty()) {
          direct = Math.max(direct, w);
        } else {
          arms = arms == null ? new HashMap<>() : arms;
          arms.merge(arm, w, Math::max);
        }
      }
      if (arms == null) {
        return direct;
      }
      Map<String, Double> ors = new HashMap<>();
      arms.forEach((arm, w) -> ors.merge(arm.substring(0, arm.indexOf('/')), w, Double::sum));
      for (double v : ors.values()) {
        direct = Math.max(direct, v);
      }
      return direct;
    }

    void add(IndexCandidate c, Evidence e) {
      indexes.put(c, e);
      byTable.computeIfAbsent(c.table(), t -> new ArrayList<>()).add(c);
      for (String lead : Coverage.leads(c)) {
        byLead.computeIfAbsent(leadKey(c.table(), lead), t -> new ArrayList<>()).add(c);
      }
      Map<String, Slot> onTable = slots.computeIfAbsent(c.table(), t -> new HashMap<>());
      for (Map.Entry<String, QueryStats> q : e.queries().entrySet()) {
        String id = q.getKey();
        Slot slot = onTable.get(id);
        if (slot == null) {
          slot = new Slot(q.getValue());
          onTable.put(id, slot);
        }
        double weight = e.weight(id);
        if (weight > 0) {
          slot.servers.add(c);
        }
        slot.best = e.or(id).isEmpty() ? Math.max(slot.best, weight) : served(id, c.table(), null, null);
      }
      Map<String, PartialService.Part> parts = partials.of(c);
      if (!parts.isEmpty()) {
        partOf.put(c, parts.keySet());
      }
      for (Map.Entry<String, PartialService.Part> p : parts.entrySet()) {
        Slot slot = onTable.get(p.getKey());
        if (slot == null) { // no capturing lambda: this runs for every query a chosen index serves in part
          slot = new Slot(p.getValue().stats());
          onTable.put(p.getKey(), slot);
        }
        slot.offer(c, p.getValue().weight());
        slot.best = Math.max(slot.best, p.getValue().weight());
      }
    }

    /** The best and second best part the chosen indexes on {@code table} serve of query {@code id}, anew. */
    private void repart(Slot slot, String id, String table) {
      slot.part = 0;
      slot.partBy = null;
      slot.partSecond = 0;
      for (IndexCandidate c : onTable(table)) {
        PartialService.Part p = partials.of(c).get(id);
        if (p != null) {
          slot.offer(c, p.weight());
        }
      }
    }

    void remove(IndexCandidate c) {
      Evidence e = indexes.remove(c);
      byTable.get(c.table()).remove(c);
      for (String lead : Coverage.leads(c)) {
        byLead.get(leadKey(c.table(), lead)).remove(c);
      }
      Map<String, Slot> onTable = slots.get(c.table());
      for (String id : e.queries().keySet()) {
        onTable.get(id).servers.remove(c);
      }
      Set<String> parts = partOf.remove(c);
      if (parts != null) {
        Map<String, PartialService.Part> mine = partials.of(c);
        for (String id : parts) {
          Slot slot = onTable.get(id);
          // Only where it gave the best or the second best part is there anything to find anew.
          if (c == slot.partBy || mine.get(id).weight() >= slot.partSecond) {
            repart(slot, id, c.table());
            slot.best = served(id, c.table(), null, null);
          }
        }
      }
      for (String id : e.queries().keySet()) {
        onTable.get(id).best = served(id, c.table(), null, null);
      }
    }

    /** What the chosen set loses without the chosen {@code c}. */
    double loss(IndexCandidate c, boolean timed) {
      double loss = 0;
      Map<String, QueryStats> own = indexes.get(c).queries();
      for (Map.Entry<String, QueryStats> q : own.entrySet()) {
        loss += (best(q.getKey(), c.table()) - served(q.getKey(), c.table(), c, null)) * time(q.getValue(), timed);
      }
      for (String id : partOf.getOrDefault(c, Set.of())) {
        Slot slot = slot(id, c.table());
        if (c == slot.partBy && !own.containsKey(id)) { // else the part it serves, another serves as well
          loss += (slot.best - served(id, c.table(), c, null)) * time(slot.stats, timed);
        }
      }
      return loss;
    }

    /** What {@code c} adds to the chosen indexes on its table. */
    double gain(IndexCandidate c, Evidence e, boolean timed) {
      double gain = 0;
      for (Map.Entry<String, QueryStats> q : e.queries().entrySet()) {
        double before = best(q.getKey(), c.table());
        // Served directly, it adds what it serves beyond the best so far; as an arm, with the other arms.
        double after = e.or(q.getKey()).isEmpty() ? Math.max(before, e.weight(q.getKey()))
            : served(q.getKey(), c.table(), null, e);
        gain += Math.max(0, after - before) * time(q.getValue(), timed);
      }
      return gain;
    }

    /** What the set gains when {@code c} takes the place of the chosen {@code a}. */
    double gainReplacing(IndexCandidate a, IndexCandidate c, Evidence e, boolean timed) {
      String table = c.table();
      double gain = 0;
      for (Map.Entry<String, QueryStats> q : e.queries().entrySet()) {
        gain += (served(q.getKey(), table, a, e) - best(q.getKey(), table)) * time(q.getValue(), timed);
      }
      for (Map.Entry<String, QueryStats> q : indexes.get(a).queries().entrySet()) {
        if (!e.queries().containsKey(q.getKey())) { // queries only the replaced index served lose it
          gain += (served(q.getKey(), table, a, null) - best(q.getKey(), table)) * time(q.getValue(), timed);
        }
      }
      return gain;
    }

    /**
     * The chosen index on {@code table} that serves most of {@code e}'s queries' time, by its evidence or in part by
     * its leading keys ({@link PartialService}), or null.
     */
    IndexCandidate bestServing(String table, Evidence e) {
      IndexCandidate by = null;
      double most = 0;
      for (IndexCandidate c : onTable(table)) {
        double served = 0;
        for (Map.Entry<String, QueryStats> q : e.queries().entrySet()) {
          Slot slot = slot(q.getKey(), table);
          double w = Math.max(indexes.get(c).weight(q.getKey()), slot != null && slot.partBy == c ? slot.part : 0);
          served += Math.min(w, e.weight(q.getKey())) * (1 + q.getValue().calls());
        }
        if (served > most) {
          most = served;
          by = c;
        }
      }
      return by;
    }

    /** What the chosen indexes are worth together. */
    double value(boolean timed) {
      double v = 0;
      for (Map<String, Slot> onTable : slots.values()) {
        for (Slot slot : onTable.values()) {
          v += slot.best * time(slot.stats, timed);
        }
      }
      return v;
    }
  }

  private static double time(QueryStats q, boolean timed) {
    return timed ? q.totalMillis() : q.calls();
  }

  /**
   * What a chosen index serves in part beyond the evidence each candidate carries: the queries of every candidate
   * on its table whose equality columns it leads with, in any order, then its other keys ({@link
   * Coverage#servedKeys}), in the share {@link PartialShare} gives. The UPDATE's own {@code (member_id, book_id,
   * returned_at)} adds little to {@code (member_id, returned_at, due_at)}, which finds its rows by two of its
   * three keys.
   *
   * <p>It counts in the selection's {@link State}, for chosen indexes only, not in the evidence of every candidate:
   * on a table where every query filters on one column ({@code tenant_id}), every candidate would serve every
   * other's queries, and the search would grow with the square of the candidates. So a candidate's gain is not
   * credited with what it would serve of others in part; what it adds once chosen is.
   */
  static final class PartialService {
    /** A query a chosen index serves in part, and how well. */
    record Part(QueryStats stats, double weight) {}

    /**
     * The candidates by table and each of their {@link Coverage#leads}: an index serves a candidate's queries only
     * when its first key is one of them.
     */
    private final Map<String, List<Candidate>> byLead = new HashMap<>();

    /** A candidate with what partial service reads of it, found by its lead without hashing the candidate. */
    private record Candidate(IndexCandidate c, Coverage.Keys keys, Own own) {}
    /**
     * Each candidate's own queries that it serves directly (not as an OR's arm), before other candidates' are added
     * to its evidence: their ids, statistics and weights.
     */
    private record Own(String[] ids, QueryStats[] stats, double[] weights) {}

    private final PartialShare share;
    private final Map<IndexCandidate, Map<String, Part>> cache = new HashMap<>();

    PartialService(Map<IndexCandidate, Evidence> pool, PartialShare share) {
      this.share = share;
      pool.forEach((c, e) -> {
        List<String> ids = new ArrayList<>();
        for (String id : e.queries().keySet()) {
          if (e.or(id).isEmpty() && e.weight(id) > 0) { // an OR's arm is served only with the other arms
            ids.add(id);
          }
        }
        QueryStats[] stats = new QueryStats[ids.size()];
        double[] weights = new double[ids.size()];
        for (int i = 0; i < stats.length; i++) {
          stats[i] = e.queries().get(ids.get(i));
          weights[i] = e.weight(ids.get(i));
        }
        Candidate entry = new Candidate(c, Coverage.Keys.of(c.keys(), c.equalityPrefix()),
            new Own(ids.toArray(new String[0]), stats, weights));
        for (String lead : Coverage.leads(c)) {
          byLead.computeIfAbsent(leadKey(c.table(), lead), t -> new ArrayList<>()).add(entry);
        }
      });
    }

    /** The queries an index on {@code c} serves in part beyond its own evidence, by id; computed once. */
    Map<String, Part> of(IndexCandidate c) {
      Map<String, Part> parts = cache.get(c);
      if (parts != null) {
        return parts;
      }
      List<Candidate> served = byLead.getOrDefault(leadKey(c.table(), Coverage.lead(c.keys().get(0))), List.of());
      parts = new LinkedHashMap<>(Math.max(16, served.size() * 2));
      Coverage.Keys mine = Coverage.Keys.of(c.keys(), c.equalityPrefix());
      for (Candidate entry : served) {
        IndexCandidate d = entry.c();
        if (d == c || !c.where().isEmpty() && !c.where().equals(d.where())) { // the pool's own instances
          continue; // a partial index serves only queries that carry its predicate
        }
        int k = Coverage.servedKeys(mine, entry.keys());
        if (k == 0) {
          continue;
        }
        double part = k >= d.keys().size() ? 1 : share.of(c, d, k);
        if (part <= 0) {
          continue;
        }
        Own o = entry.own();
        for (int i = 0; i < o.ids().length; i++) {
          double w = o.weights()[i] * part;
          Part before = parts.get(o.ids()[i]);
          if (before == null || w > before.weight()) {
            parts.put(o.ids()[i], new Part(o.stats()[i], w));
          }
        }
      }
      cache.put(c, parts);
      return parts;
    }
  }

  /** Which candidates serve which others' queries, within a table. */
  private static final class Service {
    private Service() {}

    /**
     * A longer candidate serves every query of a shorter one it starts with (and a full index the queries of its
     * partial twin); the shorter one, its leading part, serves the longer one's queries in part, in proportion to its
     * share of the columns. A partial candidate serves another's queries only where they carry its predicate, which
     * a query does when it has a candidate with that predicate on the table.
     */
    static void addCrossService(Map<IndexCandidate, Evidence> pool) {
      Map<String, List<IndexCandidate>> byTable = new LinkedHashMap<>();
      for (IndexCandidate c : pool.keySet()) {
        byTable.computeIfAbsent(c.table(), t -> new ArrayList<>()).add(c);
      }
      for (List<IndexCandidate> all : byTable.values()) {
        if (all.size() < 2) {
          continue;
        }
        all.sort(STABLE);
        Map<IndexCandidate, Evidence> original = new HashMap<>();
        Map<String, Set<String>> carriers = new HashMap<>();
        for (IndexCandidate c : all) {
          original.put(c, pool.get(c).copy());
          if (!c.where().isEmpty()) {
            carriers.computeIfAbsent(c.where(), w -> new HashSet<>()).addAll(pool.get(c).queries().keySet());
          }
        }
        for (IndexCandidate small : all) {
          for (IndexCandidate big : all) {
            if (small.equals(big) || !Coverage.covers(big, small.withWhere(big.where()))) {
              continue;
            }
            Set<String> bigCarriers = big.where().isEmpty() ? null : carriers.get(big.where());
            Set<String> smallCarriers = small.where().isEmpty() ? null : carriers.get(small.where());
            Evidence fromSmall = original.get(small);
            for (QueryStats q : fromSmall.queries().values()) {
              if (bigCarriers == null || bigCarriers.contains(q.fingerprint().id())) {
                // Its reasons too: the foreign key an index also covers is worth saying.
                for (String why : fromSmall.whys()) {
                  pool.get(big).add(q, fromSmall.weight(q.fingerprint().id()), why,
                      fromSmall.or(q.fingerprint().id()));
                }
              }
            }
            if (small.keys().size() < big.keys().size()) {
              double share = (double) small.keys().size() / big.keys().size();
              Evidence fromBig = original.get(big);
              for (QueryStats q : fromBig.queries().values()) {
                if (smallCarriers == null || smallCarriers.contains(q.fingerprint().id())) {
                  // Its leading columns filter the query directly, an OR's arm or not.
                  pool.get(small).add(q, fromBig.weight(q.fingerprint().id()) * share, "leading columns of "
                      + describe(big) + " (serves its queries in part)");
                }
              }
            }
          }
        }
      }
    }
  }
}
