package dev.logdex.core.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FingerprinterTest {
  private final Fingerprinter fp = Fingerprinter.standard();

  private String norm(String sql) {
    return fp.normalize(sql);
  }

  @Test
  void literalsAndParametersBecomeOnePlaceholder() {
    assertThat(norm("SELECT * FROM t WHERE a = 5 AND b = 'x''y' AND c = $1 AND d = ? AND e = -2.5e3"))
        .isEqualTo("select * from t where a = ? and b = ? and c = ? and d = ? and e = ?");
  }

  @Test
  void theSameStatementFromALogAndFromPgStatStatementsHasOneId() {
    assertThat(fp.fingerprint("select * from users where email = 'a@b.c' and id in (1,2,3)").id())
        .isEqualTo(fp.fingerprint("SELECT *\n  FROM users WHERE email = $1 AND id IN ($2, $3)").id());
  }

  @Test
  void inListsOfAnyLengthFold() {
    assertThat(norm("select 1 from t where id in (1)")).isEqualTo(norm("select 1 from t where id IN (1, 2, 3, 4)"));
    assertThat(norm("select 1 from t where id in (1, 2)")).endsWith("in(?+)");
    assertThat(norm("select 1 from t where id in (select x from u)")).contains("in(select x from u)");
  }

  @Test
  void commentsWhitespaceAndKeywordCaseDoNotMatter() {
    assertThat(norm("/* app:checkout */ SELECT  a\n\tFROM t -- trailing\n WHERE a=1;"))
        .isEqualTo(norm("select a from t where a = 2"));
  }

  @Test
  void repeatedValuesTuplesFoldToOne() {
    assertThat(norm("insert into t (a, b) values (1, 'x'), (2, 'y'), (3, 'z')"))
        .isEqualTo(norm("INSERT INTO t (a,b) VALUES (9,'q')"));
  }

  @Test
  void quotedNamesKeepTheirCaseUnlessTheyFoldAnyway() {
    assertThat(norm("select \"Name\", \"id\" from \"Users\"")).isEqualTo("select \"Name\", id from \"Users\"");
  }

  @Test
  void dollarQuotedBodiesCastsAndPrefixedStringsAreLiterals() {
    assertThat(norm("select $$a;b$$, E'x\\'y', '2020-01-01'::date, x'ff'")).isEqualTo("select ?, ?, ? :: date, ?");
  }

  @Test
  void mysqlReadsDoubleQuotesAsStringsAndBackticksAsNames() {
    Fingerprinter my = Fingerprinter.mysql();
    assertThat(my.normalize("SELECT `Id` FROM `users` WHERE name = \"bob\" # note"))
        .isEqualTo("select id from users where name = ?");
    assertThat(my.normalize("select 'it\\'s'")).isEqualTo("select ?");
  }

  @Test
  void identifiersWithDigitsAreNotLiterals() {
    assertThat(norm("select t1.c2 from t1")).isEqualTo("select t1.c2 from t1");
    assertThat(norm("select a-1, a - -1")).isEqualTo("select a - ?, a - ?");
  }

  @Test
  void theIdIsStableAcrossRuns() {
    // A regression guard: ids are stored in snapshots and compared between runs and machines.
    assertThat(Fingerprinter.idOf("select ? from t")).isEqualTo("f1f39b62b557680d");
    assertThat(Fingerprinter.idOf("select ? from t")).isNotEqualTo(Fingerprinter.idOf("select ? from u"));
  }

  @Test
  void normalizingIsIdempotent() {
    for (String sql : new String[] {"select * from t where a in (1,2) and b = 'x'",
        "insert into t values (1), (2)", "select \"A\" from b where c::int > -1"}) {
      String once = norm(sql);
      assertThat(norm(once)).isEqualTo(once);
    }
  }

  @Test
  void mysqlExecutableCommentsAreCodeAndOtherCommentsAreNot() {
    Fingerprinter my = Fingerprinter.mysql();
    assertThat(my.normalize("/*!40101 SET NAMES utf8 */")).isEqualTo("set names utf8");
    assertThat(my.normalize("/*!40101 SET NAMES utf8 */"))
        .isNotEqualTo(my.normalize("/*!40101 SET character_set_client = @saved_cs_client */"));
    assertThat(my.normalize("SHOW /*!50002 GLOBAL */ STATUS")).isEqualTo("show global status");
    assertThat(my.normalize("SELECT /*+ MAX_EXECUTION_TIME(1000) */ a FROM t /* app:x */"))
        .isEqualTo("select a from t");
  }
}
