package dev.logdex.readers;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** The shared corpus: tests skip without it on a user's clone, and fail without it under CI. */
final class Corpus {
  private Corpus() {}

  static Path root() {
    Path p = Path.of(System.getProperty("logdex.corpus", "../../shared/corpus")).toAbsolutePath().normalize();
    if (!Files.isDirectory(p)) {
      if (System.getenv("CI") != null) {
        throw new AssertionError("CI is set but the corpus is missing at " + p);
      }
      assumeTrue(false, "corpus not found at " + p);
    }
    return p;
  }
}
