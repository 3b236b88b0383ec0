package dev.logdex.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A timed log shows the workload over time in every format: buckets chosen from the period, the busiest named,
 * and a latency histogram per class. A log without times says nothing of time rather than drawing an empty chart.
 */
class OverTimeTest {
  @TempDir Path dir;

  /**
   * Two hours of a PostgreSQL server log: a lookup every minute, and at 11:00 a burst of 30 slow reports, one of
   * them from a table whose name tries to break out of the HTML.
   */
  private Path log() throws Exception {
    StringBuilder b = new StringBuilder();
    Instant start = Instant.parse("2026-11-28T10:00:00Z");
    for (int m = 0; m < 120; m++) {
      b.append(line(start.plusSeconds(m * 60L), 2.0, "SELECT * FROM orders WHERE id = " + m));
    }
    for (int i = 0; i < 30; i++) {
      b.append(line(start.plusSeconds(3600 + i), 250.0 + i,
          "SELECT * FROM \"<script>alert(1)</script>\" WHERE total > " + i));
    }
    return Files.writeString(dir.resolve("postgresql.log"), b.toString());
  }

  private static String line(Instant t, double ms, String sql) {
    return t.toString().replace('T', ' ').replace("Z", " UTC") + " [42] LOG:  duration: " + ms + " ms  statement: "
        + sql + "\n";
  }

  @Test
  void theJsonReportHasTheBucketsTheBusiestAndEachClasssHistogram() throws Exception {
    CliRun cli = new CliRun();
    assertThat(cli.run("analyze", "-q", "--format", "json", log().toString())).as(cli.err()).isZero();
    JsonNode r = new ObjectMapper().readTree(cli.out());
    JsonNode a = r.get("activity");
    assertThat(a.get("bucket_s").asLong()).as("two hours in at most 200 buckets").isEqualTo(60);
    long calls = 0;
    for (JsonNode bucket : a.get("buckets")) {
      calls += bucket.get("calls").asLong();
    }
    assertThat(calls).isEqualTo(r.at("/summary/statements").asLong()).isEqualTo(150);
    assertThat(a.at("/busiest/start").asText()).isEqualTo("2026-11-28T11:00:00Z");
    assertThat(a.at("/busiest/calls").asLong()).isEqualTo(31);
    assertThat(a.at("/busiest/p95_ms").asDouble()).isBetween(270.0, 282.0);
    assertThat(a.get("classes")).hasSize(2);
    JsonNode slow = r.at("/top_queries/0/latency/histogram");
    assertThat(slow.get("100ms").asLong()).isEqualTo(30);
    assertThat(r.at("/top_queries/1/latency/histogram/1ms").asLong()).isEqualTo(120);
    assertThat(r.at("/summary/period").asText()).isEqualTo("2026-11-28T10:00:00Z to 2026-11-28T11:59:00Z");
    JsonNode burst = r.at("/top_queries/0");
    assertThat(burst.get("first_seen").asText()).isEqualTo("2026-11-28T11:00:00Z");
    assertThat(burst.get("last_seen").asText()).isEqualTo("2026-11-28T11:00:29Z");
    assertThat(burst.get("per_second").asDouble()).as("30 calls in 29 s").isCloseTo(30 / 29.0,
        org.assertj.core.data.Offset.offset(0.001));
    assertThat(burst.at("/latency/stddev_ms").asDouble()).as("250..279 ms").isBetween(8.0, 9.0);
  }

  @Test
  void explainShowsAClasssLatencyHistogramAndWhenItRan() throws Exception {
    CliRun json = new CliRun();
    assertThat(json.run("analyze", "-q", "--format", "json", log().toString())).isZero();
    String id = new ObjectMapper().readTree(json.out()).at("/top_queries/0/fingerprint").asText();
    CliRun cli = new CliRun();
    assertThat(cli.run("explain", id, log().toString())).as(cli.err()).isZero();
    assertThat(cli.out()).contains("  latency:    p50 ", " (30 timed one by one)",
        "   100ms  ######################################## 30",
        "  seen:       2026-11-28T11:00:00Z to 2026-11-28T11:00:29Z, 1.034 per second");
  }

