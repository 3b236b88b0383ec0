package dev.logdex.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With --db on PostgreSQL with HypoPG, the planner chooses the indexes: a candidate it would not use for any query
 * (a lookup of the value 83% of the rows hold) is not recommended, though logdex's own estimate proposes it.
 */
class PlannerSelectionIT {

  @TempDir Path dir;

  @Test
  void thePlannerLeavesOutWhatItWouldNotUse() throws Exception {
    LiveDb.inScratchPostgres((db, url) -> {
      try (Connection c = LiveDb.connect(url, "postgres"); Statement s = c.createStatement()) {
        s.execute("CREATE EXTENSION hypopg");
        s.execute("CREATE TABLE tickets (id int PRIMARY KEY, status text NOT NULL, tenant int NOT NULL,"
            + " body text NOT NULL)");
        s.execute("INSERT INTO tickets SELECT i, CASE WHEN i % 100 < 83 THEN 'closed' WHEN i % 100 < 93 THEN"
            + " 'open' ELSE 'pending' END, i % 2000, repeat('x', 80) FROM generate_series(1, 100000) i");
        s.execute("ANALYZE tickets");
      }
      // Logged with their values, as a server log has them: the planner sees the common value for what it is.
      Path log = Files.writeString(dir.resolve("pgss.csv"), """
          query,calls,total_exec_time,rows
          "SELECT id, body FROM tickets WHERE status = 'closed'",200,20000,16600000
          "SELECT id, body FROM tickets WHERE tenant = 42",500,9000,25000
          """);
      CliRun model = new CliRun();
      assertThat(model.run("analyze", "--no-planner", "--db", url, "--db-user", "postgres", "--format", "json",
          log.toString())).as(model.err()).isZero();
      assertThat(columns(model.out())).contains("status", "tenant");
      assertThat(model.err()).doesNotContain("the planner's choice");

      CliRun planner = new CliRun();
      assertThat(planner.run("analyze", "--db", url, "--db-user", "postgres", "--format", "json",
          "--explain-rejections", log.toString())).as(planner.err()).isZero();
      assertThat(planner.err()).contains("the recommendations are the planner's choice (HypoPG what-if plans of 2 "
          + "statement classes)");
      String json = planner.out().substring(0, planner.out().indexOf("\nRejected candidates:"));
      assertThat(columns(json)).containsExactly("tenant");
      JsonNode first = new ObjectMapper().readTree(json).at("/recommendations/0");
      assertThat(first.get("reason").asText()).contains("the planner takes it for 1 of its queries");
      assertThat(planner.out()).contains("tickets (status): the planner uses it for none of its queries");
    });
  }

  @Test
  void anIndexWhoseQueriesCouldNotBePlannedIsRankedByItsEstimateAmongThePlannersPicks() throws Exception {
    // pg_stat_statements keeps OFFSET $2 * $3, whose parameters' types PostgreSQL cannot infer: the heaviest query
    // cannot be planned. Its index was ranked after every planner pick, so a --top 1 left it out.
    LiveDb.inScratchPostgres((db, url) -> {
      try (Connection c = LiveDb.connect(url, "postgres"); Statement s = c.createStatement()) {
        s.execute("CREATE EXTENSION hypopg");
        s.execute("CREATE TABLE \"Feed\" (id int PRIMARY KEY, org int NOT NULL, at timestamptz NOT NULL,"
            + " body text NOT NULL)");
        s.execute("INSERT INTO \"Feed\" SELECT i, i % 500, now() - i * interval '1 s', repeat('x', 80)"
            + " FROM generate_series(1, 100000) i");
        s.execute("CREATE TABLE tickets (id int PRIMARY KEY, tenant int NOT NULL, body text NOT NULL)");
        s.execute("INSERT INTO tickets SELECT i, i % 2000, repeat('x', 80) FROM generate_series(1, 100000) i");
        s.execute("ANALYZE");
      }
      // No query on "Feed" can be planned, so the planner cannot judge its index at all.
      Path log = Files.writeString(dir.resolve("pgss.csv"), """
          query,calls,total_exec_time,rows
          "SELECT id, body FROM ""Feed"" WHERE org = $1 ORDER BY at DESC LIMIT $2 OFFSET $3 * $4",900,90000,27000
          "SELECT id, body FROM tickets WHERE tenant = $1",50,900,2500
          """);
      CliRun planner = new CliRun();
      assertThat(planner.run("analyze", "--db", url, "--db-user", "postgres", "--format", "json", log.toString()))
          .as(planner.err()).isZero();
      assertThat(planner.err()).contains("1 could not be planned");
      assertThat(columns(planner.out())).containsExactly("org", "tenant");
      JsonNode first = new ObjectMapper().readTree(planner.out()).at("/recommendations/0");
      assertThat(first.get("rank").asInt()).isEqualTo(1);
      assertThat(first.get("reason").asText()).contains("not judged by the planner");
    });
  }

