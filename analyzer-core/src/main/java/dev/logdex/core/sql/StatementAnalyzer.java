package dev.logdex.core.sql;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.logdex.core.lex.SqlScanner;
import dev.logdex.core.lex.SqlScript;
import dev.logdex.core.model.Fingerprint;
import dev.logdex.core.model.StatementKind;
import dev.logdex.core.model.StatementProfile;
import dev.logdex.core.schema.Schema;
import dev.logdex.core.sql.tree.ParsedStatement;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Analyses statements: Calcite's parsers first (its core one, else Babel), JSqlParser where Calcite cannot read the
 * statement, both translated into one neutral form, then usage extraction against the schema. Results are cached by
 * fingerprint, so each distinct statement is parsed once however often it was logged.
 *
 * <p>Thread-safe: the cache is concurrent and each analysis builds its own parser instances.
 */
public final class StatementAnalyzer {

  /** Statements longer than this are not parsed (a generated mega-query would only stall the run). */
  static final int MAX_LENGTH = 200_000;

  /** Deeper nesting than this is not parsed: both parsers recurse and would overflow the stack. */
  static final int MAX_DEPTH = 200;

  static final Set<String> ANALYSED_KEYWORDS =
      Set.of("select", "with", "insert", "update", "delete", "replace", "(", "values", "table");

  private final Schema schema;
  private final CalciteTranslator.Grammar grammar;
  /** The schema's dialect's lexer: one for every place here that reads the statement's text. */
  private final SqlScanner scanner;
  private final Cache<String, StatementAnalysis> cache;
  private final Counter calcite;
  private final Counter jsqlparser;
  private final Counter keyword;
  private final Counter failures;
  /** By fingerprint id, whether the database a MySQL statement ran in makes no difference (see isDatabaseFree). */
  private final Map<String, Boolean> databaseFree = new java.util.concurrent.ConcurrentHashMap<>();
  private final java.util.concurrent.atomic.LongAdder nearHits = new java.util.concurrent.atomic.LongAdder();

  /** An analyzer against {@code schema} that counts its work in {@code registry}. */
  public StatementAnalyzer(Schema schema, MeterRegistry registry) {
    this(schema, registry, CalciteTranslator.Grammar.CORE_FIRST);
  }

  /**
   * An analyzer whose Calcite reads statements with {@code grammar}: {@link CalciteTranslator.Grammar#BABEL} is the
   * reference the differential test holds the usual one to.
   */
  public StatementAnalyzer(Schema schema, MeterRegistry registry, CalciteTranslator.Grammar grammar) {
    this.schema = schema;
    this.grammar = grammar;
    this.scanner = SqlScanner.of(schema.dialect());
    // The cache's upkeep after each new entry runs on the thread that added it: handed to the common pool, each of
    // thousands of new statement classes woke a pool thread for a moment's work, on a machine whose cores the
    // reading and aggregating threads already keep busy (50 MB slow log: 9% less CPU and wall time).
    this.cache = Caffeine.newBuilder().maximumSize(200_000).executor(Runnable::run).recordStats().build();
    this.calcite = registry.counter("logdex.statements.parsed", "parser", "calcite");
    this.jsqlparser = registry.counter("logdex.statements.parsed", "parser", "jsqlparser");
    this.keyword = registry.counter("logdex.statements.parsed", "parser", "keyword");
    this.failures = registry.counter("logdex.parse.failures");
    registry.gauge("logdex.parse.cache.hits", this, StatementAnalyzer::cacheHits);
    registry.gauge("logdex.parse.cache.misses", cache, c -> c.stats().missCount());
  }

  /** The analysis of the statement class {@code fingerprint}, parsing {@code sample} only on a cache miss. */
  public StatementAnalysis analyze(Fingerprint fingerprint, String sample) {
    return cache.get(fingerprint.id(), id -> resolve(read(sample), ""));
  }

