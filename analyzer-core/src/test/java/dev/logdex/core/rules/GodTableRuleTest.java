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
      assertThat(f.message()).contains("that the workload never reads together")
          .contains("[billing_c1, billing_c2, billing_c3, billing_c4").contains("[pref_c1, pref_c2, pref_c3, pref_c4");
      assertThat(f.fix()).contains("CREATE TABLE accounts_pref (id bigint, pref_c1 text");
    });
  }

  @Test
  void withoutAWorkloadPrefixFamiliesAreTheEvidence() {
    assertThat(RuleFixture.of(wide()).run(new GodTableRule())).singleElement()
        .satisfies(f -> assertThat(f.message()).contains("prefix families"));
  }

  @Test
  void aWideTableWhoseFamiliesAreNamedTogetherIsNotAGodTable() {
    List<String> cols = new ArrayList<>(List.of("id bigint PRIMARY KEY"));
    for (int i = 1; i <= 40; i++) {
      cols.add((i % 2 == 0 ? "left" : "right") + "_c" + i + " int");
    }
    String ddl = "CREATE TABLE readings (" + String.join(", ", cols) + ");";
    assertThat(RuleFixture.of(ddl, "SELECT left_c2, right_c1 FROM readings WHERE id = $1").run(new GodTableRule()))
        .as("one statement names both families together").isEmpty();
    assertThat(RuleFixture.of(wide(6)).run(new GodTableRule())).as("19 columns: under min-columns").isEmpty();
  }

  /** A 35-column users table as apps grow them, read the way ORMs read it. */
  private static final String USERS = "CREATE TABLE users (id bigint PRIMARY KEY, email text, name text, "
      + "created_at timestamptz, subscription_plan text, subscription_status text, subscription_started_at date, "
      + "subscription_renews_at date, subscription_seats int, subscription_coupon text, pref_theme text, "
      + "pref_language text, pref_timezone text, pref_newsletter boolean, pref_digest text, pref_density text, "
      + "utm_source text, utm_medium text, utm_campaign text, utm_term text, utm_content text, last_login_at "
      + "timestamptz, login_count int, avatar_url text, bio text, phone text, company text, title text, "
      + "address_line1 text, address_line2 text, address_city text, address_zip text, address_country text, "
      + "deleted_at timestamptz, updated_at timestamptz);";

  @Test
  void selectStarIsNoEvidenceThatColumnsBelongTogether() {
    List<Finding> found = RuleFixture.of(USERS, "SELECT * FROM users WHERE id = $1",
        "SELECT * FROM users WHERE email = $1").run(new GodTableRule());
    assertThat(found).singleElement().satisfies(f -> assertThat(f.message()).contains("[subscription_plan")
        .contains("[pref_theme").contains("[utm_source"));
  }

  @Test
  void anOrmsListOfEveryColumnIsNoEvidenceEither() {
    String everyColumn = java.util.Arrays.stream(USERS.substring(USERS.indexOf('(') + 1).split(", "))
        .map(c -> c.trim().split(" ")[0]).collect(java.util.stream.Collectors.joining(", "));
    List<Finding> found = RuleFixture.of(USERS, "SELECT " + everyColumn + " FROM users WHERE email = $1")
        .run(new GodTableRule());
    assertThat(found).singleElement().satisfies(f -> assertThat(f.message()).contains("[utm_source"));
  }
}
