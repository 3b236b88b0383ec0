package dev.logdex.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A budget on tables that were never ANALYZEd cannot be priced: the run says which tables, and the fix. */
class UnpricedBudgetIT {
  @TempDir Path dir;

  @Test
  void tablesWithoutStatisticsAreNamedWithAnalyzeAsTheFix() throws Exception {
    LiveDb.inScratchPostgres((db, url) -> {
      try (Connection c = LiveDb.connect(url, "postgres"); Statement st = c.createStatement()) {
        // autovacuum off: its ANALYZE must not come first
        st.execute("CREATE TABLE tickets (id bigint PRIMARY KEY, assignee_id bigint, state text)"
            + " WITH (autovacuum_enabled = false)");
        st.execute("INSERT INTO tickets SELECT g, g % 100, 'open' FROM generate_series(1, 1000) g");
      }
      Path log = Files.writeString(dir.resolve("pgss.csv"), """
          query,calls,total_exec_time,rows
          "SELECT * FROM tickets WHERE assignee_id = $1",500,9000,500
          """);
      CliRun cli = new CliRun();
      assertThat(cli.run("analyze", "--db", url, "--db-user", "postgres", "--budget", "10MB", log.toString()))
          .isZero();
      assertThat(cli.err()).contains("could not price").contains("tickets").contains("ANALYZE");
      assertThat(cli.out()).contains("ANALYZE");
    });
  }
}
