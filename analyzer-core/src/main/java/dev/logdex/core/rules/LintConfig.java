package dev.logdex.core.rules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Project settings for the rules, as written in {@code .logdex.yml}:
 *
 * <pre>
 * migration-tool: flyway          # the tool whose baseline no-migration-history proposes
 * rules:
 *   god-table: {min-columns: 25, min-group: 3}
 *   missing-primary-key: {severity: error}
 * suppress:
 *   - {rule: missing-primary-key, table: audit_log}
 *   - {rule: god-table}           # every table
 * </pre>
 *
 * @param settings per rule id, its settings (numbers and strings as written)
 * @param suppressions findings not to report
 * @param migrationTool the migration tool the project uses, or {@code ""}
 */
public record LintConfig(Map<String, Map<String, String>> settings, List<Suppression> suppressions,
    String migrationTool) {

  /** A finding not to report: a rule id, and a table or {@code ""} for every table. */
  public record Suppression(String rule, String table) {
    boolean matches(Finding f) {
      return rule.equals(f.rule()) && (table.isEmpty() || table.equalsIgnoreCase(f.table()));
    }
  }

  public LintConfig {
    settings = Map.copyOf(settings);
    suppressions = List.copyOf(suppressions);
  }

  /** No settings: every rule with its defaults. */
  public static LintConfig defaults() {
    return new LintConfig(Map.of(), List.of(), "");
  }

  /**
   * Parses the YAML of a {@code .logdex.yml}.
   *
   * @throws IllegalArgumentException with a message naming what is wrong
   */
  public static LintConfig parse(String yaml) {
    JsonNode root;
    try {
      root = new ObjectMapper(new YAMLFactory()).readTree(yaml);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not valid YAML: " + e.getOriginalMessage());
    }
    if (root == null || root.isMissingNode() || root.isNull()) {
      return defaults();
    }
    if (!root.isObject()) {
      throw new IllegalArgumentException("expected a mapping with rules, suppress and migration-tool");
    }
    Map<String, Map<String, String>> settings = new TreeMap<>();
    JsonNode rules = root.path("rules");
    for (Iterator<Map.Entry<String, JsonNode>> it = rules.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      Map<String, String> values = new TreeMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> f = e.getValue().fields(); f.hasNext(); ) {
        Map.Entry<String, JsonNode> v = f.next();
        values.put(v.getKey(), v.getValue().asText());
      }
      settings.put(e.getKey(), values);
    }
    List<Suppression> suppressions = new ArrayList<>();
    for (JsonNode s : root.path("suppress")) {
      String rule = s.path("rule").asText("");
      if (rule.isEmpty()) {
        throw new IllegalArgumentException("a suppress entry needs a rule: " + s);
      }
      suppressions.add(new Suppression(rule, s.path("table").asText("")));
    }
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!key.equals("rules") && !key.equals("suppress") && !key.equals("migration-tool")) {
        throw new IllegalArgumentException("unknown key '" + key + "' (known: rules, suppress, migration-tool)");
      }
    }
    return new LintConfig(settings, suppressions, root.path("migration-tool").asText("").toLowerCase(Locale.ROOT));
  }

  /** A rule's whole-number setting, or {@code fallback}. */
  public int number(String rule, String key, int fallback) {
    String v = settings.getOrDefault(rule, Map.of()).get(key);
    if (v == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("rules." + rule + "." + key + " must be a whole number, was '" + v + "'");
    }
  }

  /** The severity a rule is configured to report at, if overridden. */
  public Optional<Severity> severity(String rule) {
    String v = settings.getOrDefault(rule, Map.of()).get("severity");
    if (v == null) {
      return Optional.empty();
    }
    return Optional.of(Severity.parse(v).orElseThrow(() -> new IllegalArgumentException(
        "rules." + rule + ".severity must be info, warning or error, was '" + v + "'")));
  }

  boolean suppressed(Finding f) {
    return suppressions.stream().anyMatch(s -> s.matches(f));
  }
}
