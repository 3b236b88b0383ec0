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
    return fingerprint(sql, null);
  }

  /**
   * Receives each literal value a statement writes (a string, a number; not a bind parameter), in the order of the
   * text, as a 64-bit hash of its text: the values a fingerprint leaves out, so that the calls of one class can be
   * told to write the same literal at a place, or not.
   */
  public interface LiteralSink {
    void literal(int index, long hash);
  }

  /** Fingerprints {@code sql}, telling {@code sink} (when not null) its literal values on the way. */
  public Fingerprint fingerprint(String sql, LiteralSink sink) {
    Scan scan = new Scan(sql);
    scan.sink = sink;
    String normalized = scan.run();
    String id = scan.id();
    scan.release();
    return new Fingerprint(id, normalized);
  }

  /** The hash {@link LiteralSink} receives for a literal written as {@code text} (quotes and sign included). */
  public static long literalHash(CharSequence text, int start, int end) {
    return finish(fnv1a(text, start, end));
  }

  private static long finish(long fnv) {
    long h = fnv;
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

  /** The same over {@code chars[start, end)}. */
  private static long fnv1a(char[] chars, int start, int end) {
    long h = 0xcbf29ce484222325L;
    for (int i = start; i < end; i++) {
      h ^= chars[i];
      h *= 0x100000001b3L;
    }
    return h;
  }

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  /** The id of an already normalized text: 16 hex digits of a 64-bit hash, stable across runs. */
  public static String idOf(String normalized) {
    return idOf(fnv1a(normalized, 0, normalized.length()));
  }

  private static String idOf(long fnv) {
    // FNV-1a over UTF-16 units, finished with MurmurHash3's fmix64 so that near-identical texts spread well.
    long h = fnv;
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
    Scan scan = new Scan(sql);
    String normalized = scan.run();
    scan.release();
    return normalized;
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

  /**
   * Each thread's arrays for a statement's chars and its normalized text, used again for its next statement: new
   * ones for each of millions of events were an eighth of fingerprinting in a profile of a 1 GB log.
   */
  private static final ThreadLocal<char[][]> SCRATCH = ThreadLocal.withInitial(() -> new char[2][]);

  /** Arrays up to this many chars are kept for the next statement; a longer one is left to the collector. */
  private static final int KEPT = 1 << 16;

  /** The state of one pass; kept out of the Fingerprinter so that it stays immutable. */
  private final class Scan {
    private final String s;
    /**
     * The statement's chars, {@code in[0, n)}, read by index: {@code charAt} checks the string's coder and bounds on
     * every char, a quarter of the fingerprinting samples in a profile of a 1 GB log.
     */
    private final char[] in;
    private final int n;
    /** The normalized text so far, {@code out[0, len)}: a builder checked its capacity and coder on every append. */
    private char[] out;
    private int len;
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

    Scan(String s) {
      this.s = s;
      this.n = s.length();
      char[][] scratch = SCRATCH.get();
      char[] chars = scratch[0];
      char[] text = scratch[1];
      scratch[0] = null; // taken: a fingerprint made meanwhile on this thread (by a sink) makes its own
      scratch[1] = null;
      this.in = chars != null && chars.length >= n ? chars : new char[Math.max(n, 256)];
      s.getChars(0, n, in, 0);
      int room = Math.min(n, 4096) + 16;
      this.out = text != null && text.length >= room ? text : new char[Math.max(room, 256)];
    }

    /** Gives the arrays back to this thread's next statement, unless a huge statement made them huge. */
    void release() {
      char[][] scratch = SCRATCH.get();
      if (in.length <= KEPT) {
        scratch[0] = in;
      }
      if (out.length <= KEPT) {
        scratch[1] = out;
      }
    }

    String run() {
      int i = 0;
      while (i < n) {
        char c = in[i];
        if (c <= ' ' || c >= 128 && Character.isWhitespace(c)) { // no ASCII char above the space is one
          i++;
        } else if (c == '-' && i + 1 < n && in[i + 1] == '-') {
          i = skipLine(i);
        } else if (c == '#' && backslashEscapes) {
          i = skipLine(i);
        } else if (backslashEscapes && c == '/' && isExecutableComment(i)) {
          i = openExecutableComment(i);
        } else if (executable && c == '*' && i + 1 < n && in[i + 1] == '/') {
          executable = false; // the end of a /*!...*/ whose inside was read as code
          i += 2;
        } else if (c == '/' && i + 1 < n && in[i + 1] == '*') {
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
        } else if (c >= '0' && c <= '9' || c == '.' && i + 1 < n && isDigit(in[i + 1]) && last != Tok.WORD
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
      return new String(out, 0, len);
    }

    /** The id of the text {@link #run} made, hashed from the chars as {@link #idOf} hashes its string. */
    String id() {
      return idOf(fnv1a(out, 0, len));
    }

    /** MySQL runs the inside of {@code /*!50003 ...*}{@code /} (MariaDB: {@code /*M!100100 ...}): it is code. */
    private boolean isExecutableComment(int i) {
      return !executable && i + 2 < n && in[i + 1] == '*'
          && (in[i + 2] == '!' || in[i + 2] == 'M' && i + 3 < n && in[i + 3] == '!');
    }

    private int openExecutableComment(int i) {
      int k = i + (in[i + 2] == 'M' ? 4 : 3);
      while (k < n && isDigit(in[k])) {
        k++; // the version number
      }
      executable = true;
      return k;
    }

    private int skipLine(int i) {
      while (i < n && in[i] != '\n') {
        i++;
      }
      return i;
    }

    private int skipBlockComment(int i) {
      int nesting = 0;
      while (i < n) {
        if (in[i] == '/' && i + 1 < n && in[i + 1] == '*') {
          nesting++;
          i += 2;
        } else if (in[i] == '*' && i + 1 < n && in[i + 1] == '/') {
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
        char c = in[i];
        if (escapes && c == '\\') {
          i += 2;
        } else if (c == quote) {
          if (i + 1 < n && in[i + 1] == quote) {
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
      if (in[i] == '0' && i + 1 < n && (in[i + 1] == 'x' || in[i + 1] == 'X')) {
        i += 2;
        while (i < n && Character.digit(in[i], 16) >= 0) {
          i++;
        }
        return i;
      }
      while (i < n) {
        char c = in[i];
        if (isDigit(c) || c == '.' || c == '_') {
          i++;
        } else if ((c == 'e' || c == 'E') && i + 1 < n
            && (isDigit(in[i + 1])
                || (in[i + 1] == '-' || in[i + 1] == '+') && i + 2 < n && isDigit(in[i + 2]))) {
          i += 2;
        } else {
          return i;
        }
      }
      return i;
    }

    private int dollar(int i) {
      int j = i + 1;
      if (j < n && isDigit(in[j])) { // $1: a bind parameter
        while (j < n && isDigit(in[j])) {
          j++;
        }
        literal();
        return j;
      }
      while (j < n && isWordPart(in[j]) && in[j] != '$') {
        j++;
      }
      if (j < n && in[j] == '$') { // $tag$ ... $tag$: a dollar-quoted string
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
      while (j < n && isWordPart(in[j])) {
        j++;
      }
      // E'..', B'..', X'..', N'..' and MySQL's _charset'..' are prefixed string literals.
      if (j < n && in[j] == '\'' && isLiteralPrefix(i, j)) {
        int end = skipString(j + 1, '\'', backslashEscapes || (j - i == 1 && (in[i] | 0x20) == 'e'));
        value(i, end);
        return end;
      }
      // Lower-cased straight into the output: a word costs no string of its own, and the output's capacity is
      // checked once a word, not once a char (a tenth of the fingerprinting samples in a profile of a 1 GB log).
      beforeEmit(Tok.WORD);
      lastWordStart = len;
      int length = j - i;
      room(length);
      for (int k = 0; k < length; k++) {
        char c = in[i + k];
        out[len + k] = c >= 'A' && c <= 'Z' ? (char) (c + 32) : c < 128 ? c : Character.toLowerCase(c);
      }
      len += length;
      afterEmit(Tok.WORD);
      return j;
    }

    private boolean isLiteralPrefix(int i, int j) {
      if (j - i == 1) {
        char c = (char) (in[i] | 0x20);
        return c == 'e' || c == 'b' || c == 'x' || c == 'n';
      }
      return in[i] == '_';
    }

    private int operator(int i) {
      char c = in[i];
      // A sign directly before a number, where no operand precedes it, belongs to the literal.
      if ((c == '-' || c == '+') && i + 1 < n && (isDigit(in[i + 1]) || in[i + 1] == '.')
          && !endsOperand()) {
        int end = skipNumber(i + 1);
        value(i, end);
        return end;
      }
      int j = i + 1;
      while (j < n && isOperatorChar(in[j]) && !startsComment(j) && !startsSignedNumber(j)) {
        j++;
      }
      beforeEmit(Tok.OPERATOR);
      room(j - i);
      System.arraycopy(in, i, out, len, j - i);
      len += j - i;
      afterEmit(Tok.OPERATOR);
      return j;
    }

    private boolean startsSignedNumber(int j) {
      char c = in[j];
      return (c == '-' || c == '+') && j + 1 < n && isDigit(in[j + 1]);
    }

    private boolean startsComment(int j) {
      char c = in[j];
      return j + 1 < n && (c == '-' && in[j + 1] == '-' || c == '/' && in[j + 1] == '*');
    }

    private boolean endsOperand() {
      return last == Tok.WORD && !isKeywordBeforeOperand() || last == Tok.LITERAL || last == Tok.NAME
          || last == Tok.CLOSE;
    }

    private boolean isKeywordBeforeOperand() {
      if (lastWordStart < 0 || len - lastWordStart > 7) {
        return false; // no keyword below is longer than "between"
      }
      return switch (new String(out, lastWordStart, len - lastWordStart)) {
        case "select", "where", "and", "or", "not", "when", "then", "else", "by", "values", "in", "between", "like",
            "limit", "offset", "return", "set", "on", "having", "is", "case" -> true;
        default -> false;
      };
    }

    /** Whether the last word written is {@code w}. */
    private boolean lastWordIs(String w) {
      return lastWordStart >= 0 && len - lastWordStart == w.length()
          && outMatches(w, lastWordStart);
    }

    private void literal() {
      emit("?", Tok.LITERAL);
    }

    /** A literal value written from {@code start} to {@code end}: normalized away, and told to the sink. */
    private void value(int start, int end) {
      if (sink != null) {
        sink.literal(literals++, finish(fnv1a(in, start, end)));
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
      parens[depth++] = ((long) (len - 1) << 2) | role;
    }

    private void close() {
      emit(")", Tok.CLOSE);
      if (depth == 0) {
        return; // unbalanced input: keep going, the fingerprint is still deterministic
      }
      long entry = parens[--depth];
      int start = (int) (entry >>> 2);
      int role = (int) (entry & 3);
      if (role == ROLE_IN && onlyLiterals(start + 1, len - 1)) {
        len = start;
        append("(?+)");
      } else if (role == ROLE_VALUES) {
        firstTuple = new String(out, start, len - start);
        valuesEnd = len;
      } else if (role == ROLE_NEXT_TUPLE && firstTuple != null) {
        if (len - start == firstTuple.length() && outMatches(firstTuple, start)) {
          len = valuesEnd; // an identical tuple adds nothing to the shape of the statement
        } else {
          valuesEnd = len;
        }
      }
    }

    private boolean onlyLiterals(int from, int to) {
      boolean any = false;
      for (int k = from; k < to; k++) {
        char c = out[k];
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
      append(text);
      afterEmit(tok);
    }

    /** Room in {@code out} for {@code more} chars after {@code len}. */
    private void room(int more) {
      if (len + more > out.length) {
        out = java.util.Arrays.copyOf(out, Math.max(len + more, 2 * out.length));
      }
    }

    private void append(String text) {
      room(text.length());
      text.getChars(0, text.length(), out, len);
      len += text.length();
    }

    /** Whether {@code out} holds {@code w} at {@code at}. */
    private boolean outMatches(String w, int at) {
      if (at + w.length() > len) {
        return false;
      }
      for (int k = 0; k < w.length(); k++) {
        if (out[at + k] != w.charAt(k)) {
          return false;
        }
      }
      return true;
    }

    private void beforeEmit(Tok tok) {
      if (needsSpace(tok)) {
        room(1);
        out[len++] = ' ';
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
