package dev.logdex.core.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logdex.core.model.Dialect;
import java.util.List;
import org.junit.jupiter.api.Test;

/** redundant-index: an index that is a left prefix of another. */
class RedundantIndexRuleTest {
  private static List<Finding> redundant(String ddl) {
    return RuleFixture.of(ddl).run(new RedundantIndexRule());
  }

  @Test
  void aLeftPrefixOfAnotherIndexIsRedundant() {
    assertThat(redundant("CREATE TABLE t (a int, b int); CREATE INDEX i1 ON t (a); CREATE INDEX i2 ON t (a, b);"))
        .singleElement().satisfies(f -> assertThat(f.message()).contains("i1 (a) is a prefix of i2 (a, b)"));
    assertThat(RuleFixture.of(Dialect.MYSQL, "CREATE TABLE t (id int PRIMARY KEY, a int, b int, KEY i1 (a),"
        + " KEY i2 (a, b)) ENGINE=InnoDB;").run(new RedundantIndexRule())).singleElement()
        .satisfies(f -> assertThat(f.fix()).isEqualTo("ALTER TABLE t DROP INDEX i1, ALGORITHM=INPLACE, LOCK=NONE;"));
  }

  @Test
  void redundancyNearMisses() {
    assertThat(redundant("CREATE TABLE t (a int, b int); CREATE UNIQUE INDEX u ON t (a); CREATE INDEX i ON t (a, b);"))
        .as("a unique index is not redundant").isEmpty();
    assertThat(redundant("CREATE TABLE t (a int, b int, d date); CREATE INDEX p ON t (a) WHERE d IS NULL;"
        + " CREATE INDEX i ON t (a, b);")).as("a partial index is not redundant").isEmpty();
    assertThat(redundant("CREATE TABLE t (a text, b int); CREATE INDEX e ON t (lower(a));"
        + " CREATE INDEX i ON t (a, b);")).as("an expression the longer index does not repeat").isEmpty();
    assertThat(redundant("CREATE TABLE t (a int, b int); CREATE INDEX i1 ON t (b); CREATE INDEX i2 ON t (a, b);"))
        .as("not a left prefix").isEmpty();
    assertThat(redundant("CREATE TABLE t (a int, b int); CREATE INDEX i1 ON t (a);"
        + " CREATE INDEX i2 ON t (a, b) WHERE b > 0;")).as("the longer one is partial").isEmpty();
  }
}
