package dev.logdex.readers;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Tells an input's format from its first lines. */
public final class FormatDetector {
  private FormatDetector() {}

  /** Every reader logdex has, by format name. */
  public static List<LogReader> readers() {
    return List.of(new PgStatStatementsReader(), new SqlFileReader());
  }

  /** The reader for a format name given with {@code --input-format}. */
  public static Optional<LogReader> byName(String name) {
    String n = name.toLowerCase(Locale.ROOT).replace('-', '_');
    return readers().stream().filter(r -> r.format().equals(n)).findFirst();
  }

  /**
   * Detects the format of {@code path} by sniffing its first lines.
   *
   * @return the reader, or empty when no format matches
   */
  public static Optional<LogReader> detect(String path) throws IOException {
    try (BufferedReader r = new BufferedReader(InputFiles.open(path))) {
      return detect(r);
    }
  }

  static Optional<LogReader> detect(BufferedReader r) throws IOException {
    String first = null;
    for (int i = 0; i < 50; i++) {
      String line = r.readLine();
      if (line == null) {
        break;
      }
      if (!line.isBlank()) {
        first = line;
        break;
      }
    }
    if (first == null) {
      return Optional.empty();
    }
    if (PgStatStatementsReader.looksLikeHeader(first)) {
      return Optional.of(new PgStatStatementsReader());
    }
    String f = first.trim().toLowerCase(Locale.ROOT);
    if (f.startsWith("--") || f.startsWith("/*") || startsWithSqlKeyword(f)) {
      return Optional.of(new SqlFileReader());
    }
    return Optional.empty();
  }

  private static boolean startsWithSqlKeyword(String f) {
    for (String k : List.of("select", "with", "insert", "update", "delete", "explain", "(")) {
      if (f.startsWith(k)) {
        return true;
      }
    }
    return false;
  }
}
