package dev.logdex.core.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logdex.core.sql.CalciteTranslator.Grammar;
import dev.logdex.core.sql.tree.ParsedStatement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Calcite's core parser reads a statement first and Babel only where the core one cannot: wherever the core parser
 * reads a statement, its neutral tree is Babel's. The corpus-wide differential test in log-readers holds them to
 * that over real logs; this one over the constructs where their grammars differ: keywords as names, MySQL's and
 * PostgreSQL's own syntax, and the everyday statements the core parser is there to read faster.
 */
class CoreGrammarTest {

  /** The shapes of an application's log: the core parser reads each of them. */
  private static final List<String> EVERYDAY = List.of(
      "SELECT id, email FROM users WHERE id = ?",
      "SELECT * FROM orders WHERE user_id = ? AND status = ? ORDER BY created_at DESC LIMIT 20",
      "SELECT * FROM orders WHERE user_id = ? LIMIT ? OFFSET ?",
      "SELECT o.id, u.email FROM orders o JOIN users u ON u.id = o.user_id WHERE o.status IN (?, ?, ?)",
      "SELECT count(*) FROM orders WHERE created_at BETWEEN ? AND ? GROUP BY status HAVING count(*) > ?",
      "SELECT * FROM users WHERE lower(email) = ? AND deleted_at IS NULL",
      "SELECT * FROM products WHERE name LIKE ? OR description LIKE ?",
      "SELECT * FROM a LEFT JOIN b ON a.id = b.a_id LEFT OUTER JOIN c ON c.id = b.c_id WHERE c.x <> ?",
      "SELECT * FROM t WHERE NOT (a = ? OR b = ?) AND c != ?",
      "SELECT CASE WHEN total > ? THEN 'big' ELSE 'small' END AS size FROM orders",
      "SELECT DISTINCT category_id FROM products WHERE price_cents >= ? ORDER BY 1",
      "SELECT * FROM t WHERE EXISTS (SELECT 1 FROM u WHERE u.t_id = t.id AND u.flag = ?)",
      "SELECT * FROM t WHERE id IN (SELECT t_id FROM u WHERE x = ?)",
      "WITH recent AS (SELECT user_id FROM orders WHERE created_at > ?) SELECT * FROM users JOIN recent ON "
          + "recent.user_id = users.id",
      "SELECT a FROM t UNION ALL SELECT a FROM u ORDER BY 1",
      "SELECT row_number() OVER (PARTITION BY user_id ORDER BY created_at) FROM orders",
      "SELECT coalesce(nickname, name), count(DISTINCT city) FROM users GROUP BY 1",
      "SELECT * FROM public.users WHERE users.id = ?",
      "SELECT * FROM t WHERE (a, b) IN ((?, ?), (?, ?))",
      "SELECT * FROM t WHERE created_at > CURRENT_TIMESTAMP - INTERVAL '1' DAY",
      "SELECT * FROM t WHERE d >= DATE '2020-01-01' AND ts < TIMESTAMP '2020-01-01 00:00:00'",
      "SELECT CAST(a AS INTEGER), EXTRACT(YEAR FROM d), SUBSTRING(s FROM 1 FOR 2), TRIM(s) FROM t",
      "SELECT * FROM t ORDER BY a DESC NULLS LAST FETCH FIRST 10 ROWS ONLY",
      "SELECT * FROM t WHERE flag = TRUE AND other IS NOT FALSE",
      "SELECT * FROM t, u WHERE t.a = u.b",
      "SELECT * FROM t CROSS JOIN u",
      "SELECT * FROM t NATURAL JOIN u",
      "SELECT * FROM (SELECT a, max(b) AS m FROM t GROUP BY a) AS x WHERE x.m > ?",
      "SELECT \"Order\".\"Id\" FROM \"Sales\".\"Order\" WHERE \"Order\".\"select\" = ?",
      "INSERT INTO orders (user_id, status, total_cents) VALUES (?, ?, ?)",
      "INSERT INTO archive (id, body) SELECT id, body FROM messages WHERE created_at < ?",
      "UPDATE orders SET status = ?, total_cents = total_cents + ? WHERE id = ?",
      "DELETE FROM sessions WHERE expires_at < ?",
      "DELETE FROM t WHERE id IN (SELECT id FROM u WHERE x = ?)");

