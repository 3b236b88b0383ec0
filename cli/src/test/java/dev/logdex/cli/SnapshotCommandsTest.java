package dev.logdex.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** analyze --save, merge, diff and migrate --from, through the command line. */
class SnapshotCommandsTest {
  private static final String SCHEMA = "../sample-logs/shop/schema.sql";
  private static final String LOG = "../sample-logs/shop/pg_stat_statements.csv";

  private static Path save(Path dir, String name) {
    Path p = dir.resolve(name);
    CliRun cli = new CliRun();
    assertThat(cli.run("analyze", "-q", "--schema", SCHEMA, "--save", p.toString(), LOG)).isZero();
    return p;
  }

  @Test
  void analyzeFromASnapshotGivesTheReportOfTheLogsItWasMadeOf(@TempDir Path dir) throws Exception {
    Path a = save(dir, "a.json");
    CliRun logs = new CliRun();
    assertThat(logs.run("analyze", "-q", "--schema", SCHEMA, "--format", "json", LOG)).isZero();
    CliRun from = new CliRun();
    assertThat(from.run("analyze", "-q", "--from", a.toString(), "--format", "json")).as(from.err()).isZero();
    assertThat(from.out()).isEqualTo(logs.out());
    CliRun both = new CliRun();
    assertThat(both.run("analyze", "--from", a.toString(), LOG)).isEqualTo(2);
    assertThat(both.err()).contains("--from takes the workload and schema from the snapshot");
  }

  @Test
  void mergingASnapshotWithItselfDoublesCallsAndChangesNoMean(@TempDir Path dir) throws Exception {
    Path a = save(dir, "a.json");
    Path both = dir.resolve("both.json");
    CliRun merge = new CliRun();
    assertThat(merge.run("merge", a.toString(), a.toString(), "--save", both.toString())).isZero();
    assertThat(merge.out()).contains("merged 2 snapshots");
    var mapper = new ObjectMapper();
    assertThat(mapper.readTree(both.toFile()).get("statements").asLong())
        .isEqualTo(2 * mapper.readTree(a.toFile()).get("statements").asLong());
    CliRun diff = new CliRun();
    assertThat(diff.run("diff", a.toString(), both.toString(), "--fail-on-regression", "1")).isZero();
    assertThat(diff.out()).doesNotContain("slower (");
  }

  @Test
  void aSlowerQueryClassIsReportedAndFailsTheThreshold(@TempDir Path dir) throws Exception {
    Path before = save(dir, "before.json");
    var mapper = new ObjectMapper();
    ObjectNode after = (ObjectNode) mapper.readTree(before.toFile());
    ObjectNode q = (ObjectNode) after.get("queries").get(0);
    q.put("total_ms", q.get("total_ms").asDouble() * 3); // three times slower per call
    Path afterFile = dir.resolve("after.json");
    mapper.writeValue(afterFile.toFile(), after);
    CliRun diff = new CliRun();
    assertThat(diff.run("diff", before.toString(), afterFile.toString(), "--format", "markdown",
        "--fail-on-regression", "50")).isEqualTo(3);
    assertThat(diff.out()).contains("## logdex: before / after").contains("slower +200%")
        .contains(q.get("fingerprint").asText());
    assertThat(diff.err()).contains("200.0% slower, past --fail-on-regression 50.0");
    CliRun html = new CliRun();
    assertThat(html.run("diff", before.toString(), afterFile.toString(), "--format", "html")).isZero();
    assertThat(html.out()).startsWith("<!DOCTYPE html>").contains("id=\"chart-diff\"").contains("slower +200%");
  }

  @Test
  void migrateFromASnapshotWritesPlainScripts(@TempDir Path dir) throws Exception {
    Path a = save(dir, "a.json");
    CliRun cli = new CliRun();
    Path out = dir.resolve("m");
    assertThat(cli.run("migrate", "--from", a.toString(), "--to", out.toString(), "--style", "plain", "--top", "2",
        "--only", "indexes")).isZero();
    assertThat(Files.readString(out.resolve("up.sql"))).contains("CREATE INDEX CONCURRENTLY IF NOT EXISTS")
        .contains("-- serves ");
    assertThat(Files.readString(out.resolve("down.sql"))).contains("DROP INDEX CONCURRENTLY IF EXISTS");
    CliRun again = new CliRun();
    assertThat(again.run("migrate", "--from", a.toString(), "--to", out.toString(), "--style", "plain"))
        .isEqualTo(2);
    assertThat(again.err()).contains("already exists");
    assertThat(new CliRun().run("migrate", "--from", a.toString(), "--to", out.toString(), "--only", "everything"))
        .isEqualTo(2);
  }

  @Test
  void aFileThatIsNotASnapshotIsAUsageError(@TempDir Path dir) throws Exception {
    CliRun cli = new CliRun();
    assertThat(cli.run("diff", LOG, LOG)).isEqualTo(2);
    assertThat(cli.err()).contains(LOG).contains("not JSON");
  }

  @Test
  void explainShowsOneQueryClassFromASnapshot(@TempDir Path dir) throws Exception {
    Path a = save(dir, "a.json");
    CliRun cli = new CliRun();
    assertThat(cli.run("explain", "7f1da2f4", "--from", a.toString())).as(cli.err()).isZero();
    assertThat(cli.out()).contains("query class 7f1da2f4").contains("orders: user_id=equality; created_at=order_by desc")
        .contains("served by:").contains("idx_orders_user_id_created_at");
    CliRun none = new CliRun();
    assertThat(none.run("explain", "ffffffff", "--from", a.toString())).isEqualTo(2);
    assertThat(none.err()).contains("no query class ffffffff");
  }
}
