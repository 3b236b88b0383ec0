package dev.logdex.core.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The tokens of one DDL statement, with a cursor. Keeps each token's offsets so that expressions (index keys, partial
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
  private final List<Token> tokens;
  private int pos;

  DdlTokens(String sql) {
    this.sql = sql;
    this.tokens = tokenize(sql);
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
    DdlTokens sub = new DdlTokens(inner);
    int depth = 0;
    int from = 0;
    for (Token t : sub.tokens) {
      if (t.is("(")) {
        depth++;
      } else if (t.is(")")) {
        depth--;
      } else if (t.is(",") && depth == 0) {
        out.add(new DdlTokens(inner.substring(from, t.start())));
        from = t.end();
      }
    }
    if (!inner.substring(from).isBlank()) {
      out.add(new DdlTokens(inner.substring(from)));
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

  private static List<Token> tokenize(String s) {
    List<Token> out = new ArrayList<>();
    int n = s.length();
    int i = 0;
    while (i < n) {
      char c = s.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '-' && i + 1 < n && s.charAt(i + 1) == '-') {
        while (i < n && s.charAt(i) != '\n') {
          i++;
        }
      } else if (c == '/' && i + 1 < n && s.charAt(i + 1) == '*') {
        int end = s.indexOf("*/", i + 2);
        i = end < 0 ? n : end + 2;
      } else if (c == '"' || c == '`' || c == '\'') {
        int k = i + 1;
        StringBuilder b = new StringBuilder();
        while (k < n) {
          char d = s.charAt(k);
          if (d == c && k + 1 < n && s.charAt(k + 1) == c) {
            b.append(c);
            k += 2;
          } else if (d == c) {
            break;
          } else if (d == '\\' && c == '\'' && k + 1 < n) {
            b.append(s.charAt(k + 1));
            k += 2;
          } else {
            b.append(d);
            k++;
          }
        }
        out.add(new Token(c == '\'' ? Kind.STRING : Kind.QUOTED, b.toString(), i, Math.min(k + 1, n)));
        i = k + 1;
      } else if (Character.isLetter(c) || c == '_') {
        int k = i + 1;
        while (k < n && (Character.isLetterOrDigit(s.charAt(k)) || s.charAt(k) == '_' || s.charAt(k) == '$')) {
          k++;
        }
        out.add(new Token(Kind.WORD, s.substring(i, k), i, k));
        i = k;
      } else if (Character.isDigit(c)) {
        int k = i + 1;
        while (k < n && (Character.isDigit(s.charAt(k)) || s.charAt(k) == '.')) {
          k++;
        }
        out.add(new Token(Kind.NUMBER, s.substring(i, k), i, k));
        i = k;
      } else if (c == ':' && i + 1 < n && s.charAt(i + 1) == ':') {
        out.add(new Token(Kind.PUNCT, "::", i, i + 2));
        i += 2;
      } else {
        out.add(new Token(Kind.PUNCT, String.valueOf(c), i, i + 1));
        i++;
      }
    }
    return out;
  }
}