  /**
   * The analysis of the statement class {@code fingerprint} as run in {@code database}: on MySQL an unqualified
   * table is the one of the database the statement ran in (the log's {@code use db}); elsewhere, or when the log
   * does not say ({@code ""}), the same as {@link #analyze(Fingerprint, String)}. The statement is parsed once for
   * every database it ran in; only the resolution of names is done again.
   */
  public StatementAnalysis analyze(Fingerprint fingerprint, String sample, String database) {
    if (schema.dialect() != dev.logdex.core.model.Dialect.MYSQL) {
      return analyze(fingerprint, sample);
    }
    String key = database.isEmpty() ? fingerprint.id() : fingerprint.id() + "@" + database;
    StatementAnalysis known = cache.getIfPresent(key);
    if (known != null) {
      return known;
    }
    Read read = read(sample);
    StatementAnalysis bare = cache.get(fingerprint.id(), id -> resolve(read, ""));
    databaseFree.computeIfAbsent(fingerprint.id(), id -> resolve(read, NO_DATABASE).equals(bare));
    if (database.isEmpty()) {
      return bare;
    }
    StatementAnalysis inDatabase = resolve(read, database);
    cache.put(key, inDatabase);
    return inDatabase;
  }

  /** A database no table can be in: what a statement resolves to in it shows whether it names a bare table. */
  private static final String NO_DATABASE = "\u0000";

  /**
   * Whether the database a statement ran in makes no difference to its analysis: always outside MySQL; on MySQL
   * when it names no table without a database (every table qualified, or none at all).
   *
   * <p>It compares two analyses of every class of a MySQL log, so the records of an analysis (this package's
   * StatementAnalysis and the model's profile, accesses, uses and column references) write their equals out: a
   * record's own is linked through {@code ObjectMethods} on its first call and runs as method handles until compiled,
   * about 18 ms of a 0.3 s run on a 100 KB slow log. RecordEqualsTest holds each to comparing every component.
   */
  public boolean isDatabaseFree(Fingerprint fingerprint, String sample) {
    if (schema.dialect() != dev.logdex.core.model.Dialect.MYSQL) {
      return true;
    }
    return databaseFree.computeIfAbsent(fingerprint.id(),
        id -> resolve(read(sample), NO_DATABASE).equals(analyze(fingerprint, sample)));
  }

  /**
   * Counts a lookup answered before it reached this cache, by a caller's own first-level cache of analyses (the
   * workload builder keeps each class's analysis with its counts), so that the hit rate covers every event.
   */
  public void countNearHit() {
    nearHits.increment();
  }

  /** Puts analyses made earlier (by a run over the same schema) into the cache, so that they are not parsed again. */
  public void seed(Map<String, StatementAnalysis> analyses) {
    cache.putAll(analyses);
  }

  /** Every analysis in the cache, by fingerprint id. */
  public Map<String, StatementAnalysis> analyses() {
    return Map.copyOf(cache.asMap());
  }

  /** How many lookups were answered without parsing (here or in a caller's first-level cache). */
  public long cacheHits() {
    return cache.stats().hitCount() + nearHits.sum();
  }

  /** How many lookups the parse cache had to parse for. */
  public long cacheMisses() {
    return cache.stats().missCount();
  }

  StatementAnalysis analyzeUncached(String sample) {
    return resolve(read(sample), "");
  }

  /** A statement read as far as it can be without knowing which tables its names mean. */
  private sealed interface Read {}

  /** Nothing to resolve: a utility statement, or one neither parser could read. */
  private record Settled(StatementAnalysis analysis) implements Read {}

  /** A parsed statement, its names still to be resolved. */
  private record Tree(ParsedStatement statement, String parser) implements Read {}

  /** A text of several statements (one logged call), each read on its own. */
  private record Script(List<Read> parts) implements Read {}

