package dev.logdex.readers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.logdex.core.fingerprint.Fingerprinter;
import dev.logdex.core.model.QueryEvent;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Runs Percona's pt-query-digest and pt-fingerprint, and lays logdex's reading of the same log beside theirs, per
 * pt fingerprint class: calls and total time.
 */
final class PtQueryDigest {
  private PtQueryDigest() {}

  /** Calls and total seconds of one class. */
  record Totals(long calls, double seconds) {
    Totals plus(Totals o) {
      return new Totals(calls + o.calls, seconds + o.seconds);
    }
  }

  static boolean installed() {
    try {
      Process p = new ProcessBuilder("pt-query-digest", "--version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  /** pt-query-digest's classes of {@code log}, by fingerprint. */
  static Map<String, Totals> digest(Path log, boolean general) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("pt-query-digest", "--output", "json", "--limit", "100%"));
    if (general) {
      cmd.addAll(List.of("--type", "genlog"));
    }
    cmd.add(log.toString());
    String json = run(cmd, null);
    Map<String, Totals> out = new TreeMap<>();
    if (json.isBlank()) {
      return out;
    }
    JsonNode root = new ObjectMapper().readTree(json.substring(json.indexOf('{')));
    for (JsonNode c : root.path("classes")) {
      double secs = c.path("metrics").path("Query_time").path("sum").asDouble(0);
      out.merge(c.path("fingerprint").asText(), new Totals(c.path("query_count").asLong(), secs), Totals::plus);
    }
    return out;
  }

  /** logdex's reading of {@code log}, grouped by pt-fingerprint's fingerprint of each logdex class's sample. */
  static Map<String, Totals> logdex(Path log, LogReader reader) throws Exception {
    Map<String, String> samples = new LinkedHashMap<>();
    Map<String, Totals> byClass = new LinkedHashMap<>();
    try (Reader in = InputFiles.open(log.toString())) {
      reader.read(in, log.toString(), (QueryEvent e) -> {
        String id = Fingerprinter.mysql().fingerprint(e.text()).id();
        samples.putIfAbsent(id, e.text());
        byClass.merge(id, new Totals(e.calls(), e.totalMillis() / 1000.0), Totals::plus);
      }, new SkipAccount(log.toString()));
    }
    List<String> ids = new ArrayList<>(samples.keySet());
    List<String> fps = fingerprints(ids.stream().map(samples::get).toList());
    Map<String, Totals> out = new TreeMap<>();
    for (int i = 0; i < ids.size(); i++) {
      out.merge(fps.get(i), byClass.get(ids.get(i)), Totals::plus);
    }
    return out;
  }

  /**
   * pt-query-digest's own fingerprint of each query, in order. Percona's tools are modulinos: required as a library
   * they do not run, so one perl process loads QueryRewriter from the installed pt-query-digest and fingerprints
   * every query (NUL-separated, since queries hold newlines and semicolons).
   */
  static List<String> fingerprints(List<String> queries) throws Exception {
    String script = "require q{" + which("pt-query-digest") + "}; my $qr = QueryRewriter->new(); local $/ = qq{\\0};"
        + " while (my $q = <STDIN>) { chomp $q; my $f = $qr->fingerprint($q); $f =~ s/\\n/ /g; print qq{$f\\n}; }";
    StringBuilder in = new StringBuilder();
    for (String q : queries) {
      in.append(q).append('\0');
    }
    String[] lines = run(List.of("perl", "-e", script), in.toString()).split("\n", -1);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < queries.size(); i++) {
      out.add(i < lines.length ? lines[i] : "");
    }
    return out;
  }

  private static String which(String tool) {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
      Path p = Path.of(dir, tool);
      if (Files.isExecutable(p)) {
        return p.toString();
      }
    }
    throw new IllegalStateException(tool + " is not on the PATH");
  }

  private static String run(List<String> cmd, String stdin) throws Exception {
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    if (stdin != null) {
      // Written from a thread, so that a large input cannot dead-lock against the output the process writes.
      Thread writer = new Thread(() -> {
        try (var os = p.getOutputStream()) {
          os.write(stdin.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
          // the process ended early; its exit shows in the output
        }
      });
      writer.start();
    } else {
      p.getOutputStream().close();
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException("timed out: " + cmd);
    }
    return out;
  }
}
