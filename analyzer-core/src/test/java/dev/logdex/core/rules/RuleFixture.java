package dev.logdex.core.rules;

import dev.logdex.core.fingerprint.Fingerprinter;
import dev.logdex.core.model.Dialect;
import dev.logdex.core.model.QueryEvent;
import dev.logdex.core.schema.DdlSchemaLoader;
import dev.logdex.core.schema.Schema;
import dev.logdex.core.sql.StatementAnalyzer;
import dev.logdex.core.workload.Workload;
import dev.logdex.core.workload.WorkloadBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Optional;

/** A schema from DDL and a workload from statements (each 10 calls, 100 ms): the input of a rule test. */
final class RuleFixture {
  /** A small shop: users, orders that copy a user's email and name, notes with an author id and no constraint. */
  static final String SHOP = """
      CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL, name text);
      CREATE UNIQUE INDEX users_email ON users (lower(email));
      CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint REFERENCES users (id), customer_email text,
        billing_email text, users_name text, total int);
      CREATE TABLE notes (id bigint PRIMARY KEY, author_id bigint, body text);
      """;

  final Schema schema;
  final Workload workload;

  private RuleFixture(Schema schema, Workload workload) {
    this.schema = schema;
    this.workload = workload;
  }

  static RuleFixture of(String ddl, String... statements) {
    return of(Dialect.POSTGRESQL, ddl, statements);
  }

  static RuleFixture of(Dialect dialect, String ddl, String... statements) {
    return of(new DdlSchemaLoader(Optional.of(dialect)).load(ddl, "fixture.sql").schema(), statements);
  }

  /** The statements against {@code schema} as it is (with statistics, as a live database gives them). */
  static RuleFixture of(Schema schema, String... statements) {
    Dialect dialect = schema.dialect();
    SimpleMeterRegistry reg = new SimpleMeterRegistry();
    WorkloadBuilder b = new WorkloadBuilder(
        dialect == Dialect.MYSQL ? Fingerprinter.mysql() : Fingerprinter.standard(),
        new StatementAnalyzer(schema, reg), reg);
    for (String sql : statements) {
      b.accept(new QueryEvent("fixture", 1, "", "", 10, 100, -1, sql));
    }
    return new RuleFixture(schema, b.build());
  }

  List<Finding> run(Rule rule) {
    return rule.findings(schema, workload);
  }
}
