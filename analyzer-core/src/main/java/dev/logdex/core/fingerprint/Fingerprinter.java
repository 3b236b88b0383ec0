package dev.logdex.core.fingerprint;

import dev.logdex.core.model.Fingerprint;
import java.util.Locale;

/**
 * Turns statement text into its {@link Fingerprint}: one hand-written pass over the characters, no regular
 * expressions, no parser.
 *
 * <p>Literals (strings, numbers, dollar-quoted bodies, {@code $n}, {@code ?}) become {@code ?}; an IN list of
 * literals of any length becomes {@code in(?+)}; repeated {@code VALUES} tuples fold to the first; comments go; runs
 * of whitespace collapse to the one canonical spacing; unquoted words are lower-cased. The same statement therefore
 * gets the same id whether it came from a slow log with literal values or from pg_stat_statements with {@code $1}.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class Fingerprinter {

  /** How double-quoted text is read: MySQL (without ANSI_QUOTES) takes it as a string, everyone else as a name. */
  public enum Quotes {
    DOUBLE_QUOTED_IS_IDENTIFIER,
    DOUBLE_QUOTED_IS_STRING
  }

  private static final Fingerprinter STANDARD = new Fingerprinter(Quotes.DOUBLE_QUOTED_IS_IDENTIFIER, false);
  private static final Fingerprinter MYSQL = new Fingerprinter(Quotes.DOUBLE_QUOTED_IS_STRING, true);

  private final Quotes quotes;
  private final boolean backslashEscapes;

  private Fingerprinter(Quotes quotes, boolean backslashEscapes) {
    this.quotes = quotes;
    this.backslashEscapes = backslashEscapes;
  }

  /** PostgreSQL and standard SQL: {@code "x"} is a name, backslashes are plain characters in {@code '...'}. */
  public static Fingerprinter standard() {
    return STANDARD;
  }

  /** MySQL and MariaDB defaults: {@code "x"} is a string, backslash escapes inside strings, {@code #} comments. */
  public static Fingerprinter mysql() {
    return MYSQL;
  }

  /** Fingerprints {@code sql}. */
  public Fingerprint fingerprint(String sql) {
    String normalized = normalize(sql);
    return new Fingerprint(idOf(normalized), normalized);
  }

  /**
   * Receives each literal value a statement writes (a string, a number; not a bind parameter), in the order of the
   * text, as a 64-bit hash of its text: the values a fingerprint leaves out, so that the calls of one class can be
   * told to write the same literal at a place, or not.
   */
  public interface LiteralSink {
    void literal(int index, long hash);
  }

  /** Fingerprints {@code sql}, telling {@code sink} its literal values on the way. */
  public Fingerprint fingerprint(String sql, LiteralSink sink) {
    Scan scan = new Scan(sql);
    scan.sink = sink;
    String normalized = scan.run();
    return new Fingerprint(idOf(normalized), normalized);
  }

  /** The hash {@link LiteralSink} receives for a literal written as {@code text} (quotes and sign included). */
  public static long literalHash(CharSequence text, int start, int end) {
    long h = fnv1a(text, start, end);
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    return h;
  }

  /** FNV-1a over the UTF-16 units of {@code text} from {@code start} to {@code end}. */
  private static long fnv1a(CharSequence text, int start, int end) {
    long h = 0xcbf29ce484222325L;
    for (int i = start; i < end; i++) {
      h ^= text.charAt(i);
      h *= 0x100000001b3L;
    }
    return h;
  }

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  /** The id of an already normalized text: 16 hex digits of a 64-bit hash, stable across runs. */
  public static String idOf(String normalized) {
    // FNV-1a over UTF-16 units, finished with MurmurHash3's fmix64 so that near-identical texts spread well.
    long h = fnv1a(normalized, 0, normalized.length());
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    char[] hex = new char[16];
    for (int i = 15; i >= 0; i--, h >>>= 4) {
      hex[i] = HEX[(int) (h & 0xf)];
    }
    return new String(hex);
  }

  /** The normalized text of {@code sql}. */
  public String normalize(String sql) {
    return new Scan(sql).run();
  }

  private enum Tok {
    NONE,
    WORD,
    LITERAL,
    NAME,
    OPERATOR,
    OPEN,
    CLOSE,
    COMMA,
    DOT,
    OTHER
  }

  /** The state of one pass; kept out of the Fingerprinter so that it stays immutable. */
  private final class Scan {
    private final String s;
    private final int n;
    private final StringBuilder out;
    private Tok last = Tok.NONE;
    private int lastWordStart = -1;
    // Paren stack: start offsets in `out`, and what preceded each paren, packed as (offset << 2 | role).
    private long[] parens = new long[8];
    private int depth;
    private static final int ROLE_PLAIN = 0;
    private static final int ROLE_IN = 1;
    private static final int ROLE_VALUES = 2;
    private static final int ROLE_NEXT_TUPLE = 3;
    // VALUES folding: the text of the first tuple, and where the list ends so far.
    private String firstTuple;
    private int valuesEnd = -1;
    private boolean executable;
    private LiteralSink sink;
    private int literals;
    private char[] word = new char[32];

    Scan(String s) {
      this.s = s;
      this.n = s.length();
      this.out = new StringBuilder(Math.min(n, 4096));
    }

    String run() {
      int i = 0;
      while (i < n) {
        char c = s.charAt(i);
        if (c <= ' ' || Character.isWhitespace(c)) {
          i++;
        } else if (c == '-' && i + 1 < n && s.charAt(i + 1) == '-') {
          i = skipLine(i);
        } else if (c == '#' && backslashEscapes) {
          i = skipLine(i);
        } else if (backslashEscapes && c == '/' && isExecutableComment(i)) {
          i = openExecutableComment(i);
        } else if (executable && c == '*' && i + 1 < n && s.charAt(i + 1) == '/') {
          executable = false; // the end of a /*!...*/ whose inside was read as code
          i += 2;
        } else if (c == '/' && i + 1 < n && s.charAt(i + 1) == '*') {
          i = skipBlockComment(i);
        } else if (c == '\'') {
          int start = i;
          i = skipString(i + 1, '\'', backslashEscapes);
          value(start, i);
        } else if (c == '"') {
          if (quotes == Quotes.DOUBLE_QUOTED_IS_STRING) {
            int start = i;
            i = skipString(i + 1, '"', backslashEscapes);
            value(start, i);
          } else {
            i = quotedName(i, '"');
          }
        } else if (c == '`') {
          i = quotedName(i, '`');
        } else if (c >= '0' && c <= '9' || c == '.' && i + 1 < n && isDigit(s.charAt(i + 1)) && last != Tok.WORD
            && last != Tok.NAME) {
          int start = i;
          i = skipNumber(i);
          value(start, i);
        } else if (c == '$') {
          i = dollar(i);
        } else if (c == '?') {
          i++;
          literal();
        } else if (isWordStart(c)) {
          i = word(i);
        } else if (c == '(') {
          open();
          i++;
        } else if (c == ')') {
          close();
          i++;
        } else if (c == ',') {
          emit(",", Tok.COMMA);
          i++;
        } else if (c == '.') {
          emit(".", Tok.DOT);
          i++;
        } else if (c == ';') {
          i++; // statement terminators carry no meaning in a fingerprint
        } else if (isOperatorChar(c)) {
          i = operator(i);
        } else {
          emit(String.valueOf(c), Tok.OTHER);
          i++;
        }
      }
      return out.toString();
    }

    /** MySQL runs the inside of {@code /*!50003 ...*}{@code /} (MariaDB: {@code /*M!100100 ...}): it is code. */
    private boolean isExecutableComment(int i) {
      return !executable && i + 2 < n && s.charAt(i + 1) == '*'
          && (s.charAt(i + 2) == '!' || s.charAt(i + 2) == 'M' && i + 3 < n && s.charAt(i + 3) == '!');
    }

    private int openExecutableComment(int i) {
      int k = i + (s.charAt(i + 2) == 'M' ? 4 : 3);
      while (k < n && isDigit(s.charAt(k))) {
        k++; // the version number
      }
      executable = true;
      return k;
    }

    private int skipLine(int i) {
      while (i < n && s.charAt(i) != '\n') {
        i++;
      }
      return i;
    }

    private int skipBlockComment(int i) {
      int nesting = 0;
      while (i < n) {
        if (s.charAt(i) == '/' && i + 1 < n && s.charAt(i + 1) == '*') {
          nesting++;
          i += 2;
        } else if (s.charAt(i) == '*' && i + 1 < n && s.charAt(i + 1) == '/') {
          i += 2;
          if (--nesting == 0) {
            return i;
          }
        } else {
          i++;
        }
      }
      return n;
    }

    /** Skips a quoted literal whose opening quote is just before {@code i}; returns the index after its end. */
    private int skipString(int i, char quote, boolean escapes) {
      while (i < n) {
        char c = s.charAt(i);
        if (escapes && c == '\\') {
          i += 2;
        } else if (c == quote) {
          if (i + 1 < n && s.charAt(i + 1) == quote) {
            i += 2;
          } else {
            return i + 1;
          }
        } else {
          i++;
        }
      }
      return n;
    }

    private int quotedName(int i, char quote) {
      int end = skipString(i + 1, quote, false);
      String inner = s.substring(i + 1, Math.max(i + 1, end - 1)).replace(String.valueOf(quote) + quote,
          String.valueOf(quote));
      // A quoted name equal to what the database folds the bare name to means the same object: write it bare.
      boolean plain = !inner.isEmpty() && isWordStart(inner.charAt(0));
      for (int k = 0; plain && k < inner.length(); k++) {
        char c = inner.charAt(k);
        plain = isWordPart(c) && (quote == '`' || !Character.isUpperCase(c));
      }
      if (plain) {
        emit(quote == '`' ? inner.toLowerCase(Locale.ROOT) : inner, Tok.NAME);
      } else {
        emit("\"" + inner.replace("\"", "\"\"") + "\"", Tok.NAME);
      }
      return end;
    }

    private int skipNumber(int i) {
      if (s.charAt(i) == '0' && i + 1 < n && (s.charAt(i + 1) == 'x' || s.charAt(i + 1) == 'X')) {
        i += 2;
        while (i < n && Character.digit(s.charAt(i), 16) >= 0) {
          i++;
        }
        return i;
      }
      while (i < n) {
        char c = s.charAt(i);
        if (isDigit(c) || c == '.' || c == '_') {
          i++;
        } else if ((c == 'e' || c == 'E') && i + 1 < n
            && (isDigit(s.charAt(i + 1))
                || (s.charAt(i + 1) == '-' || s.charAt(i + 1) == '+') && i + 2 < n && isDigit(s.charAt(i + 2)))) {
          i += 2;
        } else {
          return i;
        }
      }
      return i;
    }

    private int dollar(int i) {
      int j = i + 1;
      if (j < n && isDigit(s.charAt(j))) { // $1: a bind parameter
        while (j < n && isDigit(s.charAt(j))) {
          j++;
        }
        literal();
        return j;
      }
      while (j < n && isWordPart(s.charAt(j)) && s.charAt(j) != '$') {
        j++;
      }
      if (j < n && s.charAt(j) == '$') { // $tag$ ... $tag$: a dollar-quoted string
        String tag = s.substring(i, j + 1);
        int end = s.indexOf(tag, j + 1);
        int stop = end < 0 ? n : end + tag.length();
        value(i, stop);
        return stop;
      }
      emit("$", Tok.OTHER);
      return i + 1;
    }

    private int word(int i) {
      int j = i + 1;
      while (j < n && isWordPart(s.charAt(j))) {
        j++;
      }
      // E'..', B'..', X'..', N'..' and MySQL's _charset'..' are prefixed string literals.
      if (j < n && s.charAt(j) == '\'' && isLiteralPrefix(i, j)) {
        int end = skipString(j + 1, '\'', backslashEscapes || (j - i == 1 && (s.charAt(i) | 0x20) == 'e'));
        value(i, end);
        return end;
      }
      // Lower-cased into a scratch array and appended at once: a word costs no string of its own, and the output
      // checks its capacity once a word, not once a char (a tenth of the fingerprinting samples in a profile of a
      // 1 GB log were in that check).
      beforeEmit(Tok.WORD);
      lastWordStart = out.length();
      int length = j - i;
      if (length > word.length) {
        word = new char[Math.max(length, 2 * word.length)];
      }
      for (int k = 0; k < length; k++) {
        char c = s.charAt(i + k);
        word[k] = c >= 'A' && c <= 'Z' ? (char) (c + 32) : c < 128 ? c : Character.toLowerCase(c);
      }
      out.append(word, 0, length);
      afterEmit(Tok.WORD);
      return j;
    }

    private boolean isLiteralPrefix(int i, int j) {
      if (j - i == 1) {
        char c = (char) (s.charAt(i) | 0x20);
        return c == 'e' || c == 'b' || c == 'x' || c == 'n';
      }
      return s.charAt(i) == '_';
    }

    private int operator(int i) {
      char c = s.charAt(i);
      // A sign directly before a number, where no operand precedes it, belongs to the literal.
      if ((c == '-' || c == '+') && i + 1 < n && (isDigit(s.charAt(i + 1)) || s.charAt(i + 1) == '.')
          && !endsOperand()) {
        int end = skipNumber(i + 1);
        value(i, end);
        return end;
      }
      int j = i + 1;
      while (j < n && isOperatorChar(s.charAt(j)) && !startsComment(j) && !startsSignedNumber(j)) {
        j++;
      }
      beforeEmit(Tok.OPERATOR);
      out.append(s, i, j);
      afterEmit(Tok.OPERATOR);
      return j;
    }

    private boolean startsSignedNumber(int j) {
      char c = s.charAt(j);
      return (c == '-' || c == '+') && j + 1 < n && isDigit(s.charAt(j + 1));
    }

    private boolean startsComment(int j) {
      char c = s.charAt(j);
      return j + 1 < n && (c == '-' && s.charAt(j + 1) == '-' || c == '/' && s.charAt(j + 1) == '*');
    }

    private boolean endsOperand() {
      return last == Tok.WORD && !isKeywordBeforeOperand() || last == Tok.LITERAL || last == Tok.NAME
          || last == Tok.CLOSE;
    }

    private boolean isKeywordBeforeOperand() {
      if (lastWordStart < 0 || out.length() - lastWordStart > 7) {
        return false; // no keyword below is longer than "between"
      }
      return switch (out.substring(lastWordStart)) {
        case "select", "where", "and", "or", "not", "when", "then", "else", "by", "values", "in", "between", "like",
            "limit", "offset", "return", "set", "on", "having", "is", "case" -> true;
        default -> false;
      };
    }

    /** Whether the last word written is {@code w}. */
    private boolean lastWordIs(String w) {
      return lastWordStart >= 0 && out.length() - lastWordStart == w.length()
          && out.indexOf(w, lastWordStart) == lastWordStart;
    }

    private void literal() {
      emit("?", Tok.LITERAL);
    }

    /** A literal value written from {@code start} to {@code end}: normalized away, and told to the sink. */
    private void value(int start, int end) {
      if (sink != null) {
        sink.literal(literals++, literalHash(s, start, end));
      }
      literal();
    }

    private void open() {
      int role = ROLE_PLAIN;
      if (last == Tok.WORD) {
        if (lastWordIs("in")) {
          role = ROLE_IN;
        } else if (lastWordIs("values") || lastWordIs("value")) {
          role = ROLE_VALUES;
          firstTuple = null;
        }
      } else if (last == Tok.COMMA && valuesEnd >= 0 && depth == 0) {
        role = ROLE_NEXT_TUPLE;
      }
      emit("(", Tok.OPEN);
      if (depth == parens.length) {
        parens = java.util.Arrays.copyOf(parens, depth * 2);
      }
      parens[depth++] = ((long) (out.length() - 1) << 2) | role;
    }

    private void close() {
      emit(")", Tok.CLOSE);
      if (depth == 0) {
        return; // unbalanced input: keep going, the fingerprint is still deterministic
      }
      long entry = parens[--depth];
      int start = (int) (entry >>> 2);
      int role = (int) (entry & 3);
      if (role == ROLE_IN && onlyLiterals(start + 1, out.length() - 1)) {
        out.setLength(start);
        out.append("(?+)");
      } else if (role == ROLE_VALUES) {
        firstTuple = out.substring(start);
        valuesEnd = out.length();
      } else if (role == ROLE_NEXT_TUPLE && firstTuple != null) {
        if (out.length() - start == firstTuple.length() && out.indexOf(firstTuple, start) == start) {
          out.setLength(valuesEnd); // an identical tuple adds nothing to the shape of the statement
        } else {
          valuesEnd = out.length();
        }
      }
    }

    private boolean onlyLiterals(int from, int to) {
      boolean any = false;
      for (int k = from; k < to; k++) {
        char c = out.charAt(k);
        if (c == '?') {
          any = true;
        } else if (c != ',' && c != ' ' && c != '(' && c != ')' && c != '+') {
          return false;
        }
      }
      return any;
    }

    private void emit(String text, Tok tok) {
      beforeEmit(tok);
      out.append(text);
      afterEmit(tok);
    }

    private void beforeEmit(Tok tok) {
      if (needsSpace(tok)) {
        out.append(' ');
      }
    }

    private void afterEmit(Tok tok) {
      if (valuesEnd >= 0 && depth == 0 && tok != Tok.COMMA && tok != Tok.OPEN && tok != Tok.CLOSE) {
        valuesEnd = -1; // the VALUES list ended; nothing later folds into it
        firstTuple = null;
      }
      last = tok;
    }

    private boolean needsSpace(Tok tok) {
      if (last == Tok.NONE || last == Tok.OPEN || last == Tok.DOT) {
        return false;
      }
      return switch (tok) {
        case CLOSE, COMMA, DOT -> false;
        case OPEN -> last != Tok.WORD && last != Tok.NAME;
        default -> true;
      };
    }
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isWordStart(char c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c > 127 && Character.isLetter(c);
  }

  private static boolean isWordPart(char c) {
    return isWordStart(c) || isDigit(c) || c == '$' || c > 127 && Character.isLetterOrDigit(c);
  }

  private static boolean isOperatorChar(char c) {
    return switch (c) {
      case '=', '<', '>', '!', '+', '-', '*', '/', '%', '|', '&', '^', '~', '@', ':', '#' -> true;
      default -> false;
    };
  }
}
