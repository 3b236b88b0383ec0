package dev.logdex.core.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** duplicate-index: two indexes on the same keys, one of them doing nothing. */
class DuplicateIndexRuleTest {
  private static List<Finding> duplicates(String ddl) {
    return RuleFixture.of(ddl).run(new DuplicateIndexRule());
  }

  @Test
  void twoIndexesOnTheSameColumnsAreDuplicates() {
    assertThat(duplicates("CREATE TABLE t (id int PRIMARY KEY, a int); CREATE INDEX i1 ON t (a);"
        + " CREATE INDEX i2 ON t (a);")).singleElement().satisfies(f -> {
          assertThat(f.message()).contains("i2").contains("duplicates i1");
          assertThat(f.fix()).isEqualTo("DROP INDEX CONCURRENTLY IF EXISTS i2;");
        });
  }

  @Test
  void theUniqueOneOfADuplicatePairIsKept() {
    assertThat(duplicates("CREATE TABLE t (id int PRIMARY KEY, a int); CREATE UNIQUE INDEX u ON t (a);"
        + " CREATE INDEX i ON t (a);")).singleElement().satisfies(f -> assertThat(f.fix()).contains(" i;"));
    assertThat(duplicates("CREATE TABLE t (id int PRIMARY KEY); CREATE INDEX on_id ON t (id);"))
        .singleElement().satisfies(f -> assertThat(f.message()).contains("duplicates the primary key"));
  }

  @Test
  void nearMissesAreNotDuplicates() {
    assertThat(duplicates("CREATE TABLE t (a int, b int); CREATE INDEX i1 ON t (a, b); CREATE INDEX i2 ON t (b, a);"))
        .isEmpty();
    assertThat(duplicates("CREATE TABLE t (a int, d timestamptz); CREATE INDEX i1 ON t (a);"
        + " CREATE INDEX i2 ON t (a) WHERE d IS NULL;")).as("a partial index is not a duplicate of a full one")
        .isEmpty();
    assertThat(duplicates("CREATE TABLE t (a text); CREATE INDEX i1 ON t (a); CREATE INDEX i2 ON t USING hash (a);"))
        .isEmpty();
    assertThat(duplicates("CREATE TABLE t (a int); CREATE UNIQUE INDEX u1 ON t (a); CREATE UNIQUE INDEX u2 ON t (a);"))
        .as("two unique indexes: both enforce, neither is proposed").isEmpty();
  }
}
