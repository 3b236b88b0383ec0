package dev.logdex.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logdex.core.analysis.AnalysisReport;
import dev.logdex.core.analysis.RehearsalRanking;
import dev.logdex.core.analysis.Rehearsed;
import dev.logdex.core.model.StatementKind;
import dev.logdex.core.recommend.IndexCandidate;
import dev.logdex.core.recommend.Recommendation;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A rehearsal shows in every format of the analysis it ranked, with hostile text escaped for each medium. */
class RehearsalReportTest {

  /** A logged statement with a terminal escape, a Markdown cell end and HTML in it. */
  private static final String HOSTILE = "SELECT * FROM t WHERE a = '\u001b]0;pwned\u0007|</td><script>x</script>'";

  private static AnalysisReport rehearsed() {
    Recommendation rec = new Recommendation(1, new IndexCandidate("t", List.of("a"), 1, ""), "idx_t_a",
        "CREATE INDEX idx_t_a ON t (a);", 10, "equality on a", List.of());
    Rehearsed.Timing before = new Rehearsed.Timing(20, 21, 25, false, "", Set.of());
    Rehearsed.Timing after = new Rehearsed.Timing(0.2, 0.3, 0.4, false, "", Set.of("idx_t_a"));
    Rehearsed r = new Rehearsed("shop", "shop_copy", "template", 1 << 20, 0.2, false, 5, 1, 10,
        List.of(new Rehearsed.Applied(new Rehearsed.Step("add_index_t_a", 1, rec.ddl()), 12, 0, "")),
        List.of(new Rehearsed.ClassResult("0123456789abcdef", HOSTILE, StatementKind.SELECT, 40, Optional.of(before),
            Optional.of(after), "")),
        List.of(new Rehearsed.IndexResult("t", "idx_t_a", "add_index_t_a", 12, 8192, List.of("0123456789abcdef"),
            828, Rehearsed.Verdict.MEASURED_FASTER)), List.of());
    AnalysisReport report = new AnalysisReport("t", "postgresql", List.of(), 40, 1, 1, 800, List.of(rec), List.of(),
        List.of(), List.of(), List.of(), List.of(), Optional.empty(), Map.of(), "");
    return RehearsalRanking.judge(report, r);
  }

  @Test
  void everyFormatOfTheAnalysisShowsTheRehearsal() throws Exception {
    StringWriter text = new StringWriter();
    TextReport.write(rehearsed(), text);
    assertThat(text.toString()).contains("rehearsed on a copy (shop_copy, template): replayed reads 840.0 -> 12.0 ms"
        + " (-98.6%), writes 0.0 -> 0.0 ms; 1 of 1 indexes measured faster");
    StringWriter md = new StringWriter();
    MarkdownReport.write(rehearsed(), md);
    assertThat(md.toString()).contains("## logdex rehearsal").contains("| measured faster | idx_t_a | t |")
        .doesNotContain("\u001b").doesNotContain("|</td>");
    StringWriter html = new StringWriter();
    HtmlReport.write(rehearsed(), Map.of(), "", html);
    assertThat(html.toString()).contains("<section id=\"rehearsal\">").contains("measured faster")
        .doesNotContain("<script>x");
    StringWriter json = new StringWriter();
    JsonReport.write(rehearsed(), json);
    assertThat(json.toString()).contains("\"rehearsal\"").contains("\"verdict\" : \"measured faster\"");
  }

  @Test
  void theRehearsalsOwnTextReportEscapesWhatTheLogWrote() throws Exception {
    StringWriter text = new StringWriter();
    RehearsalReport.text(rehearsed().rehearsal().orElseThrow(), text);
    assertThat(text.toString()).doesNotContain("\u001b").doesNotContain("\u0007").contains("faster (x70.00)");
  }
}
