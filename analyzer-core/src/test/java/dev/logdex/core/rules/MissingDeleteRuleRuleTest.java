package dev.logdex.core.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** missing-delete-rule: deletes of parents whose children have no ON DELETE rule. */
class MissingDeleteRuleRuleTest {
  @Test
  void deletingParentsOfAForeignKeyWithoutARule() {
    List<Finding> found = RuleFixture.of(RuleFixture.SHOP, "DELETE FROM users WHERE id = $1").run(new MissingDeleteRuleRule());
    assertThat(found).singleElement().satisfies(f -> {
      assertThat(f.message()).contains("deletes from users (10 calls)").contains("orders(customer_id)");
      assertThat(f.fix()).contains("ALTER TABLE orders DROP CONSTRAINT IF EXISTS orders_customer_id_fkey;")
          .contains("ON DELETE SET NULL NOT VALID;");
    });
    assertThat(RuleFixture.of(RuleFixture.SHOP, "SELECT * FROM users").run(new MissingDeleteRuleRule()))
        .as("no deletes on the parent").isEmpty();
    assertThat(RuleFixture.of(RuleFixture.SHOP.replace("REFERENCES users (id)", "REFERENCES users (id) ON DELETE CASCADE"),
        "DELETE FROM users WHERE id = $1").run(new MissingDeleteRuleRule())).as("a rule exists").isEmpty();
  }
}
