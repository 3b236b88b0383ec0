package dev.logdex.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release tarball, made by release/package.sh from the built jar, unpacked anywhere, runs the README's main job
 * with nothing but a Java runtime on PATH.
 */
class ReleasePackageIT {
  @TempDir Path dir;

  private static String run(Path workdir, Map<String, String> env, List<String> command) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(command).directory(workdir.toFile()).redirectErrorStream(true);
    if (env != null) {
      pb.environment().clear();
      pb.environment().putAll(env);
    }
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(String.join(" ", command) + "\n" + out).isZero();
    return out;
  }

  @Test
  void theTarballUnpackedElsewhereRunsTheSampleWithOnlyJava() throws Exception {
    Path root = Path.of("..").toAbsolutePath().normalize();
    String made = run(root, null, List.of("bash", "release/package.sh", "--jar", "cli/target/logdex.jar", "--out",
        dir.resolve("out").toString())).strip();
    Path tarball = Path.of(made.lines().reduce((a, b) -> b).orElseThrow());
    assertThat(tarball.getFileName().toString()).matches("logdex-.+\\.tar\\.gz");
    Path install = Files.createDirectories(dir.resolve("opt"));
    run(install, null, List.of("tar", "-xzf", tarball.toString()));
    Path home;
    try (var s = Files.list(install)) {
      home = s.findFirst().orElseThrow();
    }
    assertThat(home.resolve("share/man/man1/logdex.1")).content().startsWith(".TH LOGDEX 1").contains(".SH \"LOGDEX ANALYZE\"");
    assertThat(home.resolve("share/bash-completion/logdex")).content().contains("./logdex")
        .as("the values of --input-format, --dialect and the rule ids").contains("mysql_general")
        .contains("postgresql").contains("unindexed-foreign-key");
    // Only java on PATH, a home of its own, run from elsewhere: nothing of the build tree is used.
    String java = ProcessHandle.current().info().command().orElse("java");
    Path bin = Files.createDirectories(dir.resolve("path"));
    Files.createSymbolicLink(bin.resolve("java"), Path.of(java));
    Map<String, String> env = Map.of("PATH", bin + ":/usr/bin:/bin", "HOME", dir.resolve("home").toString());
    List<String> analyze = List.of(home.resolve("bin/logdex").toString(), "analyze", "--top", "1", "--schema",
        root.resolve("sample-logs/shop/schema.sql").toString(),
        root.resolve("sample-logs/shop/pg_stat_statements.csv").toString());
    assertThat(run(dir, env, analyze)).contains("idx_order_items_order_id");
    try (var s = Files.list(dir.resolve("home/.cache/logdex"))) {
      assertThat(s.toList()).as("the first run archived the classes for the next").isNotEmpty();
    }
    assertThat(run(dir, env, analyze)).as("and the next maps them").contains("idx_order_items_order_id");
    // Mapped, not loaded from the jar: picocli's classes too, which the archive can hold only because the build
    // compiles them for Java 17 (its jar's are Java 5 class files).
    Map<String, String> logging = new java.util.HashMap<>(env);
    logging.put("LOGDEX_JAVA_OPTS", "-Xmx512m -Xlog:class+load=info");
    assertThat(run(dir, logging, analyze))
        .contains("dev.logdex.cli.Logdex source: shared objects file")
        .contains("picocli.CommandLine source: shared objects file")
        .contains("idx_order_items_order_id");
  }
}