  @Test
  void withoutHypopgTheRollbackMethodChoosesTheSameAndLeavesNothingBehind() throws Exception {
    LiveDb.inScratchPostgres((db, url) -> {
      try (Connection c = LiveDb.connect(url, "postgres"); Statement s = c.createStatement()) {
        s.execute("CREATE SCHEMA \"Help Desk\"");
        s.execute("CREATE TABLE \"Help Desk\".\"Tickets\" (id int PRIMARY KEY, status text NOT NULL,"
            + " \"Tenant\" int NOT NULL, \"order\" int NOT NULL, body text NOT NULL)");
        s.execute("INSERT INTO \"Help Desk\".\"Tickets\" SELECT i, CASE WHEN i % 100 < 83 THEN 'closed' WHEN"
            + " i % 100 < 93 THEN 'open' ELSE 'pending' END, i % 2000, i % 50, repeat('x', 80)"
            + " FROM generate_series(1, 100000) i");
        s.execute("ANALYZE \"Help Desk\".\"Tickets\"");
      }
      // A logged UPDATE is planned, never run, though the transaction it is planned in builds indexes.
      Path log = Files.writeString(dir.resolve("pgss.csv"), """
          query,calls,total_exec_time,rows
          "SELECT id, body FROM ""Help Desk"".""Tickets"" WHERE status = 'closed'",200,20000,16600000
          "SELECT id, body FROM ""Help Desk"".""Tickets"" WHERE ""Tenant"" = 42",500,9000,25000
          "UPDATE ""Help Desk"".""Tickets"" SET body = 'gone' WHERE ""order"" = 7",300,6000,600000
          """);
      CliRun hypopgMissing = new CliRun();
      assertThat(hypopgMissing.run("analyze", "--db", url, "--db-user", "postgres", "--format", "json",
          log.toString())).as(hypopgMissing.err()).isZero();
      assertThat(hypopgMissing.err()).contains("HypoPG is not installed").contains("--planner-method rollback");

      CliRun planner = new CliRun();
      assertThat(planner.run("analyze", "--db", url, "--db-user", "postgres", "--planner-method", "rollback",
          "--format", "json", "--explain-rejections", log.toString())).as(planner.err()).isZero();
      assertThat(planner.err()).contains("the planner's choice (plans with each candidate built in a transaction "
          + "that was rolled back of 3 statement classes)");
      String json = planner.out().substring(0, planner.out().indexOf("\nRejected candidates:"));
      assertThat(columns(json)).containsExactlyInAnyOrder("Tenant", "order");
      assertThat(planner.out()).contains("(status): the planner uses it for none of its queries");

      try (Connection c = LiveDb.connect(url, "postgres"); Statement s = c.createStatement();
          var rs = s.executeQuery("SELECT (SELECT count(*) FROM pg_indexes WHERE schemaname = 'Help Desk'),"
              + " (SELECT count(*) FROM \"Help Desk\".\"Tickets\" WHERE body = 'gone')")) {
        rs.next();
        assertThat(rs.getInt(1)).as("only the primary key's index is left").isEqualTo(1);
        assertThat(rs.getInt(2)).as("the logged UPDATE did not run").isZero();
      }
    });
  }

