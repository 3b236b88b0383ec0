package dev.logdex.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
    String java = ProcessHandle.current().info().command().orElse("java");
    runsTheSampleWithOnly(Path.of(java), ".jsa");
  }

  /**
   * From Java 25 the launchers keep the JVM's AOT cache instead of a class-data archive (it also keeps the classes
   * linked and the training run's method profiles). CI's JVM is Java 17; this runs wherever a JDK of 25 or later is
   * installed beside it, under /usr/lib/jvm or in $LOGDEX_TEST_JAVA25.
   */
  @Test
  void withJava25TheLauncherKeepsAnAotCacheMadeOnTheBundledSample() throws Exception {
    Optional<Path> java25 = javaOfAtLeast(25);
    assumeTrue(java25.isPresent(), "no JDK of 25 or later under /usr/lib/jvm or in $LOGDEX_TEST_JAVA25");
    runsTheSampleWithOnly(java25.get(), ".aot");
  }

  private void runsTheSampleWithOnly(Path java, String archiveSuffix) throws Exception {
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
    Path bin = Files.createDirectories(dir.resolve("path"));
    Files.createSymbolicLink(bin.resolve("java"), java);
    Map<String, String> env = Map.of("PATH", bin + ":/usr/bin:/bin", "HOME", dir.resolve("home").toString());
    List<String> analyze = List.of(home.resolve("bin/logdex").toString(), "analyze", "--top", "1", "--format", "json",
        "--schema", root.resolve("sample-logs/shop/schema.sql").toString(),
        root.resolve("sample-logs/shop/pg_stat_statements.csv").toString());
    String first = run(dir, env, analyze);
    assertThat(first).as("the report, and on standard error only the launcher's one line about the archive")
        .contains("idx_order_items_order_id").contains("logdex: preparing the class-data archive")
        .doesNotContain("AOTConfiguration").doesNotContain("AOTCache").doesNotContain("JAVA_TOOL_OPTIONS");
    try (var s = Files.list(dir.resolve("home/.cache/logdex"))) {
      assertThat(s.map(p -> p.getFileName().toString()).toList())
          .as("the first run made the archive on the bundled sample, before the user's command")
          .singleElement().asString().endsWith(archiveSuffix);
    }
    String second = run(dir, env, analyze);
    assertThat(second).as("and the next maps it").contains("idx_order_items_order_id")
        .doesNotContain("preparing the class-data archive");
    // Mapped, not loaded from the jar: picocli's classes too, which the archive can hold only because the build
    // compiles them for Java 17 (its jar's are Java 5 class files).
    Map<String, String> logging = new java.util.HashMap<>(env);
    logging.put("LOGDEX_JAVA_OPTS", "-Xmx512m -Xlog:class+load=info");
    assertThat(run(dir, logging, analyze))
        .contains("dev.logdex.cli.Logdex source: shared objects file")
        .contains("picocli.CommandLine source: shared objects file")
        .contains("idx_order_items_order_id");
  }

  /** A JDK of at least {@code major} besides the one running the tests: its bin/java. */
  private static Optional<Path> javaOfAtLeast(int major) throws Exception {
    List<Path> homes = new java.util.ArrayList<>();
    String given = System.getenv("LOGDEX_TEST_JAVA25");
    if (given != null && !given.isBlank()) {
      homes.add(Path.of(given));
    }
    Path jvms = Path.of("/usr/lib/jvm");
    if (Files.isDirectory(jvms)) {
      try (var s = Files.list(jvms)) {
        s.sorted().forEach(homes::add);
      }
    }
    for (Path h : homes) {
      Path release = h.resolve("release");
      if (Files.isRegularFile(release) && Files.isExecutable(h.resolve("bin/java"))) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^JAVA_VERSION=\"(\\d+)")
            .matcher(Files.readString(release));
        if (m.find() && Integer.parseInt(m.group(1)) >= major) {
          return Optional.of(h.resolve("bin/java"));
        }
      }
    }
    return Optional.empty();
  }
}
