package dev.logdex.core.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** god-table, mixed-delete-strategy and no-migration-history. */
class TableDesignRulesTest {

  /** An accounts table of 1 + 3 groups of 7 columns: billing_*, pref_*, subscription_*. */
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

  static final String SOFT = """
      CREATE TABLE posts (id bigint PRIMARY KEY, author_id bigint, title text, deleted_at timestamptz);
      CREATE TABLE comments (id bigint PRIMARY KEY, post_id bigint REFERENCES posts (id), body text);
      """;

  @Test
  void hardDeletesForgottenFiltersAndOrphanedChildrenOfASoftDeleteTable() {
    List<Finding> found = RuleFixture.of(SOFT,
        "DELETE FROM posts WHERE id = $1",
        "SELECT title FROM posts WHERE author_id = $1 AND deleted_at IS NULL",
        "SELECT title FROM posts WHERE author_id = $1 ORDER BY id").run(new MixedDeleteStrategyRule());
    assertThat(found).extracting(Finding::message).anySatisfy(m -> assertThat(m)
        .contains("posts soft-deletes with deleted_at but the workload hard-deletes from it (10 calls)"))
        .anySatisfy(m -> assertThat(m).contains("1 query on posts does not filter deleted_at while others do"))
        .anySatisfy(m -> assertThat(m).contains("its child comments has no soft-delete column"));
    assertThat(found).filteredOn(f -> f.message().contains("does not filter")).singleElement()
        .satisfies(f -> assertThat(f.fix()).contains(
            "CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_posts_author_id_where_deleted_at_is_null ON posts"
                + " (author_id) WHERE deleted_at IS NULL;"));
  }

  @Test
  void aSoftDeleteTableUsedConsistentlyIsFine() {
    String ddl = "CREATE TABLE posts (id bigint PRIMARY KEY, title text, deleted_at timestamptz);";
    assertThat(RuleFixture.of(ddl, "SELECT title FROM posts WHERE id = $1 AND deleted_at IS NULL",
        "UPDATE posts SET deleted_at = now() WHERE id = $1").run(new MixedDeleteStrategyRule())).isEmpty();
    assertThat(RuleFixture.of("CREATE TABLE t (id int PRIMARY KEY);", "DELETE FROM t WHERE id = 1")
        .run(new MixedDeleteStrategyRule())).as("hard deletes on a table that does not soft-delete").isEmpty();
  }

  @Test
  void aDumpWithoutAHistoryTableHasNoMigrationHistory() {
    String dump = "--\n-- PostgreSQL database dump\n--\nCREATE TABLE public.t (id int);\n";
    assertThat(RuleFixture.of(dump).run(new NoMigrationHistoryRule("flyway"))).singleElement()
        .satisfies(f -> assertThat(f.fix()).contains("flyway baseline"));
    assertThat(RuleFixture.of(dump + "CREATE TABLE public.flyway_schema_history (installed_rank int);")
        .run(new NoMigrationHistoryRule())).isEmpty();
    assertThat(RuleFixture.of("CREATE TABLE t (id int);").run(new NoMigrationHistoryRule()))
        .as("a hand-written script may describe part of a database").isEmpty();
  }
}
