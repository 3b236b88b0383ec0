package dev.logdex.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.logdex.core.dialect.Identifiers;
import dev.logdex.core.model.Dialect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A LIKE prefix on PostgreSQL gets an index with the pattern operator class of its column's type: under the
 * database's collation (C.UTF-8 here, en_US.UTF-8 on most servers) the planner cannot use a plain index for it,
 * and reads the whole table beside one. The index logdex proposes, on a column or on lower() of one, builds and
 * the planner uses it, for an equality on the same columns as well (no plain twin is proposed); an existing pattern index is seen as serving the query already; an ILIKE gets no B-tree
 * index at all. On quoted mixed-case names in a schema of their own, and a column named by a reserved word.
 */
class LikePrefixIndexIT {

  @TempDir Path dir;

  private static final String TITLE = "SELECT id FROM \"Lib\".\"Book\" WHERE \"Title\" LIKE 'Ab1234%'";
  private static final String ORDER = "SELECT id FROM \"Lib\".\"Book\" WHERE shelf = 7 AND \"order\" LIKE 'x1234%'";
  private static final String ISBN = "SELECT id FROM \"Lib\".\"Book\" WHERE isbn LIKE '97800000123%'";
  private static final String LOWER = "SELECT id FROM \"Lib\".\"Book\" WHERE lower(\"order\") LIKE 'x2345%'";
  private static final String LOWER_ISBN = "SELECT id FROM \"Lib\".\"Book\" WHERE lower(isbn) LIKE '97800000234%'";
  private static final String EQ_ORDER = "SELECT id FROM \"Lib\".\"Book\" WHERE shelf = 21 AND \"order\" = 'x4321'";
  private static final String ILIKE = "SELECT id FROM \"Lib\".\"Book\" WHERE \"Title\" ILIKE 'ab1234%'";

  @Test
  void aLikePrefixGetsAPatternClassIndexThatThePlannerUses() throws Exception {
    LiveDb.inScratchPostgres((db, url) -> {
      try (Connection c = LiveDb.connect(url, "postgres"); Statement s = c.createStatement()) {
        s.execute("CREATE EXTENSION hypopg");
        s.execute("CREATE SCHEMA \"Lib\"");
        s.execute("CREATE TABLE \"Lib\".\"Book\" (id bigint PRIMARY KEY, \"Title\" varchar(200) NOT NULL,"
            + " isbn char(13) NOT NULL, \"order\" text NOT NULL, shelf int NOT NULL)");
        s.execute("INSERT INTO \"Lib\".\"Book\" SELECT i, 'Ab' || i, '978' || lpad(i::text, 10, '0'), 'x' || i, i % 50"
            + " FROM generate_series(1, 200000) i");
        s.execute("CREATE INDEX book_title ON \"Lib\".\"Book\" (\"Title\")"); // plain: no use to a LIKE here
        s.execute("CREATE INDEX book_isbn ON \"Lib\".\"Book\" (isbn bpchar_pattern_ops)");
        s.execute("CREATE INDEX book_lower_isbn ON \"Lib\".\"Book\" (lower(isbn) text_pattern_ops)");
        s.execute("ANALYZE \"Lib\".\"Book\"");
        assertThat(LiveDb.plan(s, TITLE)).as("the plain index serves no LIKE under this collation")
            .contains("Seq Scan");
      }
      StringBuilder log = new StringBuilder();
      int pid = 100;
      for (String q : List.of(TITLE, ORDER, ISBN, LOWER, LOWER_ISBN, ILIKE, EQ_ORDER)) {
        for (int i = 0; i < 3; i++) {
          log.append(String.format("2026-11-28 10:00:%02d.000 UTC [%d] LOG:  duration: 40.000 ms  statement: %s%n",
              i, pid++, q));
        }
      }
      Path file = Files.writeString(dir.resolve("postgresql.log"), log.toString());

      for (String planner : List.of("--no-planner", "--planner")) {
        CliRun run = new CliRun();
        List<String> args = new ArrayList<>(List.of("analyze", "--db", url, "--db-user", "postgres", "--format",
            "json", file.toString()));
        if (planner.equals("--no-planner")) {
          args.add(1, planner);
        }
        assertThat(run.run(args.toArray(String[]::new))).as(run.err()).isZero();
        JsonNode recs = new ObjectMapper().readTree(run.out()).get("recommendations");
        List<String> columns = new ArrayList<>();
        recs.forEach(r -> columns.add(r.get("columns").toString()));
        assertThat(columns).as(planner).containsExactlyInAnyOrder("[\"Title varchar_pattern_ops\"]",
            "[\"shelf\",\"order text_pattern_ops\"]", "[\"lower(order) text_pattern_ops\"]");

        try (Connection c = LiveDb.connect(url, "postgres"); Statement s = c.createStatement()) {
          for (JsonNode r : recs) {
            s.execute(r.get("ddl").asText());
            s.execute(r.get("ddl").asText()); // IF NOT EXISTS: a migration run twice
          }
          s.execute("ANALYZE \"Lib\".\"Book\"");
          java.util.function.Function<String, String> name = cols -> recs.get(columns.indexOf(cols)).get("name")
              .asText();
          assertThat(LiveDb.plan(s, TITLE)).contains(name.apply("[\"Title varchar_pattern_ops\"]"));
          assertThat(LiveDb.plan(s, ORDER)).contains(name.apply("[\"shelf\",\"order text_pattern_ops\"]"));
          assertThat(LiveDb.plan(s, EQ_ORDER)).as("the pattern index serves the equality too: no second index")
              .contains(name.apply("[\"shelf\",\"order text_pattern_ops\"]"));
          assertThat(LiveDb.plan(s, ISBN)).contains("book_isbn");
          assertThat(LiveDb.plan(s, LOWER_ISBN)).contains("book_lower_isbn");
          assertThat(LiveDb.plan(s, LOWER)).contains(name.apply("[\"lower(order) text_pattern_ops\"]"));
          for (JsonNode r : recs) {
            s.execute("DROP INDEX \"Lib\"." + Identifiers.quote(Dialect.POSTGRESQL, r.get("name").asText()));
          }
        }
      }
    });
  }
}
