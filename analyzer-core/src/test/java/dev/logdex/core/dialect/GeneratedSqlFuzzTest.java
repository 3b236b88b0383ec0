package dev.logdex.core.dialect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logdex.core.model.Dialect;
import dev.logdex.core.lex.SqlScanner;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Every statement logdex generates reads back, by the database's own lexing rules, as one statement naming exactly
 * the identifiers it was given, whatever those hold: quotes, backticks, dollar quotes, semicolons, comment markers,
 * backslashes, line breaks, reserved words. Random hostile names from a fixed seed.
 */
class GeneratedSqlFuzzTest {

  private static final String[] PIECES = {"a", "Z", "_", "1", "'", "\"", "`", "$", "$logdex$", ";", "--", "/*", "*/",
      "\\", "\n", "\r", " ", "DROP TABLE victim", "select", "order", "é", "\u2028", "#", ".", "(", ")"};

  private static String hostileName(Random random) {
    StringBuilder b = new StringBuilder();
    int n = 1 + random.nextInt(6);
    for (int i = 0; i < n; i++) {
      b.append(PIECES[random.nextInt(PIECES.length)]);
    }
    return b.toString();
  }

  /** The identifiers of a statement, in order: unquoted words as written, quoted names with their quotes undone. */
  private static List<String> names(SqlScanner scanner, String sql) throws Exception {
    List<String> out = new ArrayList<>();
    List<SqlScanner.Token> tokens = scanner.tokens(sql);
    for (int i = 0; i < tokens.size(); i++) {
      SqlScanner.Token t = tokens.get(i);
      if (t.kind() == SqlScanner.Kind.SEMICOLON) {
        assertThat(i).as("a semicolon only at the end of %s", sql).isEqualTo(tokens.size() - 1);
      }
      boolean unicode = i + 2 < tokens.size() && t.kind() == SqlScanner.Kind.WORD
          && t.text(sql).equalsIgnoreCase("u") && tokens.get(i + 1).text(sql).equals("&")
          && tokens.get(i + 2).kind() == SqlScanner.Kind.QUOTED_NAME
          && tokens.get(i + 1).end() == tokens.get(i + 2).start();
      if (unicode) { // PostgreSQL's U&"..." with \XXXX escapes
        i += 2;
        String text = tokens.get(i).text(sql);
        out.add(unicodeEscaped(text.substring(1, text.length() - 1).replace("\"\"", "\"")));
      } else if (t.kind() == SqlScanner.Kind.QUOTED_NAME) {
        String text = t.text(sql);
        char q = text.charAt(0);
        out.add(text.substring(1, text.length() - 1).replace("" + q + q, "" + q));
      } else if (t.kind() == SqlScanner.Kind.WORD) {
        out.add(t.text(sql));
      }
    }
    return out;
  }

