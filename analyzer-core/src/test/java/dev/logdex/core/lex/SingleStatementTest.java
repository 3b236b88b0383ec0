package dev.logdex.core.lex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.logdex.core.model.StatementKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The gate between a log and a database: one statement of an allowed kind, nothing after it, nothing hidden. */
class SingleStatementTest {

  private static final SqlScanner PG = SqlScanner.postgres();
  private static final SqlScanner MY = SqlScanner.mysql();

  private static SingleStatement.Checked pg(String sql) throws SingleStatement.RefusedException {
    return SingleStatement.check(sql, PG, SingleStatement.READS_UPDATES_DELETES);
  }

  private static SingleStatement.Checked my(String sql) throws SingleStatement.RefusedException {
    return SingleStatement.check(sql, MY, SingleStatement.READS_UPDATES_DELETES);
  }

  @Test
  void aPlainQueryPassesWithoutItsTrailingSemicolonAndComments() throws Exception {
    SingleStatement.Checked s = pg("SELECT * FROM orders WHERE id = $2 AND note = $1 ;  -- done\n");
    assertThat(s.text()).isEqualTo("SELECT * FROM orders WHERE id = $2 AND note = $1");
    assertThat(s.kind()).isEqualTo(StatementKind.SELECT);
    assertThat(s.parameters()).isEqualTo(2);
    assertThat(pg("/* app:shop */ (SELECT 1) UNION (SELECT 2)").text()).isEqualTo("(SELECT 1) UNION (SELECT 2)");
  }

  @Test
  void aSecondStatementIsRefusedWhateverHidesIt() {
    for (String sql : List.of(
        "SELECT * FROM orders WHERE id = 7; SET default_transaction_read_only = off",
        "SELECT * FROM orders WHERE user_id = 9; DROP TABLE victim_t",
        "SELECT 1;DROP TABLE victim_t;",
        "SELECT 'a'';' ; DROP TABLE victim_t",
        "SELECT E'\\';' ; DROP TABLE victim_t",
        "SELECT $x$ ; $x$; DROP TABLE victim_t",
        "SELECT /* a /* nested */ ; */ 1; DROP TABLE victim_t",
        "SELECT 1 -- comment\r; DROP TABLE victim_t",
        "SELECT a$b$ FROM t; DROP TABLE victim_t $b$")) {
      assertThatThrownBy(() -> pg(sql)).as(sql).isInstanceOf(SingleStatement.RefusedException.class);
    }
    for (String sql : List.of(
        "SELECT 'a\\';' ; DROP TABLE victim_t",
        "SELECT 1 /*!50000 ; DROP TABLE victim_t */",
        "SELECT 1 /*M! ; DROP TABLE victim_t */",
        "SELECT 1 # x\n; DROP TABLE victim_t",
        "SELECT 1 --\n; DROP TABLE victim_t")) {
      assertThatThrownBy(() -> my(sql)).as(sql).isInstanceOf(SingleStatement.RefusedException.class);
    }
  }

  @Test
  void quotesAndCommentsAreReadAsTheServerReadsThem() throws Exception {
    assertThat(pg("SELECT 'a''b', \"x\"\"y\", $$ ' $$, $t$ \" $t$ FROM t /* ' /* \" */ */ -- '\n WHERE a = E'\\''")
        .kind()).isEqualTo(StatementKind.SELECT);
    assertThat(my("SELECT 'a\\'', \"\\\"\", `x``y` FROM t /* ' */ # '\n WHERE a = 'x' -- '").kind())
        .isEqualTo(StatementKind.SELECT);
    // MySQL's -- needs a space after it: --1 is minus minus one.
    assertThat(my("SELECT 5 --1").text()).isEqualTo("SELECT 5 --1");
  }

  @Test
  void anOpenQuoteOrCommentIsRefused() {
    for (String sql : List.of("SELECT 'abc", "SELECT \"abc", "SELECT $q$ abc", "SELECT /* abc", "SELECT /* /* */")) {
      assertThatThrownBy(() -> pg(sql)).as(sql).hasMessageContaining("never closed");
    }
    assertThatThrownBy(() -> my("SELECT `abc")).hasMessageContaining("never closed");
    assertThatThrownBy(() -> my("SELECT 1 /*! abc")).hasMessageContaining("never closed");
  }

