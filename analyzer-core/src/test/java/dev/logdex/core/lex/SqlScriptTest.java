package dev.logdex.core.lex;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logdex.core.model.Dialect;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a script is cut into statements: as the database's own client would cut it. */
class SqlScriptTest {

  private static List<String> texts(String script, Dialect d) {
    return SqlScript.split(script, d).stream().map(SqlScript.Statement::text).toList();
  }

  @Test
  void semicolonsInsideQuotesCommentsAndDollarQuotesDoNotEndAStatement() {
    assertThat(texts("""
        INSERT INTO t VALUES ('a;b', "c;d"); -- e;f
        CREATE FUNCTION f() RETURNS int AS $body$ SELECT 1; $body$ LANGUAGE sql;
        /* g; /* nested; */ h; */ SELECT 2;
        """, Dialect.POSTGRESQL)).containsExactly(
        "INSERT INTO t VALUES ('a;b', \"c;d\")",
        "-- e;f\nCREATE FUNCTION f() RETURNS int AS $body$ SELECT 1; $body$ LANGUAGE sql",
        "/* g; /* nested; */ h; */ SELECT 2");
  }

  @Test
  void mysqlBackslashEscapesBackticksAndHashComments() {
    assertThat(texts("INSERT INTO `a;b` VALUES ('it\\'s; fine'); # c;d\nSELECT 1;", Dialect.MYSQL))
        .containsExactly("INSERT INTO `a;b` VALUES ('it\\'s; fine')", "# c;d\nSELECT 1");
    assertThat(texts("SELECT 'a\\'; SELECT 2;", Dialect.POSTGRESQL))
        .as("PostgreSQL's standard strings: the backslash escapes nothing, the quote closes")
        .containsExactly("SELECT 'a\\'", "SELECT 2");
    assertThat(texts("SELECT 'a\\'; SELECT 2;", Dialect.MYSQL)).as("to MySQL the quote is escaped: left open")
        .containsExactly("SELECT 'a\\'; SELECT 2;");
  }

  @Test
  void theMysqlClientsDelimiterCommandChangesTheTerminator() {
    assertThat(texts("""
        CREATE TABLE t (id int);
        DELIMITER ;;
        CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW BEGIN SET NEW.id = 1; END ;;
        DELIMITER $$
        CREATE PROCEDURE p() BEGIN SELECT 1; END$$
        DELIMITER ;
        SELECT 2;
        """, Dialect.MYSQL)).containsExactly(
        "CREATE TABLE t (id int)",
        "CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW BEGIN SET NEW.id = 1; END",
        "CREATE PROCEDURE p() BEGIN SELECT 1; END",
        "SELECT 2");
  }

  @Test
  void psqlMetaCommandsAreLeftOut() {
    assertThat(texts("\\restrict abc'def\n\\connect app\nCREATE TABLE t (id int);\n\\unrestrict abc\n",
        Dialect.POSTGRESQL)).containsExactly("CREATE TABLE t (id int)");
  }

  @Test
  void executableCommentsAreStatementsAndPlainCommentsAreNot() {
    assertThat(texts("/*!40101 SET NAMES utf8 */;\n-- only a comment\n;\n/* another */;\nSELECT 1;", Dialect.MYSQL))
        .containsExactly("/*!40101 SET NAMES utf8 */", "SELECT 1");
  }

  @Test
  void eachStatementKnowsTheLineOfItsFirstCode() {
    List<SqlScript.Statement> st = SqlScript.split("-- header\n\nSELECT 1;\n\n  SELECT\n 2;\n", Dialect.POSTGRESQL);
    assertThat(st).extracting(SqlScript.Statement::line).containsExactly(3, 5);
  }

  @Test
  void textLeftOpenAtTheEndIsTheLastStatement() {
    assertThat(texts("SELECT 1; SELECT 'open", Dialect.POSTGRESQL)).containsExactly("SELECT 1", "SELECT 'open");
    assertThat(texts("SELECT 1; /* open", Dialect.POSTGRESQL)).containsExactly("SELECT 1", "/* open");
  }
}
