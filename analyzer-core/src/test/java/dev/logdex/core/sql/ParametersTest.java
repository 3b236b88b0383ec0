package dev.logdex.core.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logdex.core.lex.SqlScanner;
import org.junit.jupiter.api.Test;

/** Bind parameters become ?, read by the dialect's own lexer; nothing that is text, a cast or a slice does. */
class ParametersTest {

  @Test
  void parametersOutsideTextBecomeQuestionMarks() {
    assertThat(Parameters.toQuestionMarks("SELECT a::int, arr[1:2], E'\\'$1' FROM t /* $2 /* :x */ */ WHERE b = $1"
        + " AND c = :name AND d = $$ $3 $$", SqlScanner.postgres()))
        .isEqualTo("SELECT a::int, arr[1:2], E'\\'$1' FROM t /* $2 /* :x */ */ WHERE b = ? AND c = ? AND d = $$ $3 $$");
    assertThat(Parameters.toQuestionMarks("SELECT a FROM t # $1\nWHERE b = $1 AND c = 'x\\'$2'", SqlScanner.mysql()))
        .isEqualTo("SELECT a FROM t # $1\nWHERE b = ? AND c = 'x\\'$2'");
    assertThat(Parameters.toQuestionMarks("SELECT 'open $1", SqlScanner.postgres())).as("unreadable: as it was")
        .isEqualTo("SELECT 'open $1");
  }

  @Test
  void mysqlDoubleQuotedStringsBecomeSingleQuoted() {
    assertThat(Parameters.mysqlDoubleQuotedStrings("SELECT \"it's\", `a\"b` FROM t WHERE c = \"x\\\"y\""))
        .isEqualTo("SELECT 'it''s', `a\"b` FROM t WHERE c = 'x\"y'");
  }

  @Test
  void postgresQualifiedComparisonOperatorsBecomePlainOnesOutsideText() {
    // PostgreSQL's own foreign-key check, as pg_stat_statements records it.
    assertThat(Parameters.unqualifiedOperators("SELECT $2 FROM ONLY \"public\".\"users\" x WHERE \"id\" "
        + "OPERATOR(pg_catalog.=) $1 FOR KEY SHARE OF x", SqlScanner.postgres()))
        .isEqualTo("SELECT $2 FROM ONLY \"public\".\"users\" x WHERE \"id\"  =  $1 FOR KEY SHARE OF x");
    assertThat(Parameters.unqualifiedOperators("SELECT 'OPERATOR(pg_catalog.=)' FROM t WHERE a operator(<>) 1"
        + " AND b OPERATOR(myschema.===) 2", SqlScanner.postgres()))
        .isEqualTo("SELECT 'OPERATOR(pg_catalog.=)' FROM t WHERE a  <>  1 AND b OPERATOR(myschema.===) 2");
  }

  @Test
  void mysqlsLockInShareModeIsWrittenForShareOutsideText() {
    assertThat(Parameters.mysqlShareLock("SELECT 'LOCK IN SHARE MODE' FROM t WHERE a = 1 LOCK IN SHARE MODE",
        SqlScanner.mysql())).isEqualTo("SELECT 'LOCK IN SHARE MODE' FROM t WHERE a = 1 FOR SHARE");
    assertThat(Parameters.mysqlShareLock("SELECT `lock`, `share` FROM t /* lock in share mode */",
        SqlScanner.mysql())).isEqualTo("SELECT `lock`, `share` FROM t /* lock in share mode */");
  }

  @Test
  void mysqlsSelectIntoUserVariablesLosesItsIntoClauseOutsideText() {
    assertThat(Parameters.mysqlWithoutIntoVariables("SELECT a, b INTO @x, @y FROM t WHERE c = '@z' LIMIT 1",
        SqlScanner.mysql())).isEqualTo("SELECT a, b   FROM t WHERE c = '@z' LIMIT 1");
    assertThat(Parameters.mysqlWithoutIntoVariables("SELECT a FROM t WHERE c = 1 into @x", SqlScanner.mysql()))
        .isEqualTo("SELECT a FROM t WHERE c = 1  ");
    assertThat(Parameters.mysqlWithoutIntoVariables("INSERT INTO t (a) VALUES (@x)", SqlScanner.mysql()))
        .isEqualTo("INSERT INTO t (a) VALUES (@x)");
    assertThat(Parameters.mysqlWithoutIntoVariables("SELECT 'INTO @x' FROM t", SqlScanner.mysql()))
        .isEqualTo("SELECT 'INTO @x' FROM t");
  }
}
