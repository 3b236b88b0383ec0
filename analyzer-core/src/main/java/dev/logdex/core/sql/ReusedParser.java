package dev.logdex.core.sql;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlAbstractParserImpl;
import org.apache.calcite.sql.parser.SqlAbstractParserImpl.LexicalState;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;

/**
 * One thread's Calcite parser for one configuration, set up once and re-initialised for each statement.
 *
 * <p>A new Babel parser allocates its lookahead tables (close to 1,900 objects), its character buffers and token
 * manager, and an exception object with a stack trace: about a quarter of the parse time in a profile of a 50 MB
 * slow log, where each of thousands of distinct statements is parsed once. {@code SqlParser.parseQuery(String)}
 * reuses a parser too, but its re-initialisation resets the lexical state, so a parser for back-quoted names would
 * read the next statement as for double quotes; here the state is set again after each re-initialisation. A parser
 * that threw is not reused: a failure may leave it in the middle of a lookahead.
 */
final class ReusedParser {
  private final SqlParser.Config config;
  private final LexicalState lexicalState;
  private SqlAbstractParserImpl parser;

  private ReusedParser(SqlParser.Config config) {
    this.config = config;
    this.lexicalState = LexicalState.forConfig(config);
  }

  /** A thread-local parser for {@code config}: each thread that parses gets its own. */
  static ThreadLocal<ReusedParser> perThread(SqlParser.Config config) {
    return ThreadLocal.withInitial(() -> new ReusedParser(config));
  }

  /** Parses one statement, as {@code SqlParser.create(sql, config).parseStmt()} does. */
  SqlNode parse(String sql) throws SqlParseException {
    SqlAbstractParserImpl p = parser;
    if (p == null) {
      p = config.parserFactory().getParser(new StringReader(""));
      // As SqlParser's constructor configures a new parser; these settings survive ReInit.
      p.setTabSize(1);
      p.setQuotedCasing(config.quotedCasing());
      p.setUnquotedCasing(config.unquotedCasing());
      p.setIdentifierMaxLength(config.identifierMaxLength());
      p.setTimeUnitCodes(config.timeUnitCodes());
      p.setConformance(config.conformance());
    }
    p.ReInit(new StatementReader(sql));
    p.switchTo(lexicalState);
    p.setOriginalSql(sql);
    parser = null; // taken back only after a parse that did not throw
    SqlNode node;
    try {
      node = p.parseSqlStmtEof();
    } catch (Throwable ex) {
      if (ex instanceof CalciteContextException c) {
        c.setOriginalStatement(sql);
      }
      throw p.normalizeException(ex);
    }
    parser = p;
    return node;
  }

  /**
   * A statement's text as Calcite's character stream reads it. That stream (JavaCC's) learns of the end of its
   * input by an IOException: at a reader's -1 it throws a new one, and reads again, and throws again, several times
   * per statement, each filling in its stack trace at the depth of the parser's recursion (1-2% of a 50 MB run's
   * CPU in a profile). This reader throws one exception, made once and without a trace, instead of returning -1;
   * the stream treats any IOException from a read as the end, as it does its own.
   */
  static final class StatementReader extends Reader {
    private static final EndOfStatement END = new EndOfStatement();
    private final String text;
    private int next;

    StatementReader(String text) {
      this.text = text;
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
      if (length == 0) {
        return 0;
      }
      if (next >= text.length()) {
        throw END;
      }
      int n = Math.min(length, text.length() - next);
      text.getChars(next, next + n, buffer, offset);
      next += n;
      return n;
    }

    @Override
    public void close() {
      // Nothing to release; reading past the end keeps throwing END, as a closed reader would throw.
    }
  }

  /**
   * The end of a statement's text: one instance for every parse on every thread, so it has no stack trace; the
   * character stream only catches and rethrows it, and nothing adds a cause or a suppressed exception to it.
   */
  static final class EndOfStatement extends IOException {
    private EndOfStatement() {
      super("end of statement");
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
      return this;
    }
  }
}