  private Read read(String sample) {
    boolean mysql = schema.dialect() == dev.logdex.core.model.Dialect.MYSQL;
    List<SqlScript.Statement> parts = SqlScript.split(sample, mysql);
    if (parts.size() > 1) {
      List<Read> reads = new java.util.ArrayList<>();
      for (SqlScript.Statement part : parts) {
        Read r = read(part.text());
        reads.add(r);
        if (r instanceof Settled s && s.analysis() instanceof StatementAnalysis.Unparsed) {
          break; // the script is unreadable from here on; the rest is not parsed for nothing
        }
      }
      return new Script(reads);
    }
    String sql = Parameters.toQuestionMarks(stripTrailingTerminator(sample), scanner);
    if (mysql) {
      sql = Parameters.mysqlWithoutIntoVariables(Parameters.mysqlShareLock(Parameters.mysqlDoubleQuotedStrings(sql),
          scanner), scanner);
    } else {
      sql = Parameters.unqualifiedOperators(sql, scanner);
    }
    String first = firstKeyword(sql, scanner);
    if (!ANALYSED_KEYWORDS.contains(first)) {
      keyword.increment();
      return new Settled(new StatementAnalysis.Parsed(
          new StatementProfile(StatementKind.OTHER, List.of(), Set.of(), Set.of(), List.of()), "keyword"));
    }
    if (sql.length() > MAX_LENGTH) {
      failures.increment();
      return new Settled(new StatementAnalysis.Unparsed("statement longer than " + MAX_LENGTH + " characters"));
    }
    if (depth(sql) > MAX_DEPTH) {
      failures.increment();
      return new Settled(new StatementAnalysis.Unparsed("nesting deeper than " + MAX_DEPTH + " levels"));
    }
    if (!calciteRefuses(sql, first, scanner)) {
      try {
        ParsedStatement parsed = new CalciteTranslator(mysql || sql.indexOf('`') >= 0, grammar).parse(sql);
        calcite.increment();
        return new Tree(parsed, "calcite");
      } catch (Exception | StackOverflowError e) {
        // JSqlParser next; if it cannot read the statement either, its reason is the one reported.
      }
    }
    String reason;
    try {
      ParsedStatement parsed = new JsqlTranslator().parse(sql);
      jsqlparser.increment();
      return new Tree(parsed, "jsqlparser");
    } catch (Exception | StackOverflowError e) {
      reason = oneLine(e);
    } catch (Error e) {
      // JSqlParser's token manager throws an Error subclass on characters it has no token for.
      if (!e.getClass().getName().contains("TokenMgr")) {
        throw e;
      }
      reason = oneLine(e);
    }
    failures.increment();
    return new Settled(new StatementAnalysis.Unparsed(reason));
  }

  /**
   * Whether both of Calcite's grammars are sure to refuse {@code sql}, which then goes to JSqlParser at once.
   * Calcite has no REPLACE statement, and its lexer no token for {@code @}: MySQL's {@code @variable} and {@code
   * @@setting}, PostgreSQL's {@code @>}, {@code <@} and {@code @@} operators. A refusal is dear in a short run:
   * Calcite builds its message through a proxy of its resource interface and a MessageFormat, about 40 ms the first
   * time in a fresh JVM, and it refuses twice (core grammar, then Babel). Only an {@code @} the scanner finds
   * outside quotes and comments counts, and not in a text with {@code //}, {@code --} or {@code /*!}, where
   * Calcite's comments and the database's may differ ({@code //} and {@code --x} are comments to Calcite, not to
   * MySQL; {@code /*!...*}{@code /} is code to MySQL, a comment to Calcite): there Calcite is asked.
   * CalciteRefusalTest holds both grammars to refusing what this lets by.
   */
  static boolean calciteRefuses(String sql, String first, SqlScanner scanner) {
    if (first.equals("replace")) {
      return true;
    }
    if (sql.indexOf('@') < 0 || sql.contains("//") || sql.contains("--") || sql.contains("/*!")
        || sql.contains("/*M!")) {
      return false;
    }
    try {
      for (SqlScanner.Token t : scanner.tokens(sql)) {
        if (t.kind() == SqlScanner.Kind.SYMBOL && sql.charAt(t.start()) == '@') {
          return true;
        }
      }
    } catch (SqlScanner.UnterminatedException e) {
      return false;
    }
    return false;
  }

