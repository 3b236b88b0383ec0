package dev.logdex.core.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** denormalized-column: a copy of a parent's column in its child. */
class DenormalizedColumnRuleTest {
  @Test
  void aCopyOfAParentsColumnIsDenormalized() {
    List<Finding> found = RuleFixture.of(RuleFixture.SHOP,
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
    assertThat(RuleFixture.of(RuleFixture.SHOP + "CREATE TRIGGER keep BEFORE UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION f();")
        .run(new DenormalizedColumnRule())).as("a trigger may keep it in step").isEmpty();
    assertThat(RuleFixture.of(RuleFixture.SHOP.replace("customer_email text", "customer_email int").replace("users_name text,", ""))
        .run(new DenormalizedColumnRule())).as("different type").isEmpty();
  }

  @Test
  void theLiveCountNamesBothTablesInTheirSchemas() {
    DenormalizedColumnRule.Copy copy = new DenormalizedColumnRule.Copy("Orders", "user_email", "user_id", "Users",
        "id", "email", "Bar", "public");
    assertThat(DenormalizedColumnRule.disagreementQuery(dev.logdex.core.model.Dialect.POSTGRESQL, copy))
        .startsWith("SELECT count(*) FROM \"Bar\".\"Orders\" c JOIN \"Users\" p ON p.id = c.user_id");
  }
}