  @Test
  void onlyReadsUpdatesAndDeletesPassAndReadsThatWriteDoNot() throws Exception {
    assertThat(pg("UPDATE t SET a = 1 WHERE id = $1").kind()).isEqualTo(StatementKind.UPDATE);
    assertThat(pg("delete from t where id = 1").kind()).isEqualTo(StatementKind.DELETE);
    assertThat(pg("SELECT * FROM t WHERE id = 1 FOR UPDATE SKIP LOCKED").kind()).isEqualTo(StatementKind.SELECT);
    assertThat(pg("SELECT * FROM t FOR NO KEY UPDATE").kind()).isEqualTo(StatementKind.SELECT);
    for (String sql : List.of("INSERT INTO t VALUES (1)", "DROP TABLE t", "SET default_transaction_read_only = off",
        "COPY t TO '/tmp/x'", "CALL p()", "DO $$ BEGIN END $$", "BEGIN", "", "  -- only a comment",
        "SELECT * INTO newtable FROM t", "WITH d AS (DELETE FROM t RETURNING *) SELECT * FROM d",
        "WITH u AS (UPDATE t SET a = 1 RETURNING *) SELECT 1")) {
      assertThatThrownBy(() -> pg(sql)).as(sql).isInstanceOf(SingleStatement.RefusedException.class);
    }
    assertThatThrownBy(() -> my("SELECT * FROM t INTO OUTFILE '/tmp/x'"))
        .isInstanceOf(SingleStatement.RefusedException.class);
    assertThatThrownBy(() -> SingleStatement.check("UPDATE t SET a = 1", PG, SingleStatement.READS))
        .hasMessageContaining("starts with 'update'");
  }

  @Test
  void withoutStandardConformingStringsABackslashEscapesInEveryString() throws Exception {
    String sql = "SELECT 'a\\'' FROM t";
    assertThat(SingleStatement.check(sql, SqlScanner.postgres(false), SingleStatement.READS).text()).isEqualTo(sql);
    assertThatThrownBy(() -> SingleStatement.check(sql, SqlScanner.postgres(true), SingleStatement.READS))
        .hasMessageContaining("never closed");
  }

  @Test
  void noSemicolonReachesTheDriverEvenQuoted() throws Exception {
    assertThat(pg("SELECT 1 /*/; DROP TABLE victim_t; -- */").text()).as("a trailing comment is not sent")
        .isEqualTo("SELECT 1");
    // pgjdbc reads "/*/" as a whole comment, PostgreSQL as an open one: such corners are why none is sent.
    assertThatThrownBy(() -> pg("SELECT 1 /*/; DROP TABLE victim_t; -- */ FROM t"))
        .hasMessageContaining("a driver may split");
    assertThatThrownBy(() -> pg("SELECT 'a'E'\\'; DROP TABLE victim_t; --'")).hasMessageContaining("a driver may split");
    assertThatThrownBy(() -> pg("SELECT * FROM t WHERE note = ';'")).hasMessageContaining("offset 30");
  }

  /**
   * The driver splits text at semicolons by its own reading (pgjdbc does, in every query mode): whenever the gate
   * lets a text through as one statement, pgjdbc must see one statement too. Random texts from SQL's awkward
   * pieces, fixed seed.
   */
  @Test
  void whatPassesIsOneStatementToPgjdbcToo() throws Exception {
    String[] pieces = {"SELECT ", "1", " ", ";", "'", "''", "\"", "$$", "$a$", "a$b", "E'", "\\", "--", "\n", "\r",
        "/*", "*/", "x", "$1", "?", "e", "(", ")", "drop table v", "U&'", "-", "/", "*"};
    Random random = new Random(20261129L);
    int passed = 0;
    for (int i = 0; i < 200_000; i++) {
      StringBuilder b = new StringBuilder("SELECT ");
      int n = 1 + random.nextInt(12);
      for (int k = 0; k < n; k++) {
        b.append(pieces[random.nextInt(pieces.length)]);
      }
      String sql = b.toString();
      SingleStatement.Checked s;
      try {
        s = SingleStatement.check(sql, PG, SingleStatement.READS);
      } catch (SingleStatement.RefusedException e) {
        continue;
      }
      passed++;
      List<org.postgresql.core.NativeQuery> split =
          org.postgresql.core.Parser.parseJdbcSql("EXPLAIN " + s.text(), true, true, true, false, false);
      List<String> statements = new ArrayList<>();
      split.forEach(q -> statements.add(q.nativeSql));
      assertThat(statements).as("pgjdbc splits %s", sql).hasSizeLessThanOrEqualTo(1);
    }
    assertThat(passed).as("the generator makes texts that pass too").isGreaterThan(10_000);
  }
}