  /** The text of a U&"..." name: {@code \\XXXX} a code unit, {@code \\\\} a backslash. */
  private static String unicodeEscaped(String body) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      if (c != '\\') {
        b.append(c);
      } else if (body.charAt(i + 1) == '\\') {
        b.append('\\');
        i++;
      } else {
        b.append((char) Integer.parseInt(body.substring(i + 1, i + 5), 16));
        i += 4;
      }
    }
    return b.toString();
  }

  @Test
  void indexDdlNamesExactlyItsTableAndColumns() throws Exception {
    Random random = new Random(12);
    for (Dialect d : Dialect.values()) {
      SqlScanner scanner = SqlScanner.of(d);
      for (int i = 0; i < 20_000; i++) {
        String schema = random.nextInt(3) == 0 ? hostileName(random) : "";
        String table = hostileName(random);
        List<String> keys = List.of(hostileName(random), hostileName(random) + (random.nextBoolean() ? " DESC" : ""));
        String name = new ObjectNames(d, List.of()).index(table, keys, "");
        String create = IndexDdl.create(d, schema, table, name, keys, "");
        List<String> read = names(scanner, create);
        List<String> qualified = schema.isEmpty() ? List.of(table) : List.of(schema, table);
        List<String> expected = new ArrayList<>();
        if (d == Dialect.MYSQL) { // ALTER TABLE t ADD INDEX name (keys)
          expected.addAll(qualified);
          expected.add(name);
        } else { // CREATE INDEX name ON t (keys)
          expected.add(name);
          expected.addAll(qualified);
        }
        expected.add(keys.get(0));
        assertThat(read).as(create).containsSubsequence(expected);
        assertThat(read).as(create).contains(keys.get(1).replaceFirst(" DESC$", ""));
        String drop = IndexDdl.drop(d, schema, table, name);
        assertThat(names(scanner, drop)).as(drop).contains(name);
        String parent = hostileName(random);
        List<String> fk = ConstraintDdl.addForeignKey(d, schema, table, "fk", List.of(keys.get(0)), schema, parent,
            List.of("id"), "");
        assertThat(names(scanner, fk.get(0))).as(fk.get(0)).containsSubsequence(table, keys.get(0), parent);
        for (String s : fk) {
          assertThat(names(scanner, s)).as(s).contains(table);
        }
        names(scanner, ConstraintDdl.orphanCount(d, schema, table, List.of(keys.get(0)), schema, parent, List.of("id")));
      }
    }
  }

  @Test
  void literalsAndDollarQuotesHoldAnyText() throws Exception {
    Random random = new Random(13);
    for (int i = 0; i < 20_000; i++) {
      String text = hostileName(random) + hostileName(random);
      for (Dialect d : Dialect.values()) {
        String literal = SqlText.literal(d, text);
        for (SqlScanner scanner : d == Dialect.MYSQL ? List.of(SqlScanner.mysql(true, false),
            SqlScanner.mysql(false, false)) : List.of(SqlScanner.postgres(true), SqlScanner.postgres(false))) {
          List<SqlScanner.Token> tokens = scanner.tokens("SELECT " + literal + " x");
          assertThat(tokens).as(literal).hasSize(3);
          assertThat(tokens.get(1).kind()).isEqualTo(SqlScanner.Kind.STRING);
        }
      }
      String block = "DO " + SqlText.dollarQuoted(" BEGIN RAISE NOTICE '%', 1; END " + text) + ";";
      List<SqlScanner.Token> tokens = SqlScanner.postgres().tokens(block);
      assertThat(tokens).as(block).hasSize(3);
      assertThat(tokens.get(1).kind()).isEqualTo(SqlScanner.Kind.STRING);
    }
  }

  @Test
  void aCommentLineCannotEndEarly() throws Exception {
    Random random = new Random(14);
    for (int i = 0; i < 20_000; i++) {
      String text = hostileName(random);
      String script = "-- " + SqlText.commentLine(text) + "\nSELECT 1";
      assertThat(script.lines().count()).isEqualTo(2);
      for (Dialect d : Dialect.values()) {
        List<SqlScanner.Token> tokens = SqlScanner.of(d).tokens(script);
        assertThat(tokens.get(0).kind()).as(script).isEqualTo(SqlScanner.Kind.COMMENT);
        assertThat(tokens).hasSize(3);
      }
    }
  }

  @Test
  void aCommentLineShowsNothingThatWouldReorderOrControlIt() {
    String text = "index on \"Ord\u001b[31mers\u202e\" (c\u2066, d\u009b) -- \u2028DROP TABLE t";
    String line = SqlText.commentLine(text);
    assertThat(line).isEqualTo("index on \"Ord\\x1b[31mers\\u202e\" (c\\u2066, d\\x9b) -- \\u2028DROP TABLE t");
    assertThat(line.chars().noneMatch(c -> dev.logdex.core.lex.ShownText.unsafe((char) c))).isTrue();
  }

  @Test
  void twoIndexesWhoseNamesFoldToOneGetTwoNames() {
    ObjectNames names = new ObjectNames(Dialect.POSTGRESQL, List.of("idx_users_email", "orders"));
    assertThat(names.index("order_items", List.of("sku"), "")).isEqualTo("idx_order_items_sku");
    assertThat(names.index("order", List.of("items_sku"), "")).startsWith("idx_order_items_sku_").hasSize(28);
    assertThat(names.index("users", List.of("email"), "")).as("an existing index's name").startsWith(
        "idx_users_email_");
    String longTable = "t".repeat(70);
    String a = names.index(longTable, List.of("a"), "");
    String b = names.index(longTable, List.of("a"), "");
    assertThat(a).hasSize(63).isNotEqualTo(b);
    assertThat(b).hasSizeLessThanOrEqualTo(63);
    assertThat(ConstraintDdl.foreignKeyName(Dialect.POSTGRESQL, longTable, List.of("user_id"))).hasSize(63)
        .endsWith("_fkey");
  }
}
