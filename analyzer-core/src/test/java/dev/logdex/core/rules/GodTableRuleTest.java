package dev.logdex.core.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** god-table: a wide table whose columns fall into groups read apart. */
class GodTableRuleTest {
  private static String wide() {
    return wide(7);
  }

  private static String wide(int perGroup) {
    List<String> cols = new ArrayList<>(List.of("id bigint PRIMARY KEY"));
    for (String g : List.of("billing", "pref", "subscription")) {
      for (int i = 1; i <= perGroup; i++) {
        cols.add(g + "_c" + i + " text");
      }
    }
    return "CREATE TABLE accounts (" + String.join(", ", cols) + ");";
  }

  @Test
  void columnsTheWorkloadReadsInSeparateGroupsMakeAGodTable() {
    List<Finding> found = RuleFixture.of(wide(),
        "SELECT billing_c1, billing_c2, billing_c3 FROM accounts WHERE id = $1",
        "SELECT pref_c1, pref_c2, pref_c3, pref_c4 FROM accounts WHERE id = $1",
        "UPDATE accounts SET subscription_c1 = $1 WHERE subscription_c2 = $2 AND subscription_c3 = $3")
        .run(new GodTableRule());
    assertThat(found).singleElement().satisfies(f -> {
      assertThat(f.message()).contains("the workload uses these groups of columns, never together")
          .contains("[billing_c1, billing_c2, billing_c3]").contains("[pref_c1, pref_c2, pref_c3, pref_c4]");
      assertThat(f.fix()).contains("CREATE TABLE accounts_billing (id bigint, billing_c1 text");
    });
  }

  @Test
  void withoutAWorkloadPrefixFamiliesAreTheEvidence() {
    assertThat(RuleFixture.of(wide()).run(new GodTableRule())).singleElement()
        .satisfies(f -> assertThat(f.message()).contains("prefix families"));
  }

  @Test
  void aWideTableReadTogetherIsNotAGodTable() {
    List<String> cols = new ArrayList<>(List.of("id bigint PRIMARY KEY"));
    for (int i = 1; i <= 40; i++) {
      cols.add((i % 2 == 0 ? "left" : "right") + "_c" + i + " int");
    }
    String ddl = "CREATE TABLE readings (" + String.join(", ", cols) + ");";
    assertThat(RuleFixture.of(ddl, "SELECT * FROM readings WHERE id = $1").run(new GodTableRule()))
        .as("40 columns always read together").isEmpty();
    assertThat(RuleFixture.of(wide(6)).run(new GodTableRule())).as("19 columns: under min-columns").isEmpty();
  }
}
