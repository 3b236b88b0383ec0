package dev.logdex.core.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.logdex.core.sql.tree.ParsedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.junit.jupiter.api.Test;

/** One thread's parser is reused from statement to statement: each must read as on a parser of its own. */
class ReusedParserTest {

  private static String tree(boolean backticks, String sql) throws SqlParseException {
    return new CalciteTranslator(backticks).parse(sql).toString();
  }

  /** The tree as a parser that has read nothing before gives it: parsed on a thread of its own. */
  private static String fresh(boolean backticks, String sql) throws Exception {
    ExecutorService one = Executors.newSingleThreadExecutor();
    try {
      return one.submit(() -> tree(backticks, sql)).get();
    } finally {
      one.shutdownNow();
    }
  }

  @Test
  void aReusedParserKeepsItsQuotingFromStatementToStatement() throws Exception {
    // Calcite's own reuse (SqlParser.parseQuery(String)) resets the lexical state: the second statement's back
    // quotes would no longer quote names.
    for (int i = 0; i < 3; i++) {
      ParsedStatement p = new CalciteTranslator(true).parse("SELECT `order` FROM `t` WHERE `select` = ?");
      assertThat(p.toString()).contains("order").contains("select");
    }
    for (int i = 0; i < 3; i++) {
      assertThat(tree(false, "SELECT \"order\" FROM \"T\" WHERE \"select\" = ?")).contains("order").contains("T");
    }
  }

  @Test
  void bothQuotingsInterleavedOnOneThreadReadAsOnFreshParsers() throws Exception {
    String mysql = "SELECT `a`.`id` FROM `users` `a` WHERE `a`.`email` = ? ORDER BY `a`.`created_at` DESC";
    String postgres = "SELECT \"a\".\"id\" FROM \"Users\" \"a\" WHERE \"a\".\"Email\" = ? LIMIT 5";
    String first = fresh(true, mysql);
    String second = fresh(false, postgres);
    for (int i = 0; i < 5; i++) {
      assertThat(tree(true, mysql)).isEqualTo(first);
      assertThat(tree(false, postgres)).isEqualTo(second);
    }
  }

  @Test
  void aStatementAfterAFailedOneParsesAsBefore() throws Exception {
    String good = "SELECT id FROM users WHERE email = ? AND created_at > ?";
    String before = fresh(false, good);
    assertThatThrownBy(() -> tree(false, "SELECT FROM WHERE (((")).isInstanceOf(SqlParseException.class);
    assertThatThrownBy(() -> tree(false, "SELECT 'unterminated")).isInstanceOf(SqlParseException.class);
    assertThat(tree(false, good)).isEqualTo(before);
  }

  @Test
  void everyStatementEndsAsWithCalcitesOwnReader() {
    // The parser reads its text through a reader that throws one shared exception at the end instead of returning
    // -1: trees, errors and the positions in them must be what Calcite's own parser gives. (Not an empty text,
    // which the analyzer never parses, and which SqlParser's own entry point fails on before its parser reads.)
    SqlParser.Config config = SqlParser.config();
    ReusedParser reused = ReusedParser.perThread(config).get();
    for (String sql : List.of("SELECT a FROM t", "SELECT a FROM t ", "SELECT a FROM t -- note",
        "SELECT a FROM t /* open", "SELECT 'open", "SELECT \"open", "SELECT a FROM t WHERE b =",
        "SELECT 1e", "SELECT a FROM t WHERE b = 1.", "VALUES (1, 'x')", "SELECT a FROM t WHERE b = 'it''s'")) {
      String expected = outcome(() -> SqlParser.create(sql, config).parseStmt());
      assertThat(outcome(() -> reused.parse(sql))).as("<%s>", sql).isEqualTo(expected);
    }
  }

  private static String outcome(Callable<SqlNode> parse) {
    try {
      return "tree " + parse.call();
    } catch (Exception e) {
      return "error " + e.getMessage();
    }
  }

  @Test
  void aLongStatementThenAShortOneEachReadWhole() throws Exception {
    // The character buffer grows for the long statement; the short one must not see what is left of it.
    StringBuilder in = new StringBuilder("SELECT id FROM t WHERE id IN (?");
    for (int i = 0; i < 2_000; i++) {
      in.append(", ?");
    }
    String longOne = in.append(") AND nickname = ?").toString();
    assertThat(tree(false, longOne)).contains("nickname");
    assertThat(tree(false, "SELECT x FROM u")).isEqualTo(fresh(false, "SELECT x FROM u")).doesNotContain("nickname");
  }

  @Test
  void threadsParsingAtOnceEachGetTheirOwnParser() throws Exception {
    String sql = "SELECT o.id FROM orders o JOIN users u ON u.id = o.user_id WHERE u.email = ? AND o.total > ?";
    String expected = fresh(false, sql);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        Callable<Boolean> job = () -> {
          for (int i = 0; i < 200; i++) {
            if (!tree(false, sql).equals(expected)) {
              return false;
            }
          }
          return true;
        };
        results.add(pool.submit(job));
      }
      for (Future<Boolean> f : results) {
        assertThat(f.get()).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
