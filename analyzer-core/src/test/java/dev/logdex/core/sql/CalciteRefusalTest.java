package dev.logdex.core.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.logdex.core.Corpus;
import dev.logdex.core.fingerprint.Fingerprinter;
import dev.logdex.core.lex.SqlScanner;
import dev.logdex.core.model.Dialect;
import dev.logdex.core.model.UseKind;
import dev.logdex.core.schema.DdlSchemaLoader;
import dev.logdex.core.schema.Schema;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The statements the analyzer sends straight to JSqlParser, because Calcite is sure to refuse them (no REPLACE, no
 * {@code @} token), are ones both of Calcite's grammars do refuse: the shortcut saves Calcite's dear error path and
 * changes no outcome.
 */
class CalciteRefusalTest {

  private static final SqlScanner POSTGRES = SqlScanner.postgres();
  private static final SqlScanner MYSQL = SqlScanner.mysql();

  private static boolean refused(String sql, SqlScanner scanner) {
    return StatementAnalyzer.calciteRefuses(sql, StatementAnalyzer.firstKeyword(sql, scanner), scanner);
  }

  /** Whether the analyzer would ask a parser at all: a statement it reads, not a SET or a log's prefix. */
  private static boolean read(String sql, SqlScanner scanner) {
    return StatementAnalyzer.ANALYSED_KEYWORDS.contains(StatementAnalyzer.firstKeyword(sql, scanner));
  }

  /** Calcite as the analyzer would ask it, in every grammar it has, refuses {@code sql}. */
  private static void assertCalciteRefuses(String sql, SqlScanner scanner) {
    boolean backticks = scanner.dialect() == Dialect.MYSQL || sql.indexOf('`') >= 0;
    for (CalciteTranslator.Grammar grammar : CalciteTranslator.Grammar.values()) {
      assertThatThrownBy(() -> new CalciteTranslator(backticks, grammar).parse(sql))
          .as("Calcite (%s) on %s", grammar, sql).isNotNull();
    }
  }

  @Test
  void mysqlVariablesAndReplaceGoStraightToJsqlParser() {
    for (String sql : List.of("select @@version_comment limit 1", "SELECT @@GLOBAL.SERVER_UUID",
        "SELECT @master_binlog_checksum", "SELECT id FROM users WHERE id = @uid",
        "REPLACE INTO percona_test.sentinela (id, ping) VALUES (1, 'x')", "replace `foo` values('bar')",
        "REPLACE users SET id = ?")) {
      assertThat(refused(sql, MYSQL)).as(sql).isTrue();
      assertCalciteRefuses(sql, MYSQL);
    }
  }

  @Test
  void postgresOperatorsWithAnAtGoStraightToJsqlParser() {
    for (String sql : List.of("SELECT id FROM docs WHERE body @> $1 AND owner_id = $2",
        "SELECT id FROM docs WHERE tags <@ ARRAY[$1]", "SELECT id FROM docs WHERE tsv @@ to_tsquery($1)",
        "SELECT @ -5")) {
      assertThat(refused(sql, POSTGRES)).as(sql).isTrue();
      assertCalciteRefuses(sql, POSTGRES);
    }
  }

  @Test
  void anAtThatIsQuotedOrCommentedOrWhereCalcitesCommentsDifferIsLeftToCalcite() {
    assertThat(refused("SELECT id FROM users WHERE email = 'a@b.example'", MYSQL)).isFalse();
    assertThat(refused("SELECT `a@b` FROM t", MYSQL)).isFalse();
    assertThat(refused("SELECT \"a@b\" FROM t", POSTGRES)).isFalse();
    assertThat(refused("SELECT $$@$$", POSTGRES)).isFalse();
    assertThat(refused("SELECT a /* @x */ FROM t", POSTGRES)).isFalse();
    assertThat(refused("SELECT a FROM t -- @x", POSTGRES)).isFalse();
    // MySQL reads these as code; Calcite as comments, and parses the statement.
    assertThat(refused("SELECT a FROM t --@x", MYSQL)).isFalse();
    assertThat(refused("SELECT a FROM t // @x", MYSQL)).isFalse();
    assertThat(refused("SELECT /*!40001 @x */ a FROM t", MYSQL)).isFalse();
    assertThat(refused("SELECT a FROM t WHERE b = 'open", MYSQL)).as("left open").isFalse();
  }

  @Test
  void aStatementWithAJsonbContainmentStillHasItsColumnsCounted() {
    Schema schema = new DdlSchemaLoader().load(
        "CREATE TABLE docs (id bigint PRIMARY KEY, owner_id bigint, body jsonb);", "test").schema();
    StatementAnalyzer analyzer = new StatementAnalyzer(schema, new SimpleMeterRegistry());
    String sql = "SELECT id FROM docs WHERE body @> $1 AND owner_id = $2";
    StatementAnalysis a = analyzer.analyze(Fingerprinter.standard().fingerprint(sql), sql);
    assertThat(a).isInstanceOfSatisfying(StatementAnalysis.Parsed.class, p -> {
      assertThat(p.parser()).isEqualTo("jsqlparser");
      assertThat(p.profile().uses()).filteredOn(u -> u.kind() == UseKind.EQUALITY)
          .extracting(u -> u.column().toString()).contains("docs.owner_id");
    });
  }

  /**
   * Over every line of the corpus's logs with an {@code @} or a REPLACE (the statement after a PostgreSQL log's
   * {@code statement:}, a general log's {@code Query}, else the whole line, split at semicolons): whatever the
   * shortcut lets by, Calcite refuses. The text need not be a whole statement for that to hold.
   */
  @Test
  void overTheCorpusCalciteRefusesEverythingTheShortcutLetsBy() throws IOException {
    Path root = Corpus.root();
    int mysql = 0;
    int postgres = 0;
    for (String text : candidates(root.resolve("mysql-slow"), root.resolve("mysql-general"))) {
      if (read(text, MYSQL) && refused(text, MYSQL)) {
        assertCalciteRefuses(text, MYSQL);
        mysql++;
      }
    }
    for (String text : candidates(root.resolve("pg-logs"))) {
      if (read(text, POSTGRES) && refused(text, POSTGRES)) {
        assertCalciteRefuses(text, POSTGRES);
        postgres++;
      }
    }
    // 15 and 4 on the corpus of 2026-12: MySQL's @@settings and REPLACE, PostgreSQL's jsonb operators.
    assertThat(mysql).as("MySQL texts sent straight to JSqlParser").isGreaterThanOrEqualTo(10);
    assertThat(postgres).as("PostgreSQL texts sent straight to JSqlParser").isPositive();
  }

  private static Set<String> candidates(Path... dirs) throws IOException {
    Set<String> out = new LinkedHashSet<>();
    for (Path dir : dirs) {
      List<Path> files;
      try (Stream<Path> s = Files.list(dir)) {
        files = s.filter(Files::isRegularFile).sorted().toList();
      }
      for (Path f : files) {
        for (String line : new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1).split("\n")) {
          if (line.indexOf('@') < 0 && !line.toLowerCase(java.util.Locale.ROOT).contains("replace")) {
            continue;
          }
          for (String part : statementPart(line).split(";")) {
            String t = part.strip();
            if (!t.isEmpty() && t.length() < 20_000) {
              out.add(t);
            }
          }
        }
      }
    }
    return out;
  }

  private static String statementPart(String line) {
    for (String m : List.of("statement: ", "STATEMENT:  ", "Query\t", "Execute\t")) {
      int i = line.lastIndexOf(m);
      if (i >= 0) {
        return line.substring(i + m.length());
      }
    }
    return line;
  }
}
