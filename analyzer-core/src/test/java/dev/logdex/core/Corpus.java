package dev.logdex.core;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The shared corpus of real third-party logs and workloads. Tests that need it skip on a user's clone without it,
 * but fail under CI, where its absence means a broken setup rather than a user's choice.
 */
public final class Corpus {
  private Corpus() {}

  public static Path root() {
    String prop = System.getProperty("logdex.corpus", "../../shared/corpus");
    Path p = Path.of(prop).toAbsolutePath().normalize();
    if (!Files.isDirectory(p)) {
      if (System.getenv("CI") != null) {
        throw new AssertionError("CI is set but the corpus is missing at " + p);
      }
      assumeTrue(false, "corpus not found at " + p);
    }
    return p;
  }
}
