package dev.logdex.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Filters applied while reading: what they leave out is counted, said at the top of the report, and kept apart. */
class FiltersTest {
  @TempDir Path dir;

  /** Three statements: 10:00 in shop by app, 11:00 in shop by report, 12:00 in crm by app. */
  private Path log() throws Exception {
    String entry = """
        # Time: 2026-11-28T%s:00:00.000000Z
        # User@Host: %s[%s] @ localhost []  Id: 5
        # Query_time: 1.5  Lock_time: 0.0 Rows_sent: 1  Rows_examined: 100000
        use %s;
        SELECT * FROM orders WHERE %s = 1;
        """;
    return Files.writeString(dir.resolve("slow.log"), String.format(entry, "10", "app", "app", "shop", "a")
        + String.format(entry, "11", "report", "report", "shop", "b")
        + String.format(entry, "12", "app", "app", "crm", "c"));
  }

  private static JsonNode json(CliRun cli) throws Exception {
    return new ObjectMapper().readTree(cli.out());
  }

  @Test
  void aDatabaseFilterKeepsItsStatementsAndTheReportSaysWhatWasLeftOut() throws Exception {
    CliRun cli = new CliRun();
    assertThat(cli.run("analyze", "-q", "--format", "json", "--database", "shop", log().toString()))
        .as(cli.err()).isZero();
    JsonNode r = json(cli);
    assertThat(r.at("/summary/statements").asLong()).isEqualTo(2);
    assertThat(r.at("/inputs/0/passed_over/left out by --database shop").asLong()).isEqualTo(1);
    CliRun text = new CliRun();
    assertThat(text.run("analyze", "--database", "shop", log().toString())).isZero();
    assertThat(text.out()).contains("\nnote: Filtered while reading: 1 left out by --database shop.");
  }

  @Test
  void aTimeWindowAndUsersKeepWhatTheySay() throws Exception {
    CliRun cli = new CliRun();
    assertThat(cli.run("analyze", "-q", "--format", "json", "--since", "2026-11-28 10:30", "--until",
        "2026-11-28T12:00:00Z", log().toString())).as(cli.err()).isZero();
    assertThat(json(cli).at("/summary/statements").asLong()).as("only 11:00").isEqualTo(1);
    CliRun users = new CliRun();
    assertThat(users.run("analyze", "-q", "--format", "json", "--exclude-user", "report", log().toString()))
        .as(users.err()).isZero();
    assertThat(json(users).at("/summary/statements").asLong()).isEqualTo(2);
  }

  @Test
  void classFiltersLeaveOutWhatTheySayAndTheHeaderCountsIt() throws Exception {
    String schema = "../sample-logs/shop/schema.sql";
    String log = "../sample-logs/shop/pg_stat_statements.csv";
    CliRun all = new CliRun();
    assertThat(all.run("analyze", "-q", "--format", "json", "--schema", schema, log)).isZero();
    long classes = json(all).at("/summary/fingerprints").asLong();
    CliRun cli = new CliRun();
    assertThat(cli.run("analyze", "-q", "--format", "json", "--table", "orders", "--min-calls", "2", "--schema",
        schema, log)).as(cli.err()).isZero();
    JsonNode r = json(cli);
    assertThat(r.get("recommendations")).allSatisfy(x -> assertThat(x.get("table").asText()).isEqualTo("orders"));
    assertThat(r.get("top_queries")).allSatisfy(q -> assertThat(q.get("calls").asLong()).isGreaterThanOrEqualTo(2));
    assertThat(r.get("notes").toString()).contains("Filtered by query class (--min-calls 2, --table orders)")
        .contains("of " + classes + " classes left out");
    // The snapshot of the part kept says so, and so does a merge of it.
    Path saved = dir.resolve("kept.json");
    CliRun save = new CliRun();
    assertThat(save.run("analyze", "-q", "--table", "orders", "--schema", schema, "--save", saved.toString(), log))
        .as(save.err()).isZero();
    assertThat(new ObjectMapper().readTree(saved.toFile()).get("class_filters").toString())
        .contains("Filtered by query class (--table orders)");
    Path merged = dir.resolve("merged.json");
    CliRun merge = new CliRun();
    assertThat(merge.run("merge", "--save", merged.toString(), saved.toString(), saved.toString()))
        .as(merge.err()).isZero();
    assertThat(new ObjectMapper().readTree(merged.toFile()).get("class_filters")).hasSize(1);
  }

  @Test
  void filtersThatLeaveNothingSaySoAndExit2() throws Exception {
    CliRun cli = new CliRun();
    assertThat(cli.run("analyze", "-q", "--database", "nosuch", log().toString())).isEqualTo(2);
    assertThat(cli.err()).contains("the filters (--database nosuch) left out all 3 statements");
    CliRun bad = new CliRun();
    assertThat(bad.run("analyze", "--since", "yesterday", log().toString())).isEqualTo(2);
    assertThat(bad.err()).contains("--since yesterday: give a timestamp");
  }

  @Test
  void applicationsAndClientHostsAreFilteredAndEachClassCountsItsOwn() throws Exception {
    Path log = Files.writeString(dir.resolve("postgresql.log"), """
        2026-11-28 10:00:00 UTC [1]: user=app,db=shop,app=web,client=10.0.0.1 LOG:  duration: 5 ms  statement: SELECT * FROM orders WHERE id = 1
        2026-11-28 10:00:01 UTC [2]: user=app,db=shop,app=web,client=10.0.0.2 LOG:  duration: 5 ms  statement: SELECT * FROM orders WHERE id = 2
        2026-11-28 10:00:02 UTC [3]: user=app,db=shop,app=sidekiq,client=10.0.0.3 LOG:  duration: 5 ms  statement: SELECT * FROM orders WHERE id = 3
        """);
    CliRun web = new CliRun();
    assertThat(web.run("analyze", "-q", "--format", "json", "--application", "web", "--exclude-host", "10.0.0.2",
        log.toString())).as(web.err()).isZero();
    JsonNode r = json(web);
    assertThat(r.at("/summary/statements").asLong()).isEqualTo(1);
    assertThat(r.at("/inputs/0/passed_over/left out by --application web").asLong()).isEqualTo(1);
    assertThat(r.at("/inputs/0/passed_over/left out by --exclude-host 10.0.0.2").asLong()).isEqualTo(1);
    CliRun all = new CliRun();
    assertThat(all.run("analyze", "-q", "--format", "json", log.toString())).isZero();
    JsonNode q = json(all).at("/top_queries/0");
    assertThat(q.at("/applications/web").asLong()).isEqualTo(2);
    assertThat(q.at("/applications/sidekiq").asLong()).isEqualTo(1);
    assertThat(q.get("hosts")).hasSize(3);
  }
}
