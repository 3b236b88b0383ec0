package dev.logdex.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.logdex.core.report.FindingsReport;
import dev.logdex.core.rules.Rules;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LintCommandTest {
  private static final String SCHEMA = "../sample-logs/shop/schema.sql";
  private static final String LOG = "../sample-logs/shop/pg_stat_statements.csv";

  private final CliRun cli = new CliRun();
  private final java.io.StringWriter out = cli.out;
  private final java.io.StringWriter err = cli.err;

  private int run(String... args) {
    return cli.run(args);
  }

  @Test
  void theSampleShopShowsEveryRuleThatNeedsNoLiveDatabase() throws Exception {
    assertThat(run("lint", "--schema", SCHEMA, "--format", "json", LOG)).isZero();
    JsonNode findings = new ObjectMapper().readTree(out.toString()).get("findings");
    Set<String> rules = new HashSet<>();
    findings.forEach(f -> rules.add(f.get("rule").asText()));
    // unused-index and low-selectivity-index need a live database's statistics (LintLiveIT), unindexable-filter a
    // statement the sample's app does not send (UnindexableFilterRuleTest, unindexableFilterNeedsNoSchema below);
    // every other rule shows in the sample.
    assertThat(rules).containsExactlyInAnyOrderElementsOf(
        Rules.builtIn().stream().map(r -> r.id()).filter(id -> !id.equals("unused-index")
            && !id.equals("low-selectivity-index") && !id.equals("unindexable-filter")).toList());
  }

  @Test
  void unindexableFilterNeedsNoSchema(@TempDir Path dir) throws Exception {
    // The sample's first line (its header) and a product search by ILIKE, in the sample's own export format.
    String header = Files.readAllLines(Path.of(LOG)).get(0);
    Path log = Files.writeString(dir.resolve("pgss.csv"), header + "\n"
        + "10,16799,t,1,\"SELECT id, slug FROM categories WHERE name ILIKE $1 ORDER BY name LIMIT $2\","
        + "0,0,0,0,0,0,412,1236.8,1.0,9.8,3.0,1.1,2060" + ",0".repeat(25) + "\n"
        + "10,16799,t,2,\"SELECT id FROM categories WHERE id = $1\",0,0,0,0,0,0,900,90.0,0.1,0.2,0.1,0.01,900"
        + ",0".repeat(25) + "\n");
    assertThat(run("lint", "--format", "json", "--schema", SCHEMA, log.toString())).as(err.toString()).isZero();
    JsonNode findings = new ObjectMapper().readTree(out.toString()).get("findings");
    assertThat(findings).anySatisfy(f -> {
      assertThat(f.get("rule").asText()).isEqualTo("unindexable-filter");
      assertThat(f.get("table").asText()).isEqualTo("categories");
      assertThat(f.get("message").asText()).contains("filters categories only by name ILIKE")
          .contains("93% of the logged time");
    });
  }

  @Test
  void failOnExitsThreeWhenAFindingReachesTheLevel() {
    assertThat(run("lint", "--schema", SCHEMA, "--fail-on", "warning", LOG)).isEqualTo(3);
    assertThat(run("lint", "--schema", SCHEMA, "--fail-on", "error", LOG)).isZero();
  }

  @Test
  void severityFiltersTheReport() {
    assertThat(run("lint", "--schema", SCHEMA, "--severity", "warning", LOG)).isZero();
    assertThat(out.toString()).doesNotContain("info ").contains("warning duplicate-index");
  }

  @Test
  void aProjectFileUpTheTreeSuppressesAndReRanks(@TempDir Path dir) throws Exception {
    Path sub = Files.createDirectories(dir.resolve("a/b"));
    Files.writeString(dir.resolve(".logdex.yml"), """
        rules:
          duplicate-index: {severity: error}
        suppress:
          - {rule: missing-primary-key, table: product_views}
        """);
    Path schema = Path.of(SCHEMA).toAbsolutePath();
    String previous = System.getProperty("user.dir");
    // The working directory is where the project file is looked for, upward from it.
    System.setProperty("user.dir", sub.toString());
    try {
      assertThat(run("lint", "--schema", schema.toString(), "--fail-on", "error")).isEqualTo(3);
    } finally {
      System.setProperty("user.dir", previous);
    }
    assertThat(out.toString()).contains("error   duplicate-index").doesNotContain("missing-primary-key");
  }

  @Test
  void aBrokenProjectFileIsAUsageErrorNamingIt(@TempDir Path dir) throws Exception {
    Path config = dir.resolve("bad.yml");
    Files.writeString(config, "rules:\n  no-such-rule: {severity: error}\n");
    assertThat(run("lint", "--schema", SCHEMA, "--config", config.toString())).isEqualTo(2);
    assertThat(err.toString()).contains(config.toString()).contains("rules.no-such-rule: no such rule");
  }

  @Test
  void rulesListsAndExplains() {
    assertThat(run("rules")).isZero();
    assertThat(out.toString()).contains("god-table").contains("mixed-delete-strategy");
    assertThat(run("rules", "missing-delete-rule")).isZero();
    assertThat(out.toString()).contains("ON DELETE CASCADE");
    assertThat(run("rules", "nope")).isEqualTo(2);
  }

  @Test
  void theReadmeRuleTableIsTheGeneratedOne() throws Exception {
    String readme = Files.readString(Path.of("../README.md"));
    assertThat(readme).contains(FindingsReport.rulesTable(Rules.builtIn()));
  }
}
