package dev.logdex.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML report opened in a real headless Chromium: it renders, its script runs to the end without an error,
 * the charts are drawn and the tables filled, and statements carrying markup show as text and run nothing.
 */
class HtmlReportBrowserIT {

  private static final String CHROMIUM = "/usr/bin/chromium";

  @Test
  void theReportRendersAndLogTextCannotRunAnything(@TempDir Path dir) throws Exception {
    requireChromium();
    // A pg_stat_statements export whose queries carry markup, beside the sample shop's real one.
    Path hostile = dir.resolve("hostile.csv");
    Files.writeString(hostile, "query,calls,total_exec_time,rows\n"
        + "\"SELECT '<script>document.title=\"\"PWNED\"\"</script>' FROM users WHERE email = $1\",5,50.0,5\n"
        // Slow enough to be a top query and a recommendation's sample: its text lands inside a table cell.
        + "\"SELECT * FROM product_views WHERE user_id = 7 AND viewed_at > '</table><img src=x onerror="
        + "\"\"document.title=1\"\">'\",3,900.0,3\n");
    Path report = dir.resolve("report.html");
    CliRun cli = new CliRun();
    assertThat(cli.run("analyze", "-q", "--schema", "../sample-logs/shop/schema.sql", "--format", "html", "-o",
        report.toString(), "../sample-logs/shop/pg_stat_statements.csv", hostile.toString())).as(cli.err()).isZero();

    Chrome dom = chromium(dir, "--dump-dom", report.toUri().toString());
    assertThat(dom.stdout).contains("data-ready=\"yes\"") // the page's own script ran to its end
        .contains("<title>logdex report</title>").doesNotContain("PWNED</title>")
        .contains("&lt;script&gt;document.title=\"PWNED\"&lt;/script&gt;")
        .contains("&lt;/table&gt;&lt;img src=x onerror=")
        .doesNotContain("<img src=\"x\"");
    assertThat(count(dom.stdout, "<rect class=\"bar\"")).as("chart bars").isGreaterThan(10);
    assertThat(count(dom.stdout, "<tr>")).as("table rows").isGreaterThan(20);
    assertThat(dom.stderr).as("console errors").doesNotContain("Uncaught").doesNotContain("CONSOLE(");

    Path png = Path.of("target/report.png").toAbsolutePath();
    Files.createDirectories(png.getParent());
    chromium(dir, "--screenshot=" + png, "--window-size=1280,1600", report.toUri().toString());
    assertThat(Files.size(png)).isGreaterThan(20_000);
  }

  @Test
  void theChartsOverTimeAreDrawnWithAxesAndHoverText(@TempDir Path dir) throws Exception {
    requireChromium();
    // Six hours of a server log with a busy quarter hour at 09:00, one class's text carrying markup.
    java.util.Random random = new java.util.Random(11);
    String[] statements = {"SELECT * FROM orders WHERE customer_id = %d", "SELECT * FROM sessions WHERE token = 't%d'",
        "SELECT count(*) FROM events WHERE kind = %d AND note = '<svg onload=alert(1)>'",
        "UPDATE carts SET n = n + 1 WHERE id = %d"};
    java.time.Instant start = java.time.Instant.parse("2026-11-28T06:00:00Z");
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 4000; i++) {
      boolean busy = random.nextInt(5) == 0;
      long second = busy ? 3 * 3600 + random.nextInt(900) : random.nextInt(6 * 3600);
      int k = random.nextInt(statements.length);
      double ms = Math.exp(random.nextGaussian()) * (k == 2 ? 20 : 2) * (busy && k == 0 ? 6 : 1);
      java.time.Instant t = start.plusSeconds(second).plusMillis(random.nextInt(1000));
      lines.add(t.toString().replace('T', ' ').replace("Z", " UTC") + String.format(java.util.Locale.ROOT,
          " [%d] LOG:  duration: %.3f ms  statement: ", 100 + i % 20, ms) + String.format(statements[k], i % 500));
    }
    java.util.Collections.sort(lines);
    Path log = Files.write(dir.resolve("postgresql.log"), lines);
    Path report = dir.resolve("report.html");
    CliRun cli = new CliRun();
    assertThat(cli.run("analyze", "-q", "--format", "html", "-o", report.toString(), log.toString()))
        .as(cli.err()).isZero();

    Chrome dom = chromium(dir, "--dump-dom", report.toUri().toString());
    assertThat(dom.stdout).contains("data-ready=\"yes\"").contains("<section id=\"activity\">")
        .contains("Busiest: <strong id=\"busiest\">2026-11-28 09:")
        .doesNotContain("<svg onload").contains("&lt;svg onload=alert(1)&gt;");
    assertThat(count(dom.stdout, "<g class=\"bucket\">")).as("a bar per bucket of 5 min").isEqualTo(72);
    assertThat(count(dom.stdout, "<circle class=\"dot\"")).as("statements/s and p95, a point per bucket")
        .isEqualTo(144);
    assertThat(count(dom.stdout, "<text class=\"tick\"")).as("labelled axes").isGreaterThan(20);
    assertThat(dom.stdout).contains("<title>2026-11-28 09:00:00 UTC (5 min): ");
    assertThat(count(dom.stdout, "<svg class=\"histogram\"")).as("a latency histogram per top class")
        .isEqualTo(4);
    assertThat(dom.stderr).as("console errors").doesNotContain("Uncaught").doesNotContain("CONSOLE(");

    Path png = Path.of("target/report-over-time.png").toAbsolutePath();
    Files.createDirectories(png.getParent());
    chromium(dir, "--screenshot=" + png, "--window-size=1280,1500", report.toUri().toString());
    assertThat(Files.size(png)).isGreaterThan(20_000);
  }

  /** Skips without Chromium, except under CI, where its absence is a failure. */
  private static void requireChromium() {
    if (!Files.isExecutable(Path.of(CHROMIUM))) {
      if (System.getenv("CI") != null) {
        throw new AssertionError("CI is set but " + CHROMIUM + " is missing (.ci/run installs Debian's chromium)");
      }
      assumeTrue(false, "no chromium");
    }
  }

  private record Chrome(String stdout, String stderr) {}

  private static Chrome chromium(Path dir, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--hide-scrollbars", "--enable-logging=stderr", "--v=0", "--virtual-time-budget=3000",
        "--user-data-dir=" + dir.resolve("profile")));
    cmd.addAll(List.of(args));
    Path out = dir.resolve("out.txt");
    Path err = dir.resolve("err.txt");
    Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("chromium timed out");
    }
    return new Chrome(Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
  }

  private static int count(String s, String what) {
    int n = 0;
    for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
      n++;
    }
    return n;
  }
}