  /** What a statement read is against the schema, its unqualified tables in {@code database} (MySQL). */
  private StatementAnalysis resolve(Read read, String database) {
    if (read instanceof Settled s) {
      return s.analysis();
    }
    if (read instanceof Tree t) {
      return UsageExtractor.analysis(t.statement(), schema, t.parser(), database);
    }
    return combined(((Script) read).parts(), database);
  }

  /** A text of several statements (one logged call): each analysed, their profiles joined. */
  private StatementAnalysis combined(List<Read> parts, String database) {
    StatementKind kind = StatementKind.OTHER;
    List<dev.logdex.core.model.TableAccess> accesses = new java.util.ArrayList<>();
    Set<String> read = new java.util.LinkedHashSet<>();
    Set<String> written = new java.util.LinkedHashSet<>();
    List<String> unresolved = new java.util.ArrayList<>();
    String parser = "keyword";
    for (int i = 0; i < parts.size(); i++) {
      StatementAnalysis a = resolve(parts.get(i), database);
      if (a instanceof StatementAnalysis.SystemCatalog) {
        return a;
      }
      if (a instanceof StatementAnalysis.Unparsed u) {
        return new StatementAnalysis.Unparsed("statement " + (i + 1) + " of " + parts.size() + ": " + u.reason());
      }
      StatementAnalysis.Parsed p = (StatementAnalysis.Parsed) a;
      StatementProfile pr = p.profile();
      if (kind == StatementKind.OTHER) {
        kind = pr.kind();
      }
      if (!p.parser().equals("keyword")) {
        parser = p.parser();
      }
      accesses.addAll(pr.accesses());
      read.addAll(pr.tablesRead());
      written.addAll(pr.tablesWritten());
      unresolved.addAll(pr.unresolved());
    }
    return new StatementAnalysis.Parsed(new StatementProfile(kind, accesses, read, written, unresolved), parser);
  }

  private static String stripTrailingTerminator(String s) {
    String t = s.strip();
    while (t.endsWith(";")) {
      t = t.substring(0, t.length() - 1).strip();
    }
    return t;
  }

  /** The first word of {@code sql} as the lexer reads it, lower case; {@code "("} for a parenthesis; or "". */
  static String firstKeyword(String sql, SqlScanner scanner) {
    try {
      for (SqlScanner.Token t : scanner.tokens(sql)) {
        if (t.kind() == SqlScanner.Kind.COMMENT) {
          continue;
        }
        String text = t.text(sql);
        if (t.kind() == SqlScanner.Kind.WORD) {
          int letters = 0;
          while (letters < text.length() && Character.isLetter(text.charAt(letters))) {
            letters++;
          }
          return text.substring(0, letters).toLowerCase(Locale.ROOT);
        }
        return text.startsWith("(") ? "(" : "";
      }
    } catch (SqlScanner.UnterminatedException e) {
      return "";
    }
    return "";
  }

  private static int depth(String sql) {
    int depth = 0;
    int max = 0;
    for (int i = 0; i < sql.length(); i++) {
      char c = sql.charAt(i);
      if (c == '(') {
        max = Math.max(max, ++depth);
      } else if (c == ')') {
        depth--;
      }
    }
    return max;
  }

  private static String oneLine(Throwable e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    int nl = m.indexOf('\n');
    String line = (nl < 0 ? m : m.substring(0, nl)).strip();
    return line.length() > 200 ? line.substring(0, 200) : line;
  }
}
