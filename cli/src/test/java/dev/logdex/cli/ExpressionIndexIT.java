package dev.logdex.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A filter on an expression of a column (date_trunc, a cast, coalesce, a JSON field, Django's UPPER(col::text))
 * gets an index on that same expression, which PostgreSQL builds and its planner then uses for the logged query; a
 * form PostgreSQL cannot index (date_trunc on a timestamptz) is left out with the reason. On quoted mixed-case names in a schema of their own.
 */
class ExpressionIndexIT {

  @TempDir Path dir;

  /** Each query as logged, with the name of the column its index is on. */
  private static final Map<String, String> QUERIES = new LinkedHashMap<>();

  static {
    QUERIES.put("SELECT id FROM \"Ops\".\"Events\" WHERE date_trunc('hour', \"Day\") = '2026-01-05 10:00'", "Day");
    QUERIES.put("SELECT id FROM \"Ops\".\"Events\" WHERE \"Day\"::date = '2026-01-07'", "Day");
    QUERIES.put("SELECT id FROM \"Ops\".\"Events\" WHERE coalesce(tries, 0) = 7", "tries");
    QUERIES.put("SELECT id FROM \"Ops\".\"Events\" WHERE \"Doc\" ->> 'tenant' = 't42'", "Doc");
    // Django's case-insensitive lookup (iexact): the cast to text is what an index on upper("Email") holds too.
    QUERIES.put("SELECT id FROM \"Ops\".\"Events\" WHERE UPPER(\"Events\".\"Email\"::text) = UPPER('u42@example.org')"
        + " LIMIT 21", "Email");
  }

  @Test
  void eachExpressionIndexBuildsAndThePlannerUsesItForItsQuery() throws Exception {
    LiveDb.inScratchPostgres((db, url) -> {
      try (Connection c = LiveDb.connect(url, "postgres"); Statement s = c.createStatement()) {
        s.execute("CREATE EXTENSION hypopg");
        s.execute("CREATE SCHEMA \"Ops\"");
        s.execute("CREATE TABLE \"Ops\".\"Events\" (id bigint PRIMARY KEY, \"Day\" timestamp NOT NULL,"
            + " at timestamptz NOT NULL, \"Doc\" jsonb NOT NULL, tries int, body text NOT NULL,"
            + " \"Email\" varchar(254) NOT NULL)");
        s.execute("INSERT INTO \"Ops\".\"Events\" SELECT i, timestamp '2026-01-01' + i * interval '7 seconds',"
            + " timestamptz '2026-01-01' + i * interval '7 seconds', jsonb_build_object('tenant', 't' || i % 5000),"
            + " CASE WHEN i % 3 = 0 THEN NULL ELSE i % 1000 END, repeat('x', 60), 'U' || i || '@Example.org'"
            + " FROM generate_series(1, 200000) i");
        s.execute("ANALYZE \"Ops\".\"Events\"");
      }
      StringBuilder log = new StringBuilder();
      int pid = 100;
      for (String q : QUERIES.keySet()) {
        for (int i = 0; i < 3; i++) {
          log.append(String.format("2026-11-28 10:00:%02d.000 UTC [%d] LOG:  duration: 40.000 ms  statement: %s%n",
              i, pid++, q));
        }
      }
      log.append("2026-11-28 10:00:09.000 UTC [9] LOG:  duration: 40.000 ms  statement: SELECT id FROM \"Ops\"."
          + "\"Events\" WHERE date_trunc('day', at) = '2026-01-05'\n");
      Path file = Files.writeString(dir.resolve("postgresql.log"), log.toString());

      CliRun run = new CliRun();
      assertThat(run.run("analyze", "--db", url, "--db-user", "postgres", "--format", "json", "--explain-rejections",
          file.toString())).as(run.err()).isZero();
      String out = run.out();
      assertThat(out).contains("date_trunc on a column of type timestamp with time zone depends on the session's "
          + "time zone");
      JsonNode report = new ObjectMapper().readTree(out.substring(0, out.indexOf("\nRejected candidates:")));
      Map<String, String> ddl = new LinkedHashMap<>();
      report.get("recommendations").forEach(r -> ddl.put(r.get("name").asText(), r.get("ddl").asText()));
      assertThat(ddl).hasSize(QUERIES.size());

      try (Connection c = LiveDb.connect(url, "postgres"); Statement s = c.createStatement()) {
        for (String statement : ddl.values()) {
          s.execute(statement);
        }
        s.execute("ANALYZE \"Ops\".\"Events\"");
        for (String q : QUERIES.keySet()) {
          String plan = LiveDb.plan(s, q);
          assertThat(ddl.keySet()).as(q + " uses one of the new indexes:\n" + plan).anyMatch(plan::contains);
        }
      }
    });
  }

  @Test
  void aLiteralEveryCallWritesBecomesAPredicateThePlannerUses() throws Exception {
    LiveDb.inScratchPostgres((db, url) -> {
      try (Connection c = LiveDb.connect(url, "postgres"); Statement s = c.createStatement()) {
        s.execute("CREATE EXTENSION hypopg");
        s.execute("CREATE TABLE \"Jobs\" (id bigint PRIMARY KEY, \"Status\" text NOT NULL, queue text NOT NULL,"
            + " created_at timestamptz NOT NULL, body text NOT NULL)");
        s.execute("INSERT INTO \"Jobs\" SELECT i, CASE WHEN i % 100 = 0 THEN 'pending' ELSE 'done' END, 'q' || i % 5,"
            + " timestamptz '2026-01-01' + i * interval '1 second', repeat('x', 60) FROM generate_series(1, 200000) i");
        s.execute("ANALYZE \"Jobs\"");
      }
      StringBuilder log = new StringBuilder();
      for (int i = 0; i < 15; i++) {
        log.append(String.format("2026-11-28 10:00:%02d.000 UTC [%d] LOG:  duration: 40.000 ms  statement: SELECT id"
            + " FROM \"Jobs\" WHERE \"Status\" = 'pending' AND queue = 'q%d' ORDER BY created_at LIMIT 10%n", i,
            100 + i, i % 5));
      }
      Path file = Files.writeString(dir.resolve("postgresql.log"), log.toString());
      CliRun run = new CliRun();
      assertThat(run.run("analyze", "--db", url, "--db-user", "postgres", "--format", "json", file.toString()))
          .as(run.err()).isZero();
      JsonNode rec = new ObjectMapper().readTree(run.out()).at("/recommendations/0");
      assertThat(rec.get("where").asText()).isEqualTo("\"Status\" = 'pending'");
      assertThat(rec.get("columns").toString()).isEqualTo("[\"queue\",\"created_at\"]");
      try (Connection c = LiveDb.connect(url, "postgres"); Statement s = c.createStatement()) {
        s.execute(rec.get("ddl").asText());
        s.execute("ANALYZE \"Jobs\"");
        String plan = LiveDb.plan(s, "SELECT id FROM \"Jobs\" WHERE \"Status\" = 'pending' AND queue = 'q3' ORDER BY"
            + " created_at LIMIT 10");
        assertThat(plan).contains(rec.get("name").asText());
      }
    });
  }
}
