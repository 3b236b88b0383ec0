package dev.logdex.core.schema;

import dev.logdex.core.lex.SqlScanner;
import dev.logdex.core.model.Dialect;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The tokens of one DDL statement, read by the dialect's {@link SqlScanner}, with a cursor. Keeps each token's offsets so that expressions (index keys, partial
 * index predicates, column types) can be taken back out of the statement as written.
 */
final class DdlTokens {

  enum Kind {
    WORD,
    QUOTED,
    STRING,
    NUMBER,
    PUNCT
  }

  record Token(Kind kind, String text, int start, int end) {
    boolean is(String word) {
      return kind == Kind.WORD && text.equalsIgnoreCase(word) || kind == Kind.PUNCT && text.equals(word);
    }
  }

  private final String sql;
  private final SqlScanner scanner;
  private final List<Token> tokens;
  private int pos;

  DdlTokens(String sql, Dialect dialect) {
    this(sql, SqlScanner.of(dialect));
  }

  private DdlTokens(String sql, SqlScanner scanner) {
    this.sql = sql;
    this.scanner = scanner;
    this.tokens = tokenize(sql, scanner);
  }

  String sql() {
    return sql;
  }

  boolean atEnd() {
    return pos >= tokens.size();
  }

  int position() {
    return pos;
  }

  void reset(int position) {
    pos = position;
  }

  Token peek() {
    return pos < tokens.size() ? tokens.get(pos) : new Token(Kind.PUNCT, "", sql.length(), sql.length());
  }

  Token peek(int ahead) {
    int k = pos + ahead;
    return k < tokens.size() ? tokens.get(k) : new Token(Kind.PUNCT, "", sql.length(), sql.length());
  }

  Token next() {
    Token t = peek();
    pos++;
    return t;
  }

  boolean accept(String... words) {
    for (int k = 0; k < words.length; k++) {
      if (!peek(k).is(words[k])) {
        return false;
      }
    }
    pos += words.length;
    return true;
  }

  void expect(String word) {
    if (!accept(word)) {
      throw new DdlException("expected " + word + " but found '" + peek().text() + "'");
    }
  }

  /** Reads a possibly qualified name and returns its last part, folded as the dialect folds unquoted names. */
  String name(boolean foldUnquoted) {
    String last = part(next(), foldUnquoted);
    while (peek().is(".")) {
      pos++;
      last = part(next(), foldUnquoted);
    }
    return last;
  }

  /** Reads a possibly qualified name and returns its qualifier ("" when unqualified) and last part. */
  String[] qualifiedName(boolean foldUnquoted) {
    String qualifier = "";
    String last = part(next(), foldUnquoted);
    while (peek().is(".")) {
      pos++;
      qualifier = last;
      last = part(next(), foldUnquoted);
    }
    return new String[] {qualifier, last};
  }

  static String part(Token t, boolean foldUnquoted) {
    return switch (t.kind()) {
      case QUOTED -> t.text();
      case WORD -> foldUnquoted ? t.text().toLowerCase(Locale.ROOT) : t.text();
      default -> throw new DdlException("expected a name but found '" + t.text() + "'");
    };
  }

  /** Skips a balanced parenthesised group starting at the cursor; returns the text inside it. */
  String group() {
    Token open = next();
    if (!open.is("(")) {
      throw new DdlException("expected ( but found '" + open.text() + "'");
    }
    int depth = 1;
    while (!atEnd()) {
      Token t = next();
      if (t.is("(")) {
        depth++;
      } else if (t.is(")") && --depth == 0) {
        return sql.substring(open.end(), t.start());
      }
    }
    throw new DdlException("unbalanced parentheses");
  }

