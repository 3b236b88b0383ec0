package dev.logdex.core.recommend;

import dev.logdex.core.workload.QueryStats;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The queries behind one candidate, with how fully it serves each. A workload can have a candidate per query, so
 * this keeps one small map: the query and its weight in one entry, the reasons in a short list.
 */
final class Evidence {
  /** A query served and how fully (the largest weight it was added with). */
  private static final class Served {
    final QueryStats query;
    double weight;
    /** The OR whose arm it serves ({@code "OR 1"}), or {@code ""}: arms of one OR add up, other service does not. */
    String or;

    Served(QueryStats query, double weight, String or) {
      this.query = query;
      this.weight = weight;
      this.or = or;
    }
  }

  private final Map<String, Served> served = new LinkedHashMap<>(4);
  private final List<String> whys = new ArrayList<>(2);
  private Map<String, QueryStats> queries; // a view of served, made when asked for

  void add(QueryStats q, double weight, String why) {
    add(q, weight, why, "");
  }

  /** Adds {@code q}, served as one arm of the OR named {@code or} (or {@code ""}: served directly). */
  void add(QueryStats q, double weight, String why, String or) {
    Served s = served.get(q.fingerprint().id());
    if (s == null) {
      served.put(q.fingerprint().id(), new Served(q, weight, or));
      queries = null;
    } else if (weight > s.weight) {
      s.weight = weight;
      s.or = or;
    }
    if (!whys.contains(why)) { // a candidate's reasons are few: its table's column-use patterns
      whys.add(why);
    }
  }

  /** Why the candidate was made, in the order the reasons came. */
  List<String> whys() {
    return java.util.Collections.unmodifiableList(whys);
  }

  /** A copy without query {@code id}. */
  Evidence without(String id) {
    Evidence e = copy();
    e.served.remove(id);
    return e;
  }

  /** A copy, to add to without changing this one. */
  Evidence copy() {
    Evidence e = new Evidence();
    e.absorb(this);
    return e;
  }

  /** A copy whose weight for each query is multiplied by {@code factor} of it. */
  Evidence scaled(java.util.function.ToDoubleFunction<QueryStats> factor) {
    Evidence e = copy();
    e.served.values().forEach(s -> s.weight *= factor.applyAsDouble(s.query));
    return e;
  }

  /**
   * A copy whose weight for every query is multiplied by {@code factor}, with {@code why} said right after the
   * first reason (the reason's head shows two).
   */
  Evidence discounted(double factor, String why) {
    Evidence e = scaled(q -> factor);
    e.whys.remove(why);
    e.whys.add(Math.min(1, e.whys.size()), why);
    return e;
  }

  /** The queries, by fingerprint id. */
  Map<String, QueryStats> queries() {
    if (queries == null) {
      Map<String, QueryStats> m = new LinkedHashMap<>();
      served.forEach((id, s) -> m.put(id, s.query));
      queries = java.util.Collections.unmodifiableMap(m);
    }
    return queries;
  }

  /** The OR whose arm it serves in query {@code id}, or {@code ""}. */
  String or(String id) {
    Served s = served.get(id);
    return s == null ? "" : s.or;
  }

  /** How fully it serves query {@code id} (0 when not at all). */
  double weight(String id) {
    Served s = served.get(id);
    return s == null ? 0.0 : s.weight;
  }

  boolean servesAllOf(Evidence other) {
    return served.keySet().containsAll(other.served.keySet());
  }

  void absorb(Evidence other) {
    other.served.forEach((id, s) -> {
      Served mine = served.get(id);
      if (mine == null) {
        served.put(id, new Served(s.query, s.weight, s.or));
      } else if (s.weight > mine.weight) {
        mine.weight = s.weight;
        mine.or = s.or;
      }
    });
    queries = null;
    for (String why : other.whys) {
      if (!whys.contains(why)) {
        whys.add(why);
      }
    }
  }

  /** Milliseconds of the queries served, weighted; an untimed workload counts each call as 1 ms. */
  double benefit(boolean timed) {
    double b = 0;
    for (Served s : served.values()) {
      b += s.weight * (timed ? s.query.totalMillis() : s.query.calls());
    }
    return b;
  }

  String reason(boolean timed) {
    long calls = served.values().stream().mapToLong(s -> s.query.calls()).sum();
    double ms = served.values().stream().mapToDouble(s -> s.query.totalMillis()).sum();
    String evidence = served.size() + (served.size() == 1 ? " query" : " queries") + ", "
        + Numbers.grouped(calls) + (calls == 1 ? " call" : " calls")
        + (timed ? ", " + Numbers.oneDecimal(ms) + " ms total" : ", untimed");
    List<String> parts = new ArrayList<>(whys);
    String head = parts.size() <= 2 ? String.join(" | ", parts)
        : parts.get(0) + " | " + parts.get(1) + " | +" + (parts.size() - 2) + " more";
    return head + " (" + evidence + ")";
  }

  List<ServedQuery> served() {
    return served.values().stream().map(s -> s.query)
        .sorted(Comparator.comparingDouble(QueryStats::totalMillis).reversed()
            .thenComparing(q -> q.fingerprint().id()))
        .map(q -> new ServedQuery(q.fingerprint().id(), q.sample(), q.calls(), q.totalMillis()))
        .toList();
  }
}
