package dev.logdex.core.lex;

import dev.logdex.core.model.Dialect;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits SQL text into tokens the way the database's own lexer does, for the parts that decide where a statement
 * ends: quoted strings and names, comments, dollar quotes, parameters and semicolons. It does not parse; it tells
 * what is code and what is quoted, so that a {@code ;} inside a string is never taken for the end of a statement and
 * one outside a string always is.
 *
 * <p>PostgreSQL: {@code '...'} with {@code ''} (and backslash escapes in {@code E'...'}, or everywhere when
 * {@code standard_conforming_strings} is off), {@code "..."}, {@code $tag$...$tag$}, {@code --} to the end of the
 * line, nested {@code /* *}{@code /}. MySQL and MariaDB: {@code '...'} and {@code "..."} with backslash escapes
 * (unless {@code NO_BACKSLASH_ESCAPES}), {@code `...`}, {@code #} and {@code -- } comments, and {@code /*! ... *}{@code
 * /} executable comments, whose content the server runs and so is scanned as code.
 *
 * <p>Anything left open at the end (a string, a name, a comment) is reported, never guessed.
 */
public final class SqlScanner {

  /** What a token is. */
  public enum Kind {
    /** A keyword or an unquoted name. */
    WORD,
    /** A quoted name: {@code "x"} or {@code `x`}. */
    QUOTED_NAME,
    /** A string literal, dollar-quoted text included. */
    STRING,
    NUMBER,
    /** A bind parameter: {@code $1}, {@code ?}. */
    PARAMETER,
    SEMICOLON,
    /** A comment; never part of what runs (MySQL's executable comments are scanned as code instead). */
    COMMENT,
    /**
     * Any other character: operators, parentheses, commas; and the {@code /*!NNNNN} and {@code *}{@code /} around a
     * MySQL executable comment, which are part of what runs.
     */
    SYMBOL
  }

  /** A token: its kind and its place in the text, {@code [start, end)}. */
  public record Token(Kind kind, int start, int end) {
    /** The token's text in {@code sql}. */
    public String text(String sql) {
      return sql.substring(start, end);
    }
  }

  /** Text that cannot be split into tokens: a quote or comment left open. */
  public static final class UnterminatedException extends Exception {
    private final int offset;

    UnterminatedException(String what, int offset) {
      super(what + " opened at offset " + offset + " is never closed");
      this.offset = offset;
    }

    /** Where the unclosed quote or comment starts. */
    public int offset() {
      return offset;
    }
  }

  private final Dialect dialect;
  private final boolean backslashEscapes;
  private final boolean doubleQuotedNames;

  private SqlScanner(Dialect dialect, boolean backslashEscapes, boolean doubleQuotedNames) {
    this.dialect = dialect;
    this.backslashEscapes = backslashEscapes;
    this.doubleQuotedNames = doubleQuotedNames;
  }

  /** PostgreSQL's lexer with {@code standard_conforming_strings} on, the default since 9.1. */
  public static SqlScanner postgres() {
    return postgres(true);
  }

  /** PostgreSQL's lexer; with {@code standardConformingStrings} off a backslash escapes in every string. */
  public static SqlScanner postgres(boolean standardConformingStrings) {
    return new SqlScanner(Dialect.POSTGRESQL, !standardConformingStrings, true);
  }

  /** MySQL's and MariaDB's lexer with the default SQL mode. */
  public static SqlScanner mysql() {
    return mysql(true, false);
  }

  /**
   * MySQL's and MariaDB's lexer.
   *
   * @param backslashEscapes false under {@code NO_BACKSLASH_ESCAPES}
   * @param ansiQuotes true under {@code ANSI_QUOTES}: {@code "x"} is a name, not a string
   */
  public static SqlScanner mysql(boolean backslashEscapes, boolean ansiQuotes) {
    return new SqlScanner(Dialect.MYSQL, backslashEscapes, ansiQuotes);
  }

  /** The default lexer of {@code dialect}. */
  public static SqlScanner of(Dialect dialect) {
    return dialect == Dialect.MYSQL ? mysql() : postgres();
  }

  public Dialect dialect() {
    return dialect;
  }

  /** Every token of {@code sql}, whitespace left out, comments kept. */
  public List<Token> tokens(String sql) throws UnterminatedException {
    List<Token> out = new ArrayList<>();
    Cursor c = cursor(sql, 0);
    for (Token t = c.next(); t != null; t = c.next()) {
      out.add(t);
    }
    c.finish();
    return out;
  }

  /** A cursor over the tokens of {@code sql} from offset {@code from}, for callers that read token by token. */
  public Cursor cursor(String sql, int from) {
    return new Cursor(sql, from);
  }

  /** Reads the tokens of one text one at a time; a caller may stop early, or start another cursor further on. */
  public final class Cursor {
    private final String sql;
    private int i;
    private int executableComment = -1; // MySQL: the start of the /*! ... */ being scanned as code

    private Cursor(String sql, int from) {
      this.sql = sql;
      this.i = from;
    }

    /** Where the next token's search starts. */
    public int position() {
      return i;
    }

    /** Fails when the text ended inside a MySQL executable comment; call after the last {@link #next}. */
    public void finish() throws UnterminatedException {
      if (executableComment >= 0) {
        throw new UnterminatedException("executable comment", executableComment);
      }
    }

    /** The next token, or null at the end of the text. */
    public Token next() throws UnterminatedException {
      int n = sql.length();
      while (i < n && isSpace(sql.charAt(i))) {
        i++;
      }
      if (i >= n) {
        return null;
      }
      char c = sql.charAt(i);
      int start = i;
      Token t;
      if (c == '\'') {
        i = quoted(sql, i, '\'', backslashEscapes || dialect == Dialect.POSTGRESQL && escapeStringPrefix(sql, i),
            "string");
        t = new Token(Kind.STRING, start, i);
      } else if (c == '"') {
        boolean name = dialect == Dialect.POSTGRESQL || doubleQuotedNames;
        i = quoted(sql, i, '"', !name && backslashEscapes, name ? "quoted name" : "string");
        t = new Token(name ? Kind.QUOTED_NAME : Kind.STRING, start, i);
      } else if (c == '`' && dialect == Dialect.MYSQL) {
        i = quoted(sql, i, '`', false, "quoted name");
        t = new Token(Kind.QUOTED_NAME, start, i);
      } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-' && (dialect == Dialect.POSTGRESQL
          || i + 2 >= n || sql.charAt(i + 2) <= ' ')) {
        i = lineEnd(sql, i);
        t = new Token(Kind.COMMENT, start, i);
      } else if (c == '#' && dialect == Dialect.MYSQL) {
        i = lineEnd(sql, i);
        t = new Token(Kind.COMMENT, start, i);
      } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
        if (dialect == Dialect.MYSQL && executableComment < 0 && isExecutableComment(sql, i)) {
          executableComment = i;
          i = skipExecutableCommentHead(sql, i);
          t = new Token(Kind.SYMBOL, start, i);
        } else {
          i = blockComment(sql, i);
          t = new Token(Kind.COMMENT, start, i);
        }
      } else if (c == '*' && executableComment >= 0 && i + 1 < n && sql.charAt(i + 1) == '/') {
        executableComment = -1;
        i += 2;
        t = new Token(Kind.SYMBOL, start, i);
      } else if (c == '$' && dialect == Dialect.POSTGRESQL) {
        int tagEnd = dollarTagEnd(sql, i);
        if (tagEnd > 0) {
          String tag = sql.substring(i, tagEnd);
          int close = sql.indexOf(tag, tagEnd);
          if (close < 0) {
            throw new UnterminatedException("dollar quote " + tag, i);
          }
          i = close + tag.length();
          t = new Token(Kind.STRING, start, i);
        } else if (i + 1 < n && isDigit(sql.charAt(i + 1))) {
          i = digits(sql, i + 1);
          t = new Token(Kind.PARAMETER, start, i);
        } else {
          i++;
          t = new Token(Kind.SYMBOL, start, i);
        }
      } else if (c == '?') {
        i++;
        t = new Token(Kind.PARAMETER, start, i);
      } else if (c == ';') {
        i++;
        t = new Token(Kind.SEMICOLON, start, i);
      } else if (isDigit(c) || c == '.' && i + 1 < n && isDigit(sql.charAt(i + 1))) {
        i = number(sql, i);
        t = new Token(Kind.NUMBER, start, i);
      } else if (isWordStart(c) || c == '$' && dialect == Dialect.MYSQL) {
        i = word(sql, i);
        if (i == start + 1 && i < n && sql.charAt(i) == '\'' && "EeNnBbXx".indexOf(c) >= 0) {
          // A prefixed string, E'...' (backslash escapes on PostgreSQL), N'...', B'...', X'...': one token.
          i = quoted(sql, i, '\'', backslashEscapes || dialect == Dialect.POSTGRESQL && (c == 'E' || c == 'e'),
              "string");
          t = new Token(Kind.STRING, start, i);
        } else {
          t = new Token(Kind.WORD, start, i);
        }
      } else {
        i++;
        t = new Token(Kind.SYMBOL, start, i);
      }
      return t;
    }
  }

  /** Whether the quote at {@code i} opens an {@code E'...'} string (backslash escapes). */
  private static boolean escapeStringPrefix(String sql, int i) {
    if (i == 0 || (sql.charAt(i - 1) != 'E' && sql.charAt(i - 1) != 'e')) {
      return false;
    }
    return i < 2 || !isWordPart(sql.charAt(i - 2));
  }

  private static int quoted(String sql, int i, char q, boolean backslash, String what)
      throws UnterminatedException {
    int n = sql.length();
    int j = i + 1;
    while (j < n) {
      char c = sql.charAt(j);
      if (backslash && c == '\\') {
        j += 2;
      } else if (c == q) {
        if (j + 1 < n && sql.charAt(j + 1) == q) {
          j += 2;
        } else {
          return j + 1;
        }
      } else {
        j++;
      }
    }
    throw new UnterminatedException(what, i);
  }

  /** The end of a {@code --} or {@code #} comment: the next line break (PostgreSQL ends it at CR too). */
  private static int lineEnd(String sql, int i) {
    int n = sql.length();
    int j = i;
    while (j < n && sql.charAt(j) != '\n' && sql.charAt(j) != '\r') {
      j++;
    }
    return j;
  }

  private int blockComment(String sql, int i) throws UnterminatedException {
    int n = sql.length();
    int depth = 1;
    int j = i + 2;
    while (j < n) {
      if (sql.charAt(j) == '*' && j + 1 < n && sql.charAt(j + 1) == '/') {
        j += 2;
        if (--depth == 0 || dialect == Dialect.MYSQL) {
          return j;
        }
      } else if (dialect == Dialect.POSTGRESQL && sql.charAt(j) == '/' && j + 1 < n && sql.charAt(j + 1) == '*') {
        depth++;
        j += 2;
      } else {
        j++;
      }
    }
    throw new UnterminatedException("comment", i);
  }

  /** {@code /*!}, {@code /*!50000}, {@code /*M!}, {@code /*M!100000}: MySQL and MariaDB run what is inside. */
  private static boolean isExecutableComment(String sql, int i) {
    return sql.startsWith("/*!", i) || sql.startsWith("/*M!", i);
  }

  private static int skipExecutableCommentHead(String sql, int i) {
    int j = i + (sql.startsWith("/*M!", i) ? 4 : 3);
    return digits(sql, j);
  }

  /**
   * The end of a dollar-quote tag ({@code $$} or {@code $name$}) starting at {@code i}, or -1. Not after a name
   * character: {@code a$b$} is one name in PostgreSQL.
   */
  private static int dollarTagEnd(String sql, int i) {
    if (i > 0 && isWordPart(sql.charAt(i - 1))) {
      return -1;
    }
    int n = sql.length();
    int j = i + 1;
    if (j < n && sql.charAt(j) == '$') {
      return j + 1;
    }
    if (j >= n || !isWordStart(sql.charAt(j))) {
      return -1;
    }
    while (j < n && isWordPart(sql.charAt(j)) && sql.charAt(j) != '$') {
      j++;
    }
    return j < n && sql.charAt(j) == '$' ? j + 1 : -1;
  }

  private static int number(String sql, int i) {
    int n = sql.length();
    int j = i;
    while (j < n && (isDigit(sql.charAt(j)) || sql.charAt(j) == '.' || sql.charAt(j) == '_'
        || Character.isLetter(sql.charAt(j)))) {
      j++;
    }
    return j;
  }

  private static int word(String sql, int i) {
    int n = sql.length();
    int j = i;
    while (j < n && isWordPart(sql.charAt(j))) {
      j++;
    }
    return j;
  }

  private static int digits(String sql, int i) {
    int n = sql.length();
    int j = i;
    while (j < n && isDigit(sql.charAt(j))) {
      j++;
    }
    return j;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /** The servers' white space: ASCII only. Any other character (U+00A0, U+2028) is part of a name to them. */
  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0B;
  }

  /** As PostgreSQL's lexer: a letter, an underscore, or any non-ASCII character. */
  private static boolean isWordStart(char c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c >= 0x80;
  }

  private static boolean isWordPart(char c) {
    return isWordStart(c) || isDigit(c) || c == '$';
  }
}
