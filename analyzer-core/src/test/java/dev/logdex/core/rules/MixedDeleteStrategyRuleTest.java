package dev.logdex.core.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** mixed-delete-strategy: a soft-delete table that is also hard-deleted or read without its filter. */
class MixedDeleteStrategyRuleTest {
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
}
