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
          .contains("ON DELETE RESTRICT NOT VALID;").doesNotContain("CASCADE NOT VALID");
    });
    assertThat(RuleFixture.of(RuleFixture.SHOP, "SELECT * FROM users").run(new MissingDeleteRuleRule()))
        .as("no deletes on the parent").isEmpty();
    assertThat(RuleFixture.of(RuleFixture.SHOP.replace("REFERENCES users (id)", "REFERENCES users (id) ON DELETE CASCADE"),
        "DELETE FROM users WHERE id = $1").run(new MissingDeleteRuleRule())).as("a rule exists").isEmpty();
  }

  private static final String ORDERS = """
      CREATE TABLE products (id bigint PRIMARY KEY, name text);
      CREATE TABLE orders (id bigint PRIMARY KEY, placed_at timestamptz);
      CREATE TABLE order_items (id bigint PRIMARY KEY, order_id bigint NOT NULL REFERENCES orders (id),
        product_id bigint NOT NULL REFERENCES products (id));
      CREATE TABLE order_lines (order_id bigint NOT NULL REFERENCES orders (id), line_no int NOT NULL,
        product_id bigint REFERENCES products (id), PRIMARY KEY (order_id, line_no));
      CREATE TABLE product_tags (product_id bigint REFERENCES products (id), tag_id bigint REFERENCES orders (id),
        PRIMARY KEY (product_id, tag_id));
      """;

  private static String fixFor(List<Finding> found, String table, String column) {
    return found.stream().filter(f -> f.table().equals(table) && f.columns().equals(List.of(column))).findFirst()
        .orElseThrow().fix();
  }

  @Test
  void deletingAProductNeverCascadesIntoOrderHistory() {
    List<Finding> found = RuleFixture.of(ORDERS, "DELETE FROM products WHERE id = $1")
        .run(new MissingDeleteRuleRule());
    assertThat(fixFor(found, "order_items", "product_id")).contains("ON DELETE RESTRICT")
        .doesNotContain("ON DELETE CASCADE").contains("CASCADE only if");
    assertThat(fixFor(found, "order_lines", "product_id")).as("the key starts with order_id, not product_id")
        .contains("ON DELETE RESTRICT");
  }

  @Test
  void cascadeOnlyWhereTheChildIsOwnedAndTheReasonSaysSo() {
    List<Finding> orders = RuleFixture.of(ORDERS, "DELETE FROM orders WHERE id = $1")
        .run(new MissingDeleteRuleRule());
    assertThat(fixFor(orders, "order_lines", "order_id")).contains("ON DELETE CASCADE")
        .contains("primary key starts with order_id");
    assertThat(fixFor(orders, "order_items", "order_id")).as("a surrogate key says nothing of ownership")
        .contains("ON DELETE RESTRICT");
    List<Finding> products = RuleFixture.of(ORDERS, "DELETE FROM products WHERE id = $1")
        .run(new MissingDeleteRuleRule());
    assertThat(fixFor(products, "product_tags", "product_id")).contains("ON DELETE CASCADE").contains("join table");
  }

  @Test
  void onMysqlAMissingRuleAndRestrictAreOneAndTheFindingAsksForADecisionNotForRestrict() {
    String ddl = """
        CREATE TABLE users (id int PRIMARY KEY) ENGINE=InnoDB;
        CREATE TABLE notes (id int PRIMARY KEY, author int, FOREIGN KEY (author) REFERENCES users (id)) ENGINE=InnoDB;
        CREATE TABLE lines (o int, n int, PRIMARY KEY (o, n), FOREIGN KEY (o) REFERENCES users (id)) ENGINE=InnoDB;
        """;
    List<Finding> found = RuleFixture.of(dev.logdex.core.model.Dialect.MYSQL, ddl, "DELETE FROM users WHERE id = ?")
        .run(new MissingDeleteRuleRule());
    assertThat(found).hasSize(2).allSatisfy(f -> assertThat(f.message())
        .endsWith("(or ON DELETE RESTRICT: MySQL and MariaDB store the two alike, as RESTRICT)"));
    // Writing RESTRICT down would change nothing MySQL keeps: advice, and how to suppress the finding.
    assertThat(found).filteredOn(f -> f.table().equals("notes")).singleElement().satisfies(f -> {
      assertThat(f.change()).isInstanceOf(dev.logdex.core.model.Fix.Review.class);
      assertThat(f.fix()).contains("suppress: - {rule: missing-delete-rule, table: notes}").doesNotContain("ALTER");
    });
    // An owned child still gets its CASCADE.
    assertThat(found).filteredOn(f -> f.table().equals("lines")).singleElement()
        .satisfies(f -> assertThat(f.fix()).contains("ON DELETE CASCADE"));
  }
}