  @Test
  void onAPartitionedTableThePlannerJudgesEachCandidateThroughItsPartitions() throws Exception {
    LiveDb.inScratchPostgres((db, url) -> {
      try (Connection c = LiveDb.connect(url, "postgres"); Statement s = c.createStatement()) {
        s.execute("CREATE EXTENSION hypopg");
        s.execute("CREATE SCHEMA lib");
        s.execute("CREATE TABLE lib.\"Loan\" (id bigint NOT NULL, member int NOT NULL, book int NOT NULL,"
            + " loaned_at date NOT NULL, returned_at date, PRIMARY KEY (id, loaned_at))"
            + " PARTITION BY RANGE (loaned_at)");
        s.execute("CREATE TABLE lib.\"Loan 2024\" PARTITION OF lib.\"Loan\" FOR VALUES FROM ('2024-01-01') TO"
            + " ('2025-01-01')");
        s.execute("CREATE TABLE lib.loan_rest PARTITION OF lib.\"Loan\" FOR VALUES FROM ('2025-01-01') TO (MAXVALUE)");
        s.execute("INSERT INTO lib.\"Loan\" SELECT i, i % 20000, i % 7000, date '2024-01-01' + i % 700,"
            + " CASE WHEN i % 8 = 0 THEN NULL ELSE date '2024-02-01' END FROM generate_series(1, 200000) i");
        s.execute("ANALYZE lib.\"Loan\"");
      }
      // One lookup on every row, one on the loans not yet returned (a partial index's predicate).
      Path log = Files.writeString(dir.resolve("pgss.csv"), """
          query,calls,total_exec_time,rows
          "SELECT id FROM lib.""Loan"" WHERE book = $1",500,9000,25000
          "SELECT id FROM lib.""Loan"" WHERE member = $1 AND returned_at IS NULL",800,16000,1000
          """);
      CliRun hypo = new CliRun();
      assertThat(hypo.run("analyze", "--db", url, "--db-user", "postgres", "--format", "json",
          log.toString())).as(hypo.err()).isZero();
      JsonNode recs = new ObjectMapper().readTree(hypo.out()).get("recommendations");
      assertThat(columns(hypo.out())).containsExactlyInAnyOrder("book", "member");
      for (JsonNode r : recs) {
        String reason = r.get("reason").asText();
        if (r.at("/columns/0").asText().equals("book")) {
          // HypoPG's index on each partition: the planner uses them for the query on the parent.
          assertThat(reason).contains("the planner takes it for 1 of its queries");
        } else {
          // A partial one HypoPG cannot show the planner through the parent: logdex's estimate, said so.
          assertThat(reason).contains("partial index on a partitioned table, which HypoPG cannot plan");
        }
      }

      CliRun rollback = new CliRun();
      assertThat(rollback.run("analyze", "--db", url, "--db-user", "postgres", "--planner-method", "rollback",
          "--format", "json", log.toString())).as(rollback.err()).isZero();
      assertThat(columns(rollback.out())).containsExactlyInAnyOrder("book", "member");
      for (JsonNode r : new ObjectMapper().readTree(rollback.out()).get("recommendations")) {
        // Real indexes: the planner uses the one PostgreSQL builds on each partition, partial or not.
        assertThat(r.get("reason").asText()).contains("the planner takes it for 1 of its queries");
      }
      // verify says the same: used through the partitions, and not judged (never "NOT used") where HypoPG is blind.
      CliRun verify = new CliRun();
      assertThat(verify.run("verify", "--db", url, "--db-user", "postgres", log.toString())).as(verify.err())
          .isZero();
      assertThat(verify.out()).containsPattern("used +#\\d+ -- a partitioned table[^\\n]*\\n"
          + "CREATE INDEX IF NOT EXISTS \\S+ ON ONLY lib.\"Loan\" \\(book\\)")
          .contains("not judged: a partial index on a partitioned table").doesNotContain("NOT used");
      CliRun verifyRollback = new CliRun();
      assertThat(verifyRollback.run("verify", "--rollback", "--db", url, "--db-user", "postgres", log.toString()))
          .as(verifyRollback.err()).isZero();
      assertThat(verifyRollback.out()).doesNotContain("NOT used").doesNotContain("not verified");
      try (Connection c = LiveDb.connect(url, "postgres"); Statement s = c.createStatement();
          var rs = s.executeQuery("SELECT count(*) FROM pg_indexes WHERE schemaname = 'lib'")) {
        rs.next();
        assertThat(rs.getInt(1)).as("only the primary keys' indexes are left").isEqualTo(3);
      }
    });
  }

