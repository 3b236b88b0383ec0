package dev.logdex.bench;

import dev.logdex.core.fingerprint.Fingerprinter;
import dev.logdex.core.model.StatementProfile;
import dev.logdex.core.schema.DdlSchemaLoader;
import dev.logdex.core.schema.Schema;
import dev.logdex.core.sql.CalciteTranslator;
import dev.logdex.core.sql.JsqlTranslator;
import dev.logdex.core.sql.UsageExtractor;
import dev.logdex.core.sql.tree.ParsedStatement;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The stages behind a parse-cache miss, each on the same statements: Calcite's parse and translation, JSqlParser's
 * (the fallback), and usage extraction against a schema from an already parsed tree. {@code fingerprint} is the
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

  private String[] sql;
  private ParsedStatement[] parsed;
  private Schema schema;
  private final CalciteTranslator calcite = new CalciteTranslator(false);
  private final JsqlTranslator jsql = new JsqlTranslator();

  @Setup
  public void setUp() throws Exception {
    schema = new DdlSchemaLoader().load(DDL, "bench").schema();
    sql = new String[Statements.MIX.length];
    parsed = new ParsedStatement[sql.length];
    for (int i = 0; i < sql.length; i++) {
      sql[i] = Statements.MIX[i].replace("$1", "?"); // as the analyzer hands statements to the parsers
      parsed[i] = calcite.parse(sql[i]);
    }
  }

  @Benchmark
  @OperationsPerInvocation(8)
  public void fingerprint(Blackhole bh) {
    for (String s : Statements.MIX) {
      bh.consume(Fingerprinter.standard().fingerprint(s));
    }
  }

  @Benchmark
  @OperationsPerInvocation(8)
  public void calciteParse(Blackhole bh) throws Exception {
    for (String s : sql) {
      bh.consume(calcite.parse(s));
    }
  }

  @Benchmark
  @OperationsPerInvocation(8)
  public void jsqlParserParse(Blackhole bh) throws Exception {
    for (String s : sql) {
      bh.consume(jsql.parse(s));
    }
  }

  @Benchmark
  @OperationsPerInvocation(8)
  public void usageExtraction(Blackhole bh) {
    for (ParsedStatement p : parsed) {
      StatementProfile profile = UsageExtractor.profile(p, schema);
      bh.consume(profile);
    }
  }
}