  @Test
  void theHtmlReportDrawsTheChartsWithAxesAndHoverTextAllEscaped() throws Exception {
    Path html = dir.resolve("r.html");
    CliRun cli = new CliRun();
    assertThat(cli.run("analyze", "-q", "--format", "html", "-o", html.toString(), log().toString()))
        .as(cli.err()).isZero();
    String page = Files.readString(html);
    assertThat(page).contains("<section id=\"activity\">", "id=\"chart-time\"", "id=\"chart-rate\"",
        "id=\"chart-p95\"", "Busiest: <strong id=\"busiest\">2026-11-28 11:00:00 UTC (1 min)</strong>",
        "<text class=\"tick\"", "10:00", "<title>2026-11-28 11:00:00 UTC (1 min): 31 statements",
        "class=\"histogram\"", "<details><summary>detail</summary><p class=\"muted\">seen 2026-11-28T11:00:00Z to "
            + "2026-11-28T11:00:29Z, 1.034 calls/s; stddev ");
    assertThat(page).doesNotContain("<script>alert(1)").contains("&lt;script&gt;alert(1)");
    assertThat(page).as("the top queries are a table, not a chart of the same numbers")
        .doesNotContain("chart-queries");
  }

  @Test
  void theMarkdownAndTextReportsNameTheBusiestBucket() throws Exception {
    CliRun md = new CliRun();
    assertThat(md.run("analyze", "-q", "--format", "markdown", log().toString())).as(md.err()).isZero();
    assertThat(md.out()).contains("## Over time", "120 buckets of 1 min",
        "Busiest: **2026-11-28 11:00:00 UTC (1 min)**, 31 statements", "| 2026-11-28T11:00:00Z | 31 |",
        "### Latency histograms", " 100ms  ######################################## 30");
    CliRun text = new CliRun();
    assertThat(text.run("analyze", log().toString())).isZero();
    assertThat(text.out()).contains("busiest 1 min: 2026-11-28 11:00:00 UTC, 31 statements");
  }

  @Test
  void analyzeDetailShowsOneClassInFullAfterTheTextReport() throws Exception {
    CliRun json = new CliRun();
    assertThat(json.run("analyze", "-q", "--format", "json", log().toString())).isZero();
    String id = new ObjectMapper().readTree(json.out()).at("/top_queries/0/fingerprint").asText();
    CliRun cli = new CliRun();
    assertThat(cli.run("analyze", "--detail", id.substring(0, 6), log().toString())).as(cli.err()).isZero();
    assertThat(cli.out()).contains("busiest 1 min", "\nquery class " + id + "\n",
        "   100ms  ######################################## 30");
    CliRun wrong = new CliRun();
    assertThat(wrong.run("analyze", "--format", "json", "--detail", id, log().toString())).isEqualTo(2);
    assertThat(wrong.err()).contains("--detail is for the text view");
  }

  @Test
  void aLogWithoutTimesDrawsNothingOverTime() throws Exception {
    Path csv = Files.writeString(dir.resolve("pgss.csv"), """
        query,calls,total_exec_time,rows
        "SELECT * FROM orders WHERE id = $1",100,500,100
        """);
    CliRun cli = new CliRun();
    assertThat(cli.run("analyze", "-q", "--format", "json", csv.toString())).as(cli.err()).isZero();
    JsonNode r = new ObjectMapper().readTree(cli.out());
    assertThat(r.get("activity").isNull()).isTrue();
    assertThat(r.at("/summary/period").isNull()).isTrue();
    CliRun html = new CliRun();
    assertThat(html.run("analyze", "-q", "--format", "html", csv.toString())).isZero();
    assertThat(html.out()).doesNotContain("id=\"activity\"");
  }
}
