package dev.logdex.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every statement logdex sends says it is logdex's, and logdex leaves its own statements out when it reads. */
class OwnTrafficIT {
  @TempDir Path dir;

  @Test
  void fromDbNeverRanksLogdexsOwnCatalogQueries() throws Exception {
    LiveDb.inScratchPostgres((db, url) -> {
      try (Connection c = LiveDb.connect(url, "postgres"); Statement s = c.createStatement()) {
        s.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
        s.execute("CREATE TABLE events (id bigint PRIMARY KEY, account bigint NOT NULL, kind text)");
        s.execute("INSERT INTO events SELECT g, g % 300, 'k' FROM generate_series(1, 5000) g");
        s.execute("ANALYZE events");
        try (var ps = c.prepareStatement("SELECT kind FROM events WHERE account = ?")) {
          for (int i = 0; i < 25; i++) {
            ps.setLong(1, i);
            ps.executeQuery().close();
          }
        }
      }
      for (int run = 0; run < 2; run++) { // the second run reads the first one's catalog queries back
        CliRun cli = new CliRun();
        assertThat(cli.run("analyze", "-q", "--db", url, "--db-user", "postgres", "--from-db", "--format", "json"))
            .as(cli.err()).isZero();
        JsonNode root = new ObjectMapper().readTree(cli.out());
        root.get("top_queries").forEach(q -> assertThat(q.get("sample").asText()).doesNotContain("logdex")
            .doesNotContainIgnoringCase("pg_catalog").doesNotContainIgnoringCase("information_schema"));
        assertThat(root.get("recommendations")).singleElement()
            .satisfies(r -> assertThat(r.get("table").asText()).isEqualTo("events"));
        if (run == 1) {
          assertThat(root.at("/inputs/0/passed_over").toString()).contains("logdex's own statement");
        }
      }
      try (Connection c = LiveDb.connect(url, "postgres"); Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT count(*) FILTER (WHERE query LIKE '/* logdex */%'),"
              + " count(*) FILTER (WHERE query ILIKE '%pg_class%' AND query NOT LIKE '/* logdex */%')"
              + " FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())")) {
        rs.next();
        assertThat(rs.getLong(1)).as("logdex's statements, tagged").isPositive();
        assertThat(rs.getLong(2)).as("catalog queries not tagged").isZero();
      }
    });
  }

  @Test
  void aLogHoldingLogdexsStatementsCountsThemAsPassedOver() throws Exception {
    Path log = Files.writeString(dir.resolve("pgss.csv"), """
        query,calls,total_exec_time,rows
        "/* logdex */ SELECT c.relname FROM pg_class c WHERE c.relkind = $1",90,9000,90
        "  /* logdex */ EXPLAIN (FORMAT JSON) SELECT * FROM orders WHERE id = $1",90,9000,90
        "SELECT * FROM orders WHERE customer_id = $1",10,100,10
        """);
    CliRun cli = new CliRun();
    assertThat(cli.run("analyze", "-q", "--format", "json", log.toString())).as(cli.err()).isZero();
    JsonNode root = new ObjectMapper().readTree(cli.out());
    assertThat(root.at("/inputs/0/events").asLong()).isEqualTo(1);
    assertThat(root.at("/inputs/0/passed_over").toString()).contains("\"logdex's own statement (/* logdex */)\":2");
    assertThat(root.get("top_queries")).singleElement()
        .satisfies(q -> assertThat(q.get("sample").asText()).contains("customer_id"));
  }
}
