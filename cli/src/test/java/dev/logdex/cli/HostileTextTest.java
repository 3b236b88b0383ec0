package dev.logdex.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Log text reaches people through a terminal, Markdown and HTML: it must arrive there as text. The reproductions of
 * the hostile-input issue (terminal escapes, Markdown injection) and a seeded fuzz of hostile samples.
 */
class HostileTextTest {

  private static String csvField(String s) {
    return "\"" + s.replace("\"", "\"\"") + "\"";
  }

  private static Path pgss(Path dir, String... queries) throws Exception {
    StringBuilder b = new StringBuilder("query,calls,total_exec_time,rows\n");
    int calls = 1000;
    for (String q : queries) {
      b.append(csvField(q)).append(',').append(calls).append(',').append(calls * 2).append(".0,").append(calls)
          .append('\n');
      calls--;
    }
    return Files.writeString(dir.resolve("pgss.csv"), b.toString());
  }

  private static final String ESCAPES = "SELECT '\u202e\u001b[2J' FROM t WHERE a = '\u001b]0;pwned\u0007"
      + "\u001b[31mred\u009b' AND b = $1";

  @Test
  void terminalEscapesArePrintedAsEscapes(@TempDir Path dir) throws Exception {
    Path log = pgss(dir, ESCAPES);
    for (String format : new String[] {"text", "markdown"}) {
      CliRun cli = new CliRun();
      assertThat(cli.run("analyze", "-q", "--format", format, log.toString())).as(cli.err())
          .isZero();
      assertThat(cli.out()).as(format).doesNotContain("\u001b").doesNotContain("\u0007").doesNotContain("\u202e")
          .doesNotContain("\u009b").contains("\\u202e\\x1b[2J");
    }
    // In HTML too: a browser would show the text around a bidirectional override in another order.
    CliRun html = new CliRun();
    assertThat(html.run("analyze", "-q", "--format", "html", log.toString())).as(html.err()).isZero();
    assertThat(html.out()).doesNotContain("\u001b").doesNotContain("\u0007").doesNotContain("\u202e")
        .doesNotContain("\u009b").contains("\\u202e\\x1b[2J");
    CliRun json = new CliRun();
    assertThat(json.run("analyze", "-q", "--format", "json", log.toString())).as(json.err()).isZero();
    // JSON escapes the C0 controls itself; the C1 CSI and the bidirectional override are escaped too.
    assertThat(json.out()).doesNotContain("\u001b").doesNotContain("\u0007").doesNotContain("\u202e")
        .doesNotContain("\u009b").contains("\\u202e\\u001B[2J");
    String id = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.out()).at("/top_queries/0/fingerprint")
        .asText();
    CliRun explain = new CliRun();
    assertThat(explain.run("explain", id, log.toString())).as(explain.err()).isZero();
    assertThat(explain.out()).doesNotContain("\u001b").doesNotContain("\u0007").contains("\\x1b]0;pwned\\x07");
  }

  @Test
  void aHostileTableNameIsEscapedInTheNotesAndTheRejections(@TempDir Path dir) throws Exception {
    // Without a schema, the note names the tables whose likely primary keys were left out, and
    // --explain-rejections every candidate: names a quoted identifier in the log can fill with anything.
    Path log = pgss(dir, "SELECT * FROM \"Ord\u001b[31mers\u202e\" WHERE id = $1",
        "SELECT * FROM \"Ord\u001b[31mers\u202e\" WHERE note = $1 AND id > $2");
    CliRun cli = new CliRun();
    assertThat(cli.run("analyze", "-q", "--explain-rejections", log.toString())).as(cli.err()).isZero();
    assertThat(cli.out()).contains("likely primary keys: Ord\\x1b[31mers\\u202e(id)")
        .contains("Rejected candidates:").doesNotContain("\u001b").doesNotContain("\u202e");
    assertThat(cli.err()).doesNotContain("\u001b").doesNotContain("\u202e");
  }

  @Test
  void lintEscapesAHostileTableNameInEveryLine(@TempDir Path dir) throws Exception {
    Path schema = Files.writeString(dir.resolve("schema.sql"), "CREATE TABLE \"Ord\u001b[31mers\u202e\" (id bigint "
        + "PRIMARY KEY, parent_id bigint REFERENCES \"Ord\u001b[31mers\u202e\"(id));\n");
    CliRun cli = new CliRun();
    assertThat(cli.run("lint", "--schema", schema.toString())).as(cli.err()).isZero();
    assertThat(cli.out()).contains("unindexed-foreign-key  Ord\\x1b[31mers\\u202e(parent_id)")
        .doesNotContain("\u001b").doesNotContain("\u202e");
  }

  @Test
  void diffEscapesTheRecommendationsItLists(@TempDir Path dir) throws Exception {
    Path schema = Files.writeString(dir.resolve("schema.sql"), "CREATE TABLE \"Ord\u001b[31mers\u202e\" (id bigint "
        + "PRIMARY KEY, \"st\u009batus\" text, created_at timestamptz);\n");
    String query = "SELECT * FROM \"Ord\u001b[31mers\u202e\" WHERE \"st\u009batus\" = $1 ORDER BY created_at";
    Path before = dir.resolve("before.json");
    Path after = dir.resolve("after.json");
    for (Path snapshot : List.of(before, after)) {
      Path day = Files.createDirectories(dir.resolve(snapshot.getFileName() + ".d"));
      CliRun save = new CliRun();
      assertThat(save.run("analyze", "-q", "--schema", schema.toString(), "--save", snapshot.toString(),
          pgss(day, query).toString())).as(save.err()).isZero();
    }
    for (String format : new String[] {"text", "markdown"}) {
      CliRun diff = new CliRun();
      assertThat(diff.run("diff", "--format", format, before.toString(), after.toString())).as(diff.err()).isZero();
      // On PostgreSQL the DDL names the table with Unicode escapes (Identifiers.quote): nothing left to escape.
      assertThat(diff.out()).as(format).contains("CREATE INDEX").contains("U&\"Ord\\001B[31mers\\202E\"")
          .doesNotContain("\u001b").doesNotContain("\u202e").doesNotContain("\u009b");
    }
  }

  @Test
  void aPipeInACodeSpanCannotSplitTheCellAndLetHtmlIn(@TempDir Path dir) throws Exception {
    Path log = pgss(dir, "SELECT '<img src=x onerror=alert(1)>' FROM t WHERE a = '|'",
        "SELECT 1 FROM `x`` | <b>` WHERE \"a|b\" = $1");
    CliRun cli = new CliRun();
    assertThat(cli.run("analyze", "-q", "--format", "markdown", log.toString())).as(cli.err()).isZero();
    assertNoHtmlOutsideCode(cli.out());
    assertTablesKeepTheirShape(cli.out());
  }

  /** No < outside code spans, where Markdown would take it for HTML. */
  private static void assertNoHtmlOutsideCode(String markdown) {
    String outside = markdown.replaceAll("(?s)```sql.*?```", "").replaceAll("(?<!`)(`+)(?!`).*?(?<!`)\\1(?!`)", "");
    assertThat(outside).doesNotContain("<");
  }

  /** Every row of every Markdown table has as many cells as its header: no | from the text ended a cell. */
  private static void assertTablesKeepTheirShape(String markdown) {
    int cells = -1;
    for (String line : markdown.lines().toList()) {
      if (!line.startsWith("|")) {
        cells = -1;
        continue;
      }
      int n = line.replace("\\\\", "").replace("\\|", "").length()
          - line.replace("\\\\", "").replace("\\|", "").replace("|", "").length();
      if (cells < 0) {
        cells = n;
      }
      assertThat(n).as("cells of %s", line).isEqualTo(cells);
    }
  }

  @Test
  void hostileSamplesNeverBreakTheMarkdownOrTheTerminal(@TempDir Path dir) throws Exception {
    String[] pieces = {"|", "`", "``", "<", ">", "<script>", "&", "\\", "*", "_", "[", "](", "!", "#", "\n", "\r",
        "\u001b[2J", "\u0007", "\u202e", "\u0000", "'", "\"", " ", "x", "$1"};
    Random random = new Random(77);
    String[] queries = new String[300];
    for (int i = 0; i < queries.length; i++) {
      StringBuilder b = new StringBuilder("SELECT a FROM t" + i + " WHERE b = '");
      for (int k = random.nextInt(10); k >= 0; k--) {
        b.append(pieces[random.nextInt(pieces.length)].replace("'", "''"));
      }
      queries[i] = b.append("'").toString();
    }
    Path log = pgss(dir, queries);
    CliRun markdown = new CliRun();
    assertThat(markdown.run("analyze", "-q", "--format", "markdown", log.toString())).as(markdown.err()).isZero();
    assertTablesKeepTheirShape(markdown.out());
    assertNoHtmlOutsideCode(markdown.out());
    assertThat(markdown.out()).doesNotContain("\u001b").doesNotContain("\u0000");
    CliRun text = new CliRun();
    assertThat(text.run("analyze", "-q", log.toString())).isZero();
    assertThat(text.out()).doesNotContain("\u001b").doesNotContain("\u0007").doesNotContain("\r");
  }
}
