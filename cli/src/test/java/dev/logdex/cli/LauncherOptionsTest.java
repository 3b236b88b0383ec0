package dev.logdex.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JVM options both launchers take from release/jvm-options.sh, by the sizes of the logs named on the command
 * line: the client compiler alone below 200 MB (a gzipped file counted eight times its size), with one compiler
 * thread below 1 MB; both compilers, sparing Calcite's parser, from 200 MB and for standard input. The files here
 * are sparse: their size is what the launcher reads, not their bytes.
 */
class LauncherOptionsTest {
  private static final String C1_ONE_THREAD = "-XX:TieredStopAtLevel=1 -XX:CICompilerCount=1";
  private static final String C1 = "-XX:TieredStopAtLevel=1";
  private static final String BOTH = "-XX:CompileCommand=quiet -XX:CompileCommand=MaxNodeLimit,org/apache/calcite/*.*,100"
      + " -XX:CompileCommand=MaxNodeLimit,jdk/internal/org/objectweb/asm/*.*,100";
  private static final long MB = 1024 * 1024;

  @TempDir Path dir;

  /** What {@code script} prints after sourcing jvm-options.sh with {@code args} as the command line. */
  private static String sourced(Map<String, String> env, String script, List<String> args) throws Exception {
    Path options = Path.of("..", "release", "jvm-options.sh").toAbsolutePath().normalize();
    List<String> command = new ArrayList<>(List.of("bash", "-c",
        "set -euo pipefail; source \"$0\"; " + script, options.toString()));
    command.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().remove("LOGDEX_JIT");
    pb.environment().remove("LOGDEX_JAVA_OPTS");
    pb.environment().putAll(env);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return out;
  }

  private static String jit(Map<String, String> env, String... args) throws Exception {
    return sourced(env, "logdex_jit_options \"$@\"; echo \"${jit_opts[*]}\"", List.of(args));
  }

  private Path sparse(String name, long bytes) throws Exception {
    Path f = dir.resolve(name);
    try (RandomAccessFile r = new RandomAccessFile(f.toFile(), "rw")) {
      r.setLength(bytes);
    }
    return f;
  }

  @Test
  void aSmallLogGetsTheClientCompilerOnOneThread() throws Exception {
    assertThat(jit(Map.of(), sparse("small.log", 100 * 1024).toString(), "--top", "5")).isEqualTo(C1_ONE_THREAD);
  }

  @Test
  void aDaysLogGetsTheClientCompilerAlone() throws Exception {
    assertThat(jit(Map.of(), sparse("day.log", 50 * MB).toString())).isEqualTo(C1);
  }

  @Test
  void theSizesOfAllTheFilesAddUp() throws Exception {
    String a = sparse("a.log", 120 * MB).toString();
    String b = sparse("b.log", 90 * MB).toString();
    assertThat(jit(Map.of(), a)).isEqualTo(C1);
    assertThat(jit(Map.of(), a, "--threads", "2", b, dir.resolve("missing.log").toString())).isEqualTo(BOTH);
    assertThat(jit(Map.of(), sparse("c.log", 600 * 1024).toString(), sparse("d.log", 600 * 1024).toString()))
        .as("1.2 MB in two files").isEqualTo(C1);
  }

  @Test
  void aGzippedLogCountsEightTimesItsSize() throws Exception {
    assertThat(jit(Map.of(), sparse("day.log.gz", 26 * MB).toString())).isEqualTo(BOTH);
    assertThat(jit(Map.of(), sparse("day.log", 26 * MB).toString())).isEqualTo(C1);
    assertThat(jit(Map.of(), sparse("small.log", 100 * 1024).toString(), sparse("day.gzip", 24 * MB).toString()))
        .isEqualTo(C1);
  }

  @Test
  void standardInputOfUnknownSizeGetsBothCompilers() throws Exception {
    assertThat(jit(Map.of(), sparse("small.log", 1024).toString(), "-")).isEqualTo(BOTH);
  }

  @Test
  void logdexJitDecidesWhenGiven() throws Exception {
    assertThat(jit(Map.of("LOGDEX_JIT", "full"), sparse("small.log", 1024).toString())).isEqualTo(BOTH);
    assertThat(jit(Map.of("LOGDEX_JIT", "c1"), sparse("big.log", 300 * MB).toString())).isEqualTo(C1);
  }

  @Test
  void theJavaFoundOnPathIsReadForItsVersion() throws Exception {
    Path java = Path.of(ProcessHandle.current().info().command().orElseThrow());
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Files.createSymbolicLink(bin.resolve("java"), java);
    String path = bin + ":/usr/bin:/bin";
    String major = String.valueOf(Runtime.version().feature());
    assertThat(sourced(Map.of("PATH", path), "logdex_java_major java; echo $java_major", List.of()))
        .as("through a link on PATH, as /usr/bin/java is").isEqualTo(major);
    assertThat(sourced(Map.of(), "logdex_java_major \"$1\"; echo $java_major", List.of(java.toString())))
        .isEqualTo(major);
    assertThat(sourced(Map.of("PATH", "/nowhere"), "logdex_java_major java; echo $java_major", List.of()))
        .as("no java at all").isEqualTo("0");
  }

  @Test
  void logdexJavaOptsReplaceTheDefaults() throws Exception {
    String print = "logdex_run_options; printf '%s|' \"${opts[@]}\"";
    assertThat(sourced(Map.of(), print, List.of())).startsWith("-Xmx512m|-Xmn128m|-XX:+UseParallelGC|");
    assertThat(sourced(Map.of("LOGDEX_JAVA_OPTS", "-Xmx2g  -Dx=1"), print, List.of())).isEqualTo("-Xmx2g|-Dx=1|");
  }
}
