package dev.logdex.core.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** missing-foreign-key, missing-delete-rule and denormalized-column. */
class RelationRulesTest {

  static final String SHOP = """
      CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL, name text);
      CREATE UNIQUE INDEX users_email ON users (lower(email));
      CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint REFERENCES users (id), customer_email text,
        billing_email text, users_name text, total int);
      CREATE TABLE notes (id bigint PRIMARY KEY, author_id bigint, body text);
      """;

  @Test
  void aJoinToAKeyWithoutAConstraintIsAMissingForeignKey() {
    List<Finding> found = RuleFixture.of(SHOP,
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
    assertThat(RuleFixture.of(SHOP, "SELECT * FROM orders o JOIN users u ON u.id = o.customer_id")
        .run(new MissingForeignKeyRule())).as("the constraint exists").isEmpty();
    assertThat(RuleFixture.of(SHOP, "SELECT * FROM notes n JOIN orders o ON o.total = n.author_id")
        .run(new MissingForeignKeyRule())).as("not joined to a key").isEmpty();
    assertThat(RuleFixture.of(SHOP).run(new MissingForeignKeyRule())).as("author_id alone, no join confirms it")
        .isEmpty();
  }

  @Test
  void deletingParentsOfAForeignKeyWithoutARule() {
    List<Finding> found = RuleFixture.of(SHOP, "DELETE FROM users WHERE id = $1").run(new MissingDeleteRuleRule());
    assertThat(found).singleElement().satisfies(f -> {
      assertThat(f.message()).contains("deletes from users (10 calls)").contains("orders(customer_id)");
      assertThat(f.fix()).contains("ALTER TABLE orders DROP CONSTRAINT IF EXISTS orders_customer_id_fkey;")
          .contains("ON DELETE SET NULL NOT VALID;");
    });
    assertThat(RuleFixture.of(SHOP, "SELECT * FROM users").run(new MissingDeleteRuleRule()))
        .as("no deletes on the parent").isEmpty();
    assertThat(RuleFixture.of(SHOP.replace("REFERENCES users (id)", "REFERENCES users (id) ON DELETE CASCADE"),
        "DELETE FROM users WHERE id = $1").run(new MissingDeleteRuleRule())).as("a rule exists").isEmpty();
  }

  @Test
  void aCopyOfAParentsColumnIsDenormalized() {
    List<Finding> found = RuleFixture.of(SHOP,
        "SELECT o.customer_email, u.email FROM orders o JOIN users u ON u.id = o.customer_id WHERE o.id = $1")
        .run(new DenormalizedColumnRule());
    // billing_email is a near miss: its prefix names no relation, so it is a different email, not a copy.
    assertThat(found).extracting(f -> f.columns().get(0)).containsExactlyInAnyOrder("customer_email", "users_name");
    assertThat(found).filteredOn(f -> f.columns().get(0).equals("customer_email")).singleElement().satisfies(f -> {
      assertThat(f.message()).contains("orders.customer_email copies users.email").contains("10 calls join");
      assertThat(f.severity()).isEqualTo(Severity.WARNING);
    });
  }

  @Test
  void denormalizationNearMisses() {
    assertThat(RuleFixture.of(SHOP + "CREATE TRIGGER keep BEFORE UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION f();")
        .run(new DenormalizedColumnRule())).as("a trigger may keep it in step").isEmpty();
    assertThat(RuleFixture.of(SHOP.replace("customer_email text", "customer_email int").replace("users_name text,", ""))
        .run(new DenormalizedColumnRule())).as("different type").isEmpty();
  }
}