  /** Where the grammars differ: what the core parser may refuse, and must then leave to Babel. */
  private static final List<String> DIFFERENCES = List.of(
      "SELECT user FROM t", "SELECT * FROM t WHERE user = ?", "SELECT * FROM user WHERE id = ?",
      "SELECT year, month, day FROM t WHERE year = ?", "SELECT value FROM t WHERE value > ?",
      "SELECT date, time, timestamp FROM t", "SELECT position FROM t WHERE position = ?",
      "SELECT result, name, type, status, level, data, key, comment FROM t", "SELECT * FROM session WHERE id = ?",
      "SELECT * FROM t AS value WHERE value.a = ?", "SELECT a AS result FROM t", "SELECT * FROM t WHERE a = ANY (?)",
      "SELECT count(*) AS count FROM t", "SELECT * FROM t WHERE language = ? AND role = ? AND source = ?",
      "SELECT * FROM t WHERE a ILIKE ?", "SELECT a::int FROM t", "SELECT * FROM t LIMIT 5, 10",
      "SELECT * FROM t WHERE a = ? FOR UPDATE", "SELECT now(), current_date, current_user FROM t",
      "SELECT * FROM t WHERE a = ? -- a comment", "SELECT /* hint */ * FROM t WHERE a = ?",
      "SELECT * FROM t WHERE a = $1", "SELECT t.* FROM t WHERE t.a = ?", "SELECT a AS \"Count\" FROM t",
      "SELECT * FROM (SELECT a FROM t) AS x(y)", "VALUES (1, 2)", "SELECT 1",
      "SELECT * FROM t WHERE a = ? AND b = ? OR c = ?", "SELECT * FROM t1 JOIN t2 USING (a, b)",
      "INSERT INTO t VALUES (?, ?)", "INSERT INTO t (a) VALUES (?) RETURNING id",
      "INSERT INTO t (a) VALUES (?) ON CONFLICT (a) DO NOTHING", "UPDATE t SET a = ? FROM u WHERE t.id = u.id",
      "UPDATE t AS x SET a = ? WHERE x.b = ?", "DELETE FROM t AS x WHERE x.b = ?",
      "SELECT * FROM t WHERE a = ? ORDER BY b LIMIT 1", "SELECT * FROM t WHERE a IS DISTINCT FROM ?",
      "SELECT a || b FROM t WHERE a || b = ?", "SELECT * FROM t WHERE a NOT IN (?, ?) AND b NOT LIKE ?",
      "SELECT * FROM t WHERE a SIMILAR TO ?", "SELECT * FROM t TABLESAMPLE SYSTEM (10)",
      "SELECT max(a) FILTER (WHERE b = ?) FROM t", "SELECT array[1, 2] FROM t", "SELECT a[1] FROM t",
      "SELECT * FROM t WHERE a = ? GROUP BY ROLLUP (a, b)", "SELECT * FROM t WHERE a = (SELECT max(a) FROM t)",
      "SELECT * FROM t WHERE a = ? UNION SELECT * FROM u WHERE b = ? INTERSECT SELECT * FROM v",
      "SELECT * FROM t WHERE a = ? EXCEPT SELECT * FROM u",
      // Less common shapes an application may still send.
      "SELECT * FROM t WHERE a LIKE ? ESCAPE '!'", "SELECT * FROM t WHERE CASE WHEN a > ? THEN b ELSE c END = ?",
      "SELECT * FROM t WHERE coalesce(a, b) = ? AND NOT EXISTS (SELECT 1 FROM u WHERE u.a = t.a)",
      "SELECT * FROM t WHERE a = ANY (SELECT a FROM u) AND b > ALL (SELECT b FROM v)",
      "SELECT * FROM t WHERE a + 1 > ? * 2 AND -b < ?", "SELECT * FROM t ORDER BY lower(name), 2 DESC NULLS FIRST",
      "SELECT a, count(*) FROM t GROUP BY a, b + 1 HAVING max(c) > ?", "SELECT DISTINCT ON (a) a, b FROM t",
      "SELECT sum(a) OVER (ORDER BY b ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) FROM t",
      "SELECT * FROM t, LATERAL (SELECT * FROM u WHERE u.a = t.a) x", "SELECT * FROM t FULL OUTER JOIN u ON t.a = u.a",
      "SELECT * FROM t RIGHT JOIN u ON t.a = u.a AND u.b = ?", "SELECT * FROM t OFFSET 5 ROWS FETCH NEXT 5 ROWS ONLY",
      "INSERT INTO t (a, b) VALUES (?, ?), (?, ?), (?, ?)", "INSERT INTO t (a) SELECT a FROM u UNION SELECT a FROM v",
      "UPDATE t SET (a, b) = (?, ?) WHERE id = ?", "DELETE FROM t USING u WHERE t.a = u.a",
      "SELECT * FROM t WHERE a = ? FOR SHARE", "SELECT CAST(? AS DATE), CURRENT_DATE - INTERVAL '1' DAY FROM t",
      "SELECT POSITION('x' IN a), EXTRACT(EPOCH FROM b), TIMESTAMPADD(DAY, 1, c) FROM t",
      "SELECT * FROM t WHERE a BETWEEN SYMMETRIC ? AND ?", "SELECT * FROM t WHERE ROW(a, b) = ROW(?, ?)",
      "SELECT * FROM t WHERE a = 'it''s' AND b = X'1F' AND c = N'text'", "SELECT * FROM t WHERE a = 'x' 'y'",
      "SELECT \"weird name\", \"ÄÖ\" FROM \"Mixed Case\".\"t t\" WHERE \"a b\" = ?",
      "SELECT * FROM t /* a /* nested */ comment */ WHERE a = ?", "SELECT * FROM ünicode WHERE naïve = ?",
      "WITH RECURSIVE r (n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < ?) SELECT * FROM r",
      "SELECT * FROM t WHERE a IN (SELECT a FROM u WHERE u.b IN (SELECT b FROM v WHERE v.c = t.c))",
      "SELECT * FROM t WHERE a IS NULL OR (b IS NOT NULL AND c <> ?)", "SELECT * FROM t WHERE a NOT BETWEEN ? AND ?",
      "SELECT t.a, u.b FROM t INNER JOIN u ON (t.id = u.t_id) WHERE (t.x = ?)", "TABLE t",
      "SELECT * FROM t WHERE a = ? ORDER BY b OFFSET ?", "SELECT mod(a, 2), abs(b), char_length(c) FROM t",
      "SELECT * FROM t WHERE EXISTS (SELECT * FROM u WHERE u.a = t.a LIMIT 1)");

