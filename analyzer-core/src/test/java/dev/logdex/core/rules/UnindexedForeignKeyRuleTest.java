package dev.logdex.core.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** unindexed-foreign-key: a foreign key with no index leading with its columns. */
class UnindexedForeignKeyRuleTest {
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
  void aKeyServedByAnIndexLeadingWithItIsNotFlaggedButOneTrailingIsAndAnUnusedOneIsInformation() {
    RuleFixture f = RuleFixture.of("""
        CREATE TABLE p (id int PRIMARY KEY);
        CREATE TABLE led (id int PRIMARY KEY, p_id int REFERENCES p (id), x int);
        CREATE INDEX led_p_x ON led (p_id, x);
        CREATE TABLE trailing (id int PRIMARY KEY, p_id int REFERENCES p (id), x int);
        CREATE INDEX trailing_x_p ON trailing (x, p_id);
        """);
    assertThat(f.run(new UnindexedForeignKeyRule())).singleElement().satisfies(x -> {
      assertThat(x.table()).as("an index on (x, p_id) cannot find rows by p_id").isEqualTo("trailing");
      assertThat(x.severity()).as("no query uses it: information, not a warning").isEqualTo(Severity.INFO);
      assertThat(x.message()).contains("not used by the workload read");
      assertThat(x.fix()).as("TRAILING is a reserved word").isEqualTo(
          "CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_trailing_p_id ON \"trailing\" (p_id);");
    });
  }

  @Test
  void aCompositeKeyIndexedInAnotherOrderIsIndexedForTheRuleAndTheRecommenderAlike() {
    String ddl = """
        CREATE TABLE p (a int, b int, PRIMARY KEY (a, b));
        CREATE TABLE c (id int PRIMARY KEY, pa int, pb int, FOREIGN KEY (pa, pb) REFERENCES p (a, b));
        CREATE INDEX c_b_a ON c (pb, pa);
        """;
    RuleFixture f = RuleFixture.of(ddl, "SELECT * FROM c WHERE pa = $1 AND pb = $2", "DELETE FROM p WHERE a = $1");
    assertThat(f.run(new UnindexedForeignKeyRule())).isEmpty();
    assertThat(new dev.logdex.core.recommend.Recommender(f.schema).recommend(f.workload))
        .as("an equality lookup on both columns uses (pb, pa)").isEmpty();
    RuleFixture without = RuleFixture.of(ddl.replace("CREATE INDEX c_b_a ON c (pb, pa);", ""),
        "SELECT * FROM c WHERE pa = $1 AND pb = $2");
    assertThat(without.run(new UnindexedForeignKeyRule())).singleElement()
        .satisfies(x -> assertThat(x.columns()).containsExactly("pa", "pb"));
  }
}
