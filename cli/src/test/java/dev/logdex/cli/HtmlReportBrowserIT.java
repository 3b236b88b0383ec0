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
    if (!Files.isExecutable(Path.of(CHROMIUM))) {
      if (System.getenv("CI") != null) {
        throw new AssertionError("CI is set but " + CHROMIUM + " is missing (.ci/run installs Debian's chromium)");
      }
      assumeTrue(false, "no chromium");
    }
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
