package dev.logdex.readers;

import dev.logdex.core.lex.SqlScript;
import dev.logdex.core.model.QueryEvent;
import java.io.IOException;
import java.io.Reader;
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
