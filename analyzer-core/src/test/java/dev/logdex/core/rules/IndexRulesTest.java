package dev.logdex.core.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logdex.core.model.Dialect;
import java.util.List;
import org.junit.jupiter.api.Test;

/** duplicate-index, redundant-index, unindexed-foreign-key and missing-primary-key. */
class IndexRulesTest {

  private static List<Finding> duplicates(String ddl) {
    return RuleFixture.of(ddl).run(new DuplicateIndexRule());
  }

  private static List<Finding> redundant(String ddl) {
    return RuleFixture.of(ddl).run(new RedundantIndexRule());
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

  @Test
  void unindexedForeignKeysAreRankedByHowMuchTheWorkloadUsesThem() {
    RuleFixture f = RuleFixture.of("""
        CREATE TABLE p (id int PRIMARY KEY);
        CREATE TABLE a (id int PRIMARY KEY, p_id int REFERENCES p (id));
        CREATE TABLE b (id int PRIMARY KEY, p_id int REFERENCES p (id));
        CREATE TABLE c (id int PRIMARY KEY, p_id int REFERENCES p (id));
        CREATE INDEX c_p ON c (p_id);
        """, "SELECT * FROM b WHERE p_id = $1", "SELECT * FROM b JOIN p ON p.id = b.p_id WHERE p.id = $1",
        "DELETE FROM p WHERE id = $1");
    List<Finding> found = f.run(new UnindexedForeignKeyRule());
    assertThat(found).extracting(Finding::table).containsExactly("b", "a");
    assertThat(found.get(0).message()).contains("joined or filtered by 20 calls; 10 deletes on p");
    assertThat(found.get(0).severity()).isEqualTo(Severity.WARNING);
    assertThat(found.get(1).message()).contains("0 deletes").doesNotContain("not used");
  }

  @Test
  void missingPrimaryKeysAndTheirFix() {
    RuleFixture f = RuleFixture.of("""
        CREATE TABLE has_pk (id int PRIMARY KEY);
        CREATE TABLE promote (code text NOT NULL, x int); CREATE UNIQUE INDEX code_u ON promote (code);
        CREATE TABLE with_id (id bigint NOT NULL, x int);
        CREATE TABLE bare (x int);
        """);
    assertThat(f.run(new MissingPrimaryKeyRule())).extracting(Finding::table, Finding::fix).containsExactly(
        org.assertj.core.groups.Tuple.tuple("promote", "ALTER TABLE promote ADD PRIMARY KEY (code);"),
        org.assertj.core.groups.Tuple.tuple("with_id", "ALTER TABLE with_id ADD PRIMARY KEY (id);"),
        org.assertj.core.groups.Tuple.tuple("bare",
            "ALTER TABLE bare ADD COLUMN id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY;"));
  }
}