  /** The first column of each recommendation in a JSON report. */
  private static List<String> columns(String json) throws Exception {
    List<String> out = new ArrayList<>();
    new ObjectMapper().readTree(json).get("recommendations").forEach(r -> out.add(r.at("/columns/0").asText()));
    return out;
  }

  @Test
  void aNarrowHotQueryGetsItsColumnsIncludedWhenThePlannerSaysAnIndexOnlyScanPays() throws Exception {
    LiveDb.inScratchPostgres((db, url) -> {
      try (Connection c = LiveDb.connect(url, "postgres"); Statement s = c.createStatement()) {
        s.execute("CREATE EXTENSION hypopg");
        s.execute("CREATE TABLE \"Events\" (id int PRIMARY KEY, account int NOT NULL, kind text NOT NULL,"
            + " payload text NOT NULL)");
        s.execute("INSERT INTO \"Events\" SELECT i, i % 500, 'k' || i % 7, repeat('x', 400)"
            + " FROM generate_series(1, 100000) i");
        s.execute("VACUUM ANALYZE \"Events\""); // all-visible pages: what makes an index-only scan cheap
      }
      Path log = Files.writeString(dir.resolve("pgss.csv"), """
          query,calls,total_exec_time,rows
          "SELECT kind FROM ""Events"" WHERE account = 42",5000,90000,1000000
          """);
      CliRun planner = new CliRun();
      assertThat(planner.run("analyze", "-q", "--db", url, "--db-user", "postgres", "--format", "json",
          log.toString())).as(planner.err()).isZero();
      JsonNode rec = new ObjectMapper().readTree(planner.out()).at("/recommendations/0");
      assertThat(rec.at("/columns/0").asText()).isEqualTo("account");
      assertThat(rec.at("/include/0").asText()).isEqualTo("kind");
      String ddl = rec.get("ddl").asText();
      assertThat(ddl).endsWith("ON \"Events\" (account) INCLUDE (kind);");
      // Without the planner's verdict no INCLUDE is proposed: logdex's own estimate has no size model for it.
      CliRun model = new CliRun();
      assertThat(model.run("analyze", "-q", "--no-planner", "--db", url, "--db-user", "postgres", "--format",
          "json", log.toString())).as(model.err()).isZero();
      JsonNode plain = new ObjectMapper().readTree(model.out()).at("/recommendations/0");
      assertThat(plain.at("/columns/0").asText()).isEqualTo("account");
      assertThat(plain.at("/include").isMissingNode()).isTrue();
      // Under heavy writes the wider index must pay for its upkeep out of what it saves: here it does not.
      Path busy = Files.writeString(dir.resolve("busy.csv"), """
          query,calls,total_exec_time,rows
          "SELECT kind FROM ""Events"" WHERE account = 42",5000,90000,1000000
          "INSERT INTO ""Events"" (id, account, kind, payload) VALUES ($1, $2, $3, $4)",900000,400000,900000
          """);
      CliRun writes = new CliRun();
      assertThat(writes.run("analyze", "-q", "--db", url, "--db-user", "postgres", "--format", "json",
          busy.toString())).as(writes.err()).isZero();
      JsonNode lean = new ObjectMapper().readTree(writes.out()).at("/recommendations/0");
      assertThat(lean.at("/columns/0").asText()).isEqualTo("account");
      assertThat(lean.at("/include").isMissingNode()).isTrue();
      try (Connection c = LiveDb.connect(url, "postgres"); Statement s = c.createStatement()) {
        s.execute(ddl); // it runs as written
      }
    });
  }
}
