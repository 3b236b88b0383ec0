package dev.logdex.bench;

import dev.logdex.core.fingerprint.Fingerprinter;
import dev.logdex.core.model.StatementProfile;
import dev.logdex.core.schema.DdlSchemaLoader;
import dev.logdex.core.schema.Schema;
import dev.logdex.core.sql.CalciteTranslator;
import dev.logdex.core.sql.JsqlTranslator;
import dev.logdex.core.sql.UsageExtractor;
import dev.logdex.core.sql.tree.ParsedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The stages behind a parse-cache miss, each on the same statements: Calcite's parse and translation (as the analyzer
 * parses, and its core and Babel parsers each alone on the statements both read), JSqlParser's (the fallback), and
 * usage extraction against a schema from an already parsed tree. {@code fingerprint} is the
 * baseline of the same run: what every event costs, against what only a new statement class costs.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ParseBenchmark {
  private static final String DDL = """
      CREATE TABLE users (id bigint PRIMARY KEY, email text, name text, deleted_at timestamptz,
        last_login_at timestamptz);
      CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint, status text, total_cents int,
        created_at timestamptz);
      CREATE TABLE order_items (order_id bigint, product_id bigint, quantity int, unit_price_cents int);
      CREATE TABLE products (id bigint PRIMARY KEY, name text, category_id int, price_cents int);
      CREATE TABLE sessions (id bigint PRIMARY KEY, user_id bigint, expires_at timestamptz);
      """;

  private String[] calciteSql;
  /** The statements Calcite's core parser reads, for timing it against Babel on the same ones. */
  private String[] coreSql;
  private String[] jsqlSql;
  private ParsedStatement[] parsed;
  private Schema schema;
  private int next;
  private final CalciteTranslator calcite = new CalciteTranslator(false);
  private final CalciteTranslator core = new CalciteTranslator(false, CalciteTranslator.Grammar.CORE);
  private final CalciteTranslator babel = new CalciteTranslator(false, CalciteTranslator.Grammar.BABEL);
  private final JsqlTranslator jsql = new JsqlTranslator();

  @Setup
  public void setUp() throws Exception {
    schema = new DdlSchemaLoader().load(DDL, "bench").schema();
    List<String> forCalcite = new ArrayList<>();
    List<String> forCore = new ArrayList<>();
    List<String> forJsql = new ArrayList<>();
    List<ParsedStatement> trees = new ArrayList<>();
    for (String s : Statements.MIX) {
      String sql = s.replace("$1", "?"); // as the analyzer hands statements to the parsers
      // Each parser is timed on the statements it reads (Calcite does not read interval '7 days', for one).
      try {
        trees.add(calcite.parse(sql));
        forCalcite.add(sql);
      } catch (Exception e) {
        trees.add(jsql.parse(sql));
      }
      try {
        core.parse(sql);
        forCore.add(sql);
      } catch (Exception e) {
        // Babel's alone
      }
      try {
        jsql.parse(sql);
        forJsql.add(sql);
      } catch (Exception e) {
        // not timed for JSqlParser
      }
    }
    calciteSql = forCalcite.toArray(String[]::new);
    coreSql = forCore.toArray(String[]::new);
    jsqlSql = forJsql.toArray(String[]::new);
    parsed = trees.toArray(ParsedStatement[]::new);
  }

  private int next(int n) {
    next = next + 1 == n ? 0 : next + 1;
    return next;
  }

  @Benchmark
  public Object fingerprint() {
    return Fingerprinter.standard().fingerprint(Statements.MIX[next(Statements.MIX.length)]);
  }

  /** As the analyzer parses: the core parser, Babel where it cannot. */
  @Benchmark
  public Object calciteParse() throws Exception {
    return calcite.parse(calciteSql[next(calciteSql.length)]);
  }

  @Benchmark
  public Object calciteCoreParse() throws Exception {
    return core.parse(coreSql[next(coreSql.length)]);
  }

  /** Babel on the statements the core parser reads: what each of them cost before the core parser went first. */
  @Benchmark
  public Object calciteBabelParse() throws Exception {
    return babel.parse(coreSql[next(coreSql.length)]);
  }

  @Benchmark
  public Object jsqlParserParse() throws Exception {
    return jsql.parse(jsqlSql[next(jsqlSql.length)]);
  }

  @Benchmark
  public StatementProfile usageExtraction() {
    return UsageExtractor.profile(parsed[next(parsed.length)], schema);
  }
}
