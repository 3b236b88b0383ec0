package dev.logdex.readers;

import dev.logdex.core.lex.SqlScanner;
import dev.logdex.core.lex.SqlScript;
import dev.logdex.core.model.QueryEvent;
import java.io.IOException;
import java.io.Reader;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Reads a plain SQL file (a workload of queries such as TPC-H's): each statement is one untimed call.
 * The whole file is read into memory, so this is for query files, not for logs.
 */
public final class SqlFileReader implements LogReader {

  public static final String FORMAT = "sql";

  @Override
  public String format() {
    return FORMAT;
  }

  /**
   * Ranges of a large file of statements: one may start at the line after a line that ends with {@code ;}; a range
   * whose text does not end with a whole statement (the {@code ;} was in a string or a comment) says so, and the
   * file is read whole. Nothing carries from one statement to the next.
   */
  @Override
  public Optional<RangeReading> ranges() {
    return Optional.of(new RangeReading() {
      @Override
      public boolean startsRange(String previous, String line) {
        return previous != null && previous.strip().endsWith(";");
      }

      @Override
      public Scan scan(Reader text, String name, String next, boolean first) throws IOException {
        return new Scan("", next != null && !endsWhole(readAll(text)));
      }

      @Override
      public String start() {
        return "";
      }

      @Override
      public String after(String carry, String effect) {
        return carry;
      }

      @Override
      public void read(Reader text, String name, Consumer<QueryEvent> events, SkipAccount skips, String carry,
          String next) throws IOException {
        SqlFileReader.this.read(text, name, events, skips);
      }
    });
  }

  /**
   * Whether {@code sql} ends with a whole statement: its last token is a {@code ;}. A comment after it would be
   * the start of the next statement's text, which the next range would lose.
   */
  static boolean endsWhole(String sql) {
    try {
      SqlScanner.Kind last = null;
      for (SqlScanner.Token t : SqlScanner.postgres().tokens(sql)) {
        last = t.kind();
      }
      return last == null || last == SqlScanner.Kind.SEMICOLON;
    } catch (SqlScanner.UnterminatedException e) {
      return false; // a string or a comment goes on past the end
    }
  }

  private static String readAll(Reader input) throws IOException {
    StringBuilder b = new StringBuilder();
    char[] buf = new char[8192];
    for (int n; (n = input.read(buf)) >= 0; ) {
      b.append(buf, 0, n);
    }
    return b.toString();
  }

  @Override
  public void read(Reader input, String source, Consumer<QueryEvent> events, SkipAccount skips)
      throws IOException {
    StringBuilder b = new StringBuilder();
    char[] buf = new char[8192];
    for (int n; (n = input.read(buf)) >= 0; ) {
      b.append(buf, 0, n);
    }
    for (SqlScript.Statement st : SqlScript.split(b.toString(), false)) {
      skips.event();
      events.accept(QueryEvent.untimed(source, st.line(), st.text()));
    }
  }
}
