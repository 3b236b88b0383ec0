package dev.logdex.core.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.logdex.core.model.Dialect;
import dev.logdex.core.schema.Schema;
import dev.logdex.core.workload.Workload;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class RulesTest {

  @Test
  void everyRuleIsListedOnceWithMetadata() {
    List<Rule> rules = Rules.builtIn();
    assertThat(rules).extracting(Rule::id).doesNotHaveDuplicates()
        .allSatisfy(id -> assertThat(id).matches("[a-z]+(-[a-z]+)*"));
    assertThat(rules).allSatisfy(r -> {
      assertThat(r.title()).isNotBlank();
      assertThat(r.help()).hasSizeGreaterThan(80);
      assertThat(Rules.byId(r.id())).isPresent();
    });
    // Every rule class in the package is listed (a new rule that is not listed would never run).
    assertThat(new HashSet<>(rules.stream().map(r -> r.getClass().getSimpleName()).toList())).containsExactlyInAnyOrder(
        "UnindexedForeignKeyRule", "MissingForeignKeyRule", "MissingDeleteRuleRule", "DuplicateIndexRule",
        "RedundantIndexRule", "MissingPrimaryKeyRule", "GodTableRule", "DenormalizedColumnRule",
        "MixedDeleteStrategyRule", "NoMigrationHistoryRule", "UnusedIndexRule", "LowSelectivityIndexRule",
        "UnindexableFilterRule");
  }

  @Test
  void anEmptySchemaGivesNoFindings() {
    for (Dialect d : Dialect.values()) {
      assertThat(Rules.run(Rules.builtIn(), Schema.empty(d), Workload.empty())).isEmpty();
    }
  }

  @Test
  void configOverridesSeverityAndSuppressesByRuleAndTable() {
    RuleFixture f = RuleFixture.of("CREATE TABLE a (x int); CREATE TABLE b (y int);");
    LintConfig config = LintConfig.parse("""
        rules:
          missing-primary-key: {severity: error}
        suppress:
          - {rule: missing-primary-key, table: b}
        """);
    List<Finding> found = Rules.run(Rules.builtIn(config), f.schema, f.workload, config);
    assertThat(found).singleElement().satisfies(x -> {
      assertThat(x.table()).isEqualTo("a");
      assertThat(x.severity()).isEqualTo(Severity.ERROR);
    });
  }

  @Test
  void aBadConfigSaysWhatIsWrong() {
    assertThatThrownBy(() -> LintConfig.parse("rulez: {}")).hasMessageContaining("unknown key 'rulez'");
    assertThatThrownBy(() -> LintConfig.parse("rules: {god-table: {min-columns: many}}").number("god-table",
        "min-columns", 20)).hasMessageContaining("rules.god-table.min-columns must be a whole number");
    assertThatThrownBy(() -> LintConfig.parse("rules: {god-table: {severity: fatal}}").severity("god-table"))
        .hasMessageContaining("info, warning or error");
  }
}
