package dev.logdex.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logdex.core.fingerprint.Fingerprinter;
import dev.logdex.core.model.Dialect;
import dev.logdex.core.schema.Schema;
import dev.logdex.core.sql.CalciteTranslator.Grammar;
import dev.logdex.core.sql.StatementAnalysis;
import dev.logdex.core.sql.StatementAnalyzer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every statement shape of the generated logs the README's side-by-side tables time, in both dialects, is analysed
 * by the usual analyzer (Calcite's core parser first) as by Babel alone: the speed measured on these logs is that of
 * the same analysis. The corpus-wide test of the same kind is in log-readers.
 */
class GeneratedShapesParseAlikeTest {

  private static final int SHAPES = 3000;

  @Test
  void everyShapeIsAnalysedAsBabelAloneAnalysesIt() {
    LogGenerator generator = new LogGenerator(SHAPES, 42);
    List<String> differences = new ArrayList<>();
    int byCore = 0;
    for (boolean mysql : new boolean[] {true, false}) {
      Dialect dialect = mysql ? Dialect.MYSQL : Dialect.POSTGRESQL;
      Fingerprinter fingerprinter = mysql ? Fingerprinter.mysql() : Fingerprinter.standard();
      StatementAnalyzer usual = new StatementAnalyzer(Schema.none(dialect), new SimpleMeterRegistry());
      StatementAnalyzer babel = new StatementAnalyzer(Schema.none(dialect), new SimpleMeterRegistry(), Grammar.BABEL);
      StatementAnalyzer core = new StatementAnalyzer(Schema.none(dialect), new SimpleMeterRegistry(), Grammar.CORE);
      for (int shape = 0; shape < SHAPES; shape++) {
        StringBuilder b = new StringBuilder();
        generator.statement(b, shape, mysql);
        String sql = b.toString();
        var fingerprint = fingerprinter.fingerprint(sql);
        StatementAnalysis expected = babel.analyze(fingerprint, sql);
        StatementAnalysis actual = usual.analyze(fingerprint, sql);
        if (!actual.equals(expected)) {
          differences.add(dialect + " shape " + shape + ": " + sql + "\n  usual: " + actual + "\n  babel: " + expected);
        }
        if (core.analyze(fingerprint, sql) instanceof StatementAnalysis.Parsed p && p.parser().equals("calcite")) {
          byCore++;
        }
      }
    }
    assertThat(differences).isEmpty();
    assertThat(byCore).as("shapes the core parser reads").isGreaterThan(SHAPES); // most of the 6,000
  }
}
