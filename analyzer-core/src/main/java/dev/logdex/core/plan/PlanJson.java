package dev.logdex.core.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/** Reads the planners' JSON plans (PostgreSQL's EXPLAIN (FORMAT JSON), MySQL's EXPLAIN FORMAT=JSON) into a plan. */
final class PlanJson {
  private PlanJson() {}

  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** A PostgreSQL plan: its total cost, its first scan, and the indexes it uses. */
  static Verifier.Plan postgres(String json) throws JsonProcessingException {
    JsonNode plan = MAPPER.readTree(json).get(0).get("Plan");
    List<String> indexes = new ArrayList<>();
    indexNames(plan, indexes);
    return new Verifier.Plan(cost(plan), scan(plan), indexes);
  }

  /** A MySQL or MariaDB plan, with the cost the optimizer reported for it ({@code Last_query_cost}). */
  static Verifier.Plan mysql(String json, double cost) throws JsonProcessingException {
    List<String> keys = new ArrayList<>();
    List<String> accesses = new ArrayList<>();
    walk(MAPPER.readTree(json), keys, accesses);
    return new Verifier.Plan(cost, accesses.isEmpty() ? "" : accesses.get(0), keys);
  }

  private static double cost(JsonNode plan) {
    return plan.path("Total Cost").asDouble();
  }

  private static void indexNames(JsonNode plan, List<String> out) {
    if (plan.has("Index Name")) {
      out.add(plan.get("Index Name").asText());
    }
    for (JsonNode child : plan.path("Plans")) {
      indexNames(child, out);
    }
  }

  /** The first scan node of the plan, as "Seq Scan on t" or "Index Scan using i on t". */
  private static String scan(JsonNode plan) {
    String type = plan.path("Node Type").asText();
    if (type.contains("Scan")) {
      return type + (plan.has("Index Name") ? " using " + plan.get("Index Name").asText() : "")
          + (plan.has("Relation Name") ? " on " + plan.get("Relation Name").asText() : "");
    }
    for (JsonNode child : plan.path("Plans")) {
      String s = scan(child);
      if (!s.isEmpty()) {
        return s;
      }
    }
    return "";
  }

  /** Collects the keys every table access uses, and describes each access, depth first. */
  private static void walk(JsonNode n, List<String> keys, List<String> accesses) {
    if (n.isObject()) {
      if (n.has("table_name") && n.has("access_type")) {
        String key = n.path("key").asText("");
        if (!key.isEmpty()) {
          keys.add(key);
        }
        accesses.add(n.get("access_type").asText() + (key.isEmpty() ? "" : " using " + key) + " on "
            + n.get("table_name").asText());
      }
      n.fields().forEachRemaining(e -> walk(e.getValue(), keys, accesses));
    } else if (n.isArray()) {
      n.forEach(x -> walk(x, keys, accesses));
    }
  }
}
