package dev.logdex.core.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logdex.core.model.Dialect;
import dev.logdex.core.schema.Column;
import dev.logdex.core.schema.Index;
import dev.logdex.core.schema.Schema;
import dev.logdex.core.schema.Table;
import java.util.List;
import org.junit.jupiter.api.Test;

/** low-selectivity-index: an index led by a column whose common values cover most of the table. */
class LowSelectivityIndexRuleTest {

  /** tickets with live statistics: status 83% closed, tenant spread over 500 values, kind unknown. */
  private static Schema tickets(Index... indexes) {
    List<Index> all = new java.util.ArrayList<>(List.of(
        new Index("tickets_pkey", "tickets", List.of("id"), true, true, "btree", "", false)));
    all.addAll(List.of(indexes));
    Table t = new Table("", "tickets", List.of(
        new Column("id", "int", false, 20000, 0.00005),
        new Column("status", "text", false, 4, Column.equalityMatch(0, new double[] {0.83, 0.10, 0.05, 0.02}, 4)),
        new Column("tenant", "int", false, 500, 0.002),
        new Column("kind", "text", false)), all, List.of(), 20000);
    return new Schema(Dialect.POSTGRESQL, List.of(t));
  }

  private static Index index(String name, String... keys) {
    return new Index(name, "tickets", List.of(keys), false, false, "btree", "", false);
  }

  @Test
  void anIndexLedByAColumnMostRowsShareIsFound() {
    List<Finding> found = RuleFixture.of(tickets(index("t_status", "status")),
        "SELECT id FROM tickets WHERE status = $1").run(new LowSelectivityIndexRule());
    assertThat(found).singleElement().satisfies(f -> {
      assertThat(f.columns()).containsExactly("status");
      assertThat(f.message()).isEqualTo("index t_status (status) on tickets: an equality on status keeps about 70% "
          + "of the table on average, so only its rare values are worth an index");
      assertThat(f.fix()).contains("WHERE status <> <its common value>; then drop t_status");
    });
  }

  @Test
  void selectiveLeadingColumnsPartialIndexesUniqueKeysAndCompositesInUseAreNot() {
    Index partial = new Index("t_open", "tickets", List.of("status"), false, false, "btree", "status <> 'closed'",
        false);
    Index unique = new Index("t_u", "tickets", List.of("status", "id"), true, false, "btree", "", false);
    assertThat(RuleFixture.of(tickets(index("t_tenant", "tenant"), index("t_kind", "kind"), partial, unique,
        index("t_status_tenant", "status", "tenant")), "SELECT id FROM tickets WHERE status = $1 AND tenant = $2")
        .run(new LowSelectivityIndexRule())).isEmpty();
  }
}
