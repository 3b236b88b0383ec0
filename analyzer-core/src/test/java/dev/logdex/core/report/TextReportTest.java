package dev.logdex.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logdex.core.analysis.AnalysisReport;
import dev.logdex.core.analysis.TopQuery;
import dev.logdex.core.recommend.IndexCandidate;
import dev.logdex.core.recommend.Recommendation;
import dev.logdex.core.rules.Finding;
import dev.logdex.core.rules.Severity;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TextReportTest {

  private static AnalysisReport report() {
    return new AnalysisReport("t", "postgresql", List.of(), 10, 2, 2, 12.5,
        List.of(new Recommendation(1, new IndexCandidate("a_rather_long_table_name_here", List.of("some_column",
            "another_column_with_a_long_name"), 1, ""), "idx", "CREATE INDEX ...;", 12.3, "why " + "x".repeat(200),
            List.of())),
        List.of(new Finding("duplicate-index", Severity.WARNING, "t", List.of("a"), "m".repeat(300), "DROP ...;"),
            new Finding("god-table", Severity.ERROR, "t", List.of(), "big", "")),
        List.of(), List.of(), List.of(), List.of(
            new TopQuery("0123456789abcdef", "SELECT * FROM a_rather_long_table_name_here WHERE " + "x = 1 AND ".repeat(20),
                1234, 98765.4, 1200, 2.5, 40.25, 80.5, 120),
            new TopQuery("fedcba9876543210", "UPDATE t SET a = 1", 7, 3.5, 0, 0, 0, 0, 0)), java.util.Optional.empty(),
        Map.of(), "");
  }

  @Test
  void colourOnlyWhenAskedAndItTakesNoColumns() throws Exception {
    StringWriter plain = new StringWriter();
    TextReport.write(report(), plain, false);
    StringWriter color = new StringWriter();
    TextReport.write(report(), color, true);
    assertThat(plain.toString()).doesNotContain("\u001b[");
    assertThat(color.toString()).contains("\u001b[33mwarning").contains("\u001b[31;1merror");
    assertThat(color.toString().replaceAll("\u001b\\[[0-9;]*m", "")).isEqualTo(plain.toString());
    assertThat(plain.toString().lines().filter(l -> !l.startsWith("     CREATE")))
        .allSatisfy(l -> assertThat(l.length()).as(l).isLessThanOrEqualTo(100));
  }

  @Test
  void topQueriesShowPercentilesOnlyWhereExecutionsWereTimedOneByOne() throws Exception {
    StringWriter text = new StringWriter();
    TextReport.write(report(), text, false);
    assertThat(text.toString()).contains("Top queries by total time:")
        .containsPattern("01234567 +1,234 +98,765.4 +80.04 +40.25 +80.50  SELECT")
        .containsPattern("fedcba98 +7 +3.5 +0.50 +- +-  UPDATE t SET a = 1");
    StringWriter md = new StringWriter();
    MarkdownReport.write(report(), md);
    assertThat(md.toString()).contains("| `0123456789abcdef` | 1,234 | 98,765.4 | 80.04 | 2.50 | 40.25 | 80.50 | 120.00 |")
        .contains("| `fedcba9876543210` | 7 | 3.5 | 0.50 | - | - | - | - |");
    var json = JsonReport.tree(report());
    assertThat(json.get("top_queries").get(0).get("latency").get("p99_ms").asDouble()).isEqualTo(80.5);
    assertThat(json.get("top_queries").get(1).get("latency").isNull()).isTrue();
  }

  @Test
  void theStreamedJsonIsTheTreeWrittenOut() throws Exception {
    StringWriter streamed = new StringWriter();
    JsonReport.write(report(), streamed);
    var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
    assertThat(mapper.readTree(streamed.toString()))
        .isEqualTo(mapper.readTree(mapper.writeValueAsString(JsonReport.tree(report()))));
    assertThat(streamed.toString()).isEqualTo(mapper.writerWithDefaultPrettyPrinter()
        .writeValueAsString(JsonReport.tree(report())) + System.lineSeparator());
  }
}
