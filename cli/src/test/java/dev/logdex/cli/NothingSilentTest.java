package dev.logdex.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run that read nothing, or that rests on little, says so: exit 2 for nothing, a warning for little. */
class NothingSilentTest {
  private static final String LOG = "../sample-logs/shop/pg_stat_statements.csv";

  @TempDir Path dir;

  private final CliRun cli = new CliRun();

  @Test
  void aForcedFormatThatRecognisesNothingIsAnErrorNamingTheFileAndWhatItLooksLike() throws Exception {
    Path slow = Files.writeString(dir.resolve("slow.log"), """
        # Time: 2024-05-01T10:00:00.000000Z
        # Query_time: 2.500000  Lock_time: 0.000100 Rows_sent: 1  Rows_examined: 500000
        SELECT * FROM orders WHERE customer_id = 42;
        """);
    assertThat(cli.run("analyze", "--input-format", "postgres", slow.toString())).isEqualTo(2);
    assertThat(cli.err()).contains(slow.toString()).contains("read as postgres, nothing in it was recognised")
        .contains("it looks like mysql_slow").doesNotContain("Exception");
    assertThat(cli.out()).isEmpty();
  }

  @Test
  void aBinaryFileIsNotReadAsStatements() throws Exception {
    byte[] bytes = new byte[4096];
    new java.util.Random(7).nextBytes(bytes);
    Path bin = Files.write(dir.resolve("data.sql"), bytes);
    assertThat(cli.run("analyze", "--input-format", "sql", bin.toString())).isEqualTo(2);
    assertThat(cli.err()).contains("binary data, not a text log");
  }

  @Test
  void logsWithNoStatementAtAllAreAnError() throws Exception {
    Path pgss = Files.writeString(dir.resolve("pgss.csv"), "query,calls,total_exec_time,rows\n");
    assertThat(cli.run("analyze", pgss.toString())).isEqualTo(2);
    assertThat(cli.err()).contains("no statement was read from " + pgss);
  }

  @Test
  void aSchemaThatMatchesNoneOfTheLogsTablesIsSaid() throws Exception {
    Path schema = Files.writeString(dir.resolve("other.sql"), "CREATE TABLE invoices (id bigint PRIMARY KEY);\n");
    assertThat(cli.run("analyze", "--schema", schema.toString(), LOG)).isZero();
    assertThat(cli.err()).contains("warning: none of the").contains("is in the schema");
    assertThat(cli.out()).contains("none of the");
  }

  @Test
  void aWorkloadMostlyUnparsedIsSaid() throws Exception {
    Path pgss = Files.writeString(dir.resolve("pgss.csv"), """
        query,calls,total_exec_time,rows
        "SELECT * FROM orders WHERE customer_id = $1",10,100,10
        "SELECT * FROM WHERE x == ((",10,100,10
        "SELECT FROM WHERE AND",10,100,10
        "UPDATE SET WHERE ((",10,100,10
        """);
    assertThat(cli.run("analyze", pgss.toString())).isZero();
    assertThat(cli.err()).contains("3 of 4 statement classes could not be parsed");
  }

  @Test
  void aReadableWorkloadOnAMatchingSchemaRaisesNoDoubt() {
    assertThat(cli.run("analyze", "--schema", "../sample-logs/shop/schema.sql", LOG)).isZero();
    assertThat(cli.err()).doesNotContain("warning");
  }

  @Test
  void aSchemaStatementThatCannotBeReadIsPrintedWithItsLineAndTheReportSaysTheSchemaIsIncomplete() throws Exception {
    Path schema = Files.writeString(dir.resolve("schema.sql"), """
        CREATE TABLE settings (key text NOT NULL, value text, type text, status text, level int);

        CREATE TABLE t2 id int, a int;
        """);
    Path pgss = Files.writeString(dir.resolve("pgss.csv"), """
        query,calls,total_exec_time,rows
        "SELECT * FROM settings WHERE key = $1",10,100,10
        "SELECT * FROM t2 WHERE a = $1",10,100,10
        """);
    assertThat(cli.run("analyze", "--schema", schema.toString(), pgss.toString())).isZero();
    assertThat(cli.err()).contains(schema + ":3: could not read 'CREATE TABLE t2 id int, a int'")
        .contains("the schema is incomplete");
    assertThat(cli.out().lines().limit(3)).anySatisfy(l -> assertThat(l).contains("The schema is incomplete: 1 of"));
  }
}