  private static final List<String> MYSQL = List.of(
      "SELECT `order`, `key` FROM `t` WHERE `select` = ?", "SELECT * FROM `db`.`t` WHERE `t`.`a` = ?",
      "SELECT * FROM t WHERE a = ? LIMIT 10", "SELECT * FROM t LIMIT 5, 10", "SELECT * FROM t WHERE a = \"x\"",
      "INSERT IGNORE INTO t (a) VALUES (?)", "REPLACE INTO t (a) VALUES (?)", "SELECT @@version",
      "SELECT SQL_NO_CACHE * FROM t", "UPDATE t JOIN u ON t.id = u.t_id SET t.a = u.a WHERE u.b = ?",
      "SELECT * FROM t WHERE match_id = ? AND `status` = ?", "SELECT user, host FROM mysql.user",
      "SELECT * FROM t FORCE INDEX (i) WHERE a = ?", "SELECT count(*) FROM t WHERE a = ? GROUP BY b WITH ROLLUP",
      "SELECT * FROM t WHERE a = 'it\\'s' AND b = ?", "SELECT * FROM t WHERE created < DATE_SUB(NOW(), INTERVAL 1 DAY)",
      "SELECT * FROM t STRAIGHT_JOIN u ON t.a = u.a", "SELECT * FROM t WHERE a <=> ? AND b REGEXP ?",
      "SELECT IFNULL(a, 0), GROUP_CONCAT(b) FROM t GROUP BY c", "SELECT * FROM t ORDER BY FIELD(a, 1, 2, 3)",
      "SELECT * FROM t WHERE a = 0x1F AND b = b'101' AND c = _utf8mb4'x'", "SELECT * FROM t LIMIT ?",
      "SELECT `t`.`a`, `u`.`b` FROM `t` JOIN `u` USING (`id`) WHERE `t`.`x` IN (?, ?)",
      "INSERT INTO t (a, b) VALUES (?, ?) ON DUPLICATE KEY UPDATE b = VALUES(b)",
      "UPDATE t SET a = a + 1 WHERE id = ? LIMIT 1", "DELETE FROM t WHERE a < ? ORDER BY id LIMIT 100");

  @Test
  void theCoreParserReadsTheEverydayShapes() {
    List<String> refused = new ArrayList<>();
    for (String sql : EVERYDAY) {
      try {
        new CalciteTranslator(false, Grammar.CORE).parse(sql);
      } catch (Exception e) {
        refused.add(sql + ": " + e.getMessage());
      }
    }
    assertThat(refused).isEmpty();
  }

  @Test
  void whereTheCoreParserReadsAStatementItsTreeIsBabels() {
    List<String> differences = new ArrayList<>();
    int read = differ(EVERYDAY, false, differences) + differ(DIFFERENCES, false, differences)
        + differ(MYSQL, true, differences);
    assertThat(differences).isEmpty();
    assertThat(read).isGreaterThan(EVERYDAY.size()); // more than the everyday shapes: the comparison is not empty
  }

  @Test
  void aStatementTheCoreParserRefusesIsStillReadByBabel() throws Exception {
    String sql = "SELECT total::int FROM orders WHERE id = ?"; // PostgreSQL's cast is Babel's alone
    assertThat(core(sql, false)).isNull();
    assertThat(new CalciteTranslator(false).parse(sql))
        .isEqualTo(new CalciteTranslator(false, Grammar.BABEL).parse(sql));
  }

  /** How many of {@code statements} the core parser reads; each one's tree unequal to Babel's goes to the list. */
  private static int differ(List<String> statements, boolean backticks, List<String> differences) {
    int read = 0;
    for (String sql : statements) {
      ParsedStatement core = core(sql, backticks);
      if (core == null) {
        continue;
      }
      read++;
      ParsedStatement babel;
      try {
        babel = new CalciteTranslator(backticks, Grammar.BABEL).parse(sql);
      } catch (Exception e) {
        differences.add(sql + "\n  core reads it, Babel does not: " + e.getMessage());
        continue;
      }
      if (!core.equals(babel)) {
        differences.add(sql + "\n  core:  " + core + "\n  babel: " + babel);
      }
    }
    return read;
  }

  private static ParsedStatement core(String sql, boolean backticks) {
    try {
      return new CalciteTranslator(backticks, Grammar.CORE).parse(sql);
    } catch (Exception e) {
      return null;
    }
  }
}
