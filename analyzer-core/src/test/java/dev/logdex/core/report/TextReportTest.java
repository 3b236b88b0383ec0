package dev.logdex.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logdex.core.recommend.IndexCandidate;
import dev.logdex.core.recommend.Recommendation;
import dev.logdex.core.rules.Finding;
import dev.logdex.core.rules.Severity;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextReportTest {

  private static AnalysisReport report() {
    return new AnalysisReport("t", "postgresql", List.of(), 10, 2, 2, 12.5,
        List.of(new Recommendation(1, new IndexCandidate("a_rather_long_table_name_here", List.of("some_column",
            "another_column_with_a_long_name"), 1, ""), "idx", "CREATE INDEX ...;", 12.3, "why " + "x".repeat(200),
            List.of())),
        List.of(new Finding("duplicate-index", Severity.WARNING, "t", List.of("a"), "m".repeat(300), "DROP ...;"),
            new Finding("god-table", Severity.ERROR, "t", List.of(), "big", "")),
        List.of(), List.of(), List.of());
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
}