  /** Splits the text between {@code (} and its {@code )} at the cursor into its top-level comma-separated items. */
  List<DdlTokens> items() {
    String inner = group();
    List<DdlTokens> out = new ArrayList<>();
    DdlTokens sub = new DdlTokens(inner, scanner);
    int depth = 0;
    int from = 0;
    for (Token t : sub.tokens) {
      if (t.is("(")) {
        depth++;
      } else if (t.is(")")) {
        depth--;
      } else if (t.is(",") && depth == 0) {
        out.add(new DdlTokens(inner.substring(from, t.start()), scanner));
        from = t.end();
      }
    }
    if (!inner.substring(from).isBlank()) {
      out.add(new DdlTokens(inner.substring(from), scanner));
    }
    return out;
  }

  /** The statement text from token {@code fromPos} up to (not including) the cursor. */
  String textFrom(int fromPos) {
    if (fromPos >= tokens.size() || fromPos >= pos) {
      return "";
    }
    int end = pos - 1 < tokens.size() ? tokens.get(pos - 1).end() : sql.length();
    return sql.substring(tokens.get(fromPos).start(), end).trim();
  }

  /** The rest of the statement from the cursor, as written. */
  String rest() {
    return atEnd() ? "" : sql.substring(peek().start()).trim();
  }

  /**
   * The tokens of {@code s} as the dialect's own lexer reads them ({@link SqlScanner}), comments left out; names and
   * strings without their quotes. A MySQL executable comment's markers are left out and its content kept, as the
   * server runs it.
   */
  private static List<Token> tokenize(String s, SqlScanner scanner) {
    List<SqlScanner.Token> scanned;
    try {
      scanned = scanner.tokens(s);
    } catch (SqlScanner.UnterminatedException e) {
      throw new DdlException(e.getMessage());
    }
    List<Token> out = new ArrayList<>();
    for (SqlScanner.Token t : scanned) {
      String text = t.text(s);
      switch (t.kind()) {
        case COMMENT -> { }
        case WORD -> out.add(new Token(Kind.WORD, text, t.start(), t.end()));
        case QUOTED_NAME -> out.add(new Token(Kind.QUOTED, unquote(text, 0), t.start(), t.end()));
        case STRING -> out.add(new Token(Kind.STRING, stringValue(text, scanner), t.start(), t.end()));
        case NUMBER -> out.add(new Token(Kind.NUMBER, text, t.start(), t.end()));
        default -> {
          if (text.startsWith("/*") || text.equals("*/")) {
            continue; // an executable comment's markers
          }
          Token last = out.isEmpty() ? null : out.get(out.size() - 1);
          if (text.equals(":") && last != null && last.text().equals(":") && last.end() == t.start()) {
            out.set(out.size() - 1, new Token(Kind.PUNCT, "::", last.start(), t.end()));
          } else {
            out.add(new Token(Kind.PUNCT, text, t.start(), t.end()));
          }
        }
      }
    }
    return out;
  }

  /** The text between the quotes at {@code from} and the end, a doubled quote read as one. */
  private static String unquote(String quoted, int from) {
    char q = quoted.charAt(from);
    String inner = quoted.substring(from + 1, quoted.length() - 1);
    return inner.replace(String.valueOf(q) + q, String.valueOf(q));
  }

  /** A string literal's value: without its prefix (E, N, X), quotes or dollar tags; backslash escapes read. */
  private static String stringValue(String text, SqlScanner scanner) {
    if (text.startsWith("$")) {
      int tag = text.indexOf('$', 1) + 1;
      return text.substring(tag, text.length() - tag);
    }
    int quote = text.indexOf('\'') >= 0 && text.indexOf('\'') < 2 ? text.indexOf('\'') : 0;
    boolean backslashes = scanner.dialect() == Dialect.MYSQL || quote == 1 && (text.charAt(0) == 'E'
        || text.charAt(0) == 'e');
    String inner = text.substring(quote + 1, text.length() - 1);
    if (!backslashes) {
      return inner.replace("''", "'");
    }
    StringBuilder b = new StringBuilder();
    for (int k = 0; k < inner.length(); k++) {
      char c = inner.charAt(k);
      if (c == '\\' && k + 1 < inner.length()) {
        b.append(inner.charAt(++k));
      } else if (c == '\'' && k + 1 < inner.length() && inner.charAt(k + 1) == '\'') {
        b.append('\'');
        k++;
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }
}
