package dev.logdex.core.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** missing-foreign-key: a column the workload joins to a key, with no constraint. */
class MissingForeignKeyRuleTest {
  @Test
  void aJoinToAKeyWithoutAConstraintIsAMissingForeignKey() {
    List<Finding> found = RuleFixture.of(RuleFixture.SHOP,
        "SELECT n.body, u.name FROM notes n JOIN users u ON u.id = n.author_id WHERE n.id = $1")
        .run(new MissingForeignKeyRule());
    assertThat(found).singleElement().satisfies(f -> {
      assertThat(f.table()).isEqualTo("notes");
      assertThat(f.columns()).containsExactly("author_id");
      assertThat(f.message()).contains("notes.author_id is joined to users.id (10 calls)");
      assertThat(f.fix()).contains("SELECT count(*) FROM notes c WHERE c.author_id IS NOT NULL AND NOT EXISTS")
          .contains("ALTER TABLE notes ADD CONSTRAINT notes_author_id_fkey FOREIGN KEY (author_id) REFERENCES"
              + " users (id) NOT VALID;")
          .contains("ALTER TABLE notes VALIDATE CONSTRAINT notes_author_id_fkey;");
    });
  }

  @Test
  void missingForeignKeyNearMisses() {
    assertThat(RuleFixture.of(RuleFixture.SHOP, "SELECT * FROM orders o JOIN users u ON u.id = o.customer_id")
        .run(new MissingForeignKeyRule())).as("the constraint exists").isEmpty();
    assertThat(RuleFixture.of(RuleFixture.SHOP, "SELECT * FROM notes n JOIN orders o ON o.total = n.author_id")
        .run(new MissingForeignKeyRule())).as("not joined to a key").isEmpty();
    assertThat(RuleFixture.of(RuleFixture.SHOP).run(new MissingForeignKeyRule())).as("author_id alone, no join confirms it")
        .isEmpty();
  }

  @Test
  void aCorrelatedSubqueryOnAKeyIsAJoinToo() {
    List<Finding> found = RuleFixture.of(RuleFixture.SHOP,
        "SELECT u.name FROM users u WHERE EXISTS (SELECT 1 FROM notes n WHERE n.author_id = u.id AND n.id > 5)")
        .run(new MissingForeignKeyRule());
    assertThat(found).singleElement().satisfies(f -> {
      assertThat(f.table()).isEqualTo("notes");
      assertThat(f.message()).contains("notes.author_id is joined to users.id");
    });
  }
}
