package dev.logdex.core.recommend;

import dev.logdex.core.workload.QueryStats;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The queries behind one candidate, with how fully it serves each. */
final class Evidence {
  private final Map<String, QueryStats> queries = new LinkedHashMap<>();
  private final Map<String, Double> weights = new LinkedHashMap<>();
  private final Set<String> whys = new LinkedHashSet<>();

  void add(QueryStats q, double weight, String why) {
    queries.putIfAbsent(q.fingerprint().id(), q);
    weights.merge(q.fingerprint().id(), weight, Math::max);
    whys.add(why);
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
    e.weights.replaceAll((id, w) -> w * factor.applyAsDouble(queries.get(id)));
    return e;
  }

  /** The queries, by fingerprint id. */
  Map<String, QueryStats> queries() {
    return queries;
  }

  /** How fully it serves query {@code id} (0 when not at all). */
  double weight(String id) {
    return weights.getOrDefault(id, 0.0);
  }

  boolean servesAllOf(Evidence other) {
    return queries.keySet().containsAll(other.queries.keySet());
  }

  void absorb(Evidence other) {
    other.queries.forEach(queries::putIfAbsent);
    other.weights.forEach((k, v) -> weights.merge(k, v, Math::max));
    whys.addAll(other.whys);
  }

  /** Milliseconds of the queries served, weighted; an untimed workload counts each call as 1 ms. */
  double benefit(boolean timed) {
    double b = 0;
    for (Map.Entry<String, QueryStats> e : queries.entrySet()) {
      QueryStats q = e.getValue();
      b += weights.get(e.getKey()) * (timed ? q.totalMillis() : q.calls());
    }
    return b;
  }

  String reason(boolean timed) {
    long calls = queries.values().stream().mapToLong(QueryStats::calls).sum();
    double ms = queries.values().stream().mapToDouble(QueryStats::totalMillis).sum();
    String evidence = queries.size() + (queries.size() == 1 ? " query" : " queries") + ", "
        + String.format(Locale.ROOT, "%,d", calls) + (calls == 1 ? " call" : " calls")
        + (timed ? String.format(Locale.ROOT, ", %,.1f ms total", ms) : ", untimed");
    List<String> parts = new ArrayList<>(whys);
    String head = parts.size() <= 2 ? String.join(" | ", parts)
        : parts.get(0) + " | " + parts.get(1) + " | +" + (parts.size() - 2) + " more";
    return head + " (" + evidence + ")";
  }

  List<ServedQuery> served() {
    return queries.values().stream()
        .sorted(Comparator.comparingDouble(QueryStats::totalMillis).reversed()
            .thenComparing(q -> q.fingerprint().id()))
        .map(q -> new ServedQuery(q.fingerprint().id(), q.sample(), q.calls(), q.totalMillis()))
        .toList();
  }
}
