package dev.logdex.core.dialect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logdex.core.model.Dialect;
import dev.logdex.core.model.Fix;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FixSqlTest {

  private static Fix.CreateIndex onDays(int days) {
    List<Fix.PartitionIndex> parts = new ArrayList<>();
    for (int d = 1; d <= days; d++) {
      parts.add(new Fix.PartitionIndex("public", "events_d" + d, "idx_events_d" + d + "_account", false, List.of()));
    }
    return new Fix.CreateIndex("", "events", "idx_events_account", List.of("account"), "", true, List.of(),
        Map.of(), parts);
  }

  @Test
  void aTerminalShowsEveryStatementForAFewPartitions() {
    Fix.CreateIndex three = onDays(3);
    String ddl = FixSql.render(Dialect.POSTGRESQL, three);
    assertThat(FixSql.shortened(three, ddl)).isEqualTo(ddl);
    assertThat(ddl.lines().filter(l -> l.startsWith("CREATE INDEX CONCURRENTLY"))).hasSize(3);
  }

  @Test
  void forManyPartitionsATerminalShowsTheFirstAndCountsTheRest() {
    Fix.CreateIndex year = onDays(365);
    String ddl = FixSql.render(Dialect.POSTGRESQL, year);
    assertThat(ddl.lines().filter(l -> l.startsWith("ALTER INDEX idx_events_account ATTACH PARTITION"))).hasSize(365);
    assertThat(FixSql.shortened(year, ddl)).endsWith("""
        CREATE INDEX IF NOT EXISTS idx_events_account ON ONLY events (account);
        CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_events_d1_account ON events_d1 (account);
        ALTER INDEX idx_events_account ATTACH PARTITION idx_events_d1_account;
        -- ... and the same for the other 364 partitions (logdex migrate, the JSON and the Markdown and HTML \
        reports hold every statement)""");
  }

  @Test
  void withoutItsPartitionsAnIndexOnAPartitionedTableIsOneBlockingStatementThatSaysSo() {
    Fix.CreateIndex unknown = new Fix.CreateIndex("", "events", "idx_events_account", List.of("account"), "", true);
    assertThat(FixSql.render(Dialect.POSTGRESQL, unknown)).isEqualTo(IndexDdl.PARTITIONED_NOTE
        + "CREATE INDEX IF NOT EXISTS idx_events_account ON events (account);");
  }
}
