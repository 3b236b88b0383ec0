package dev.logdex.readers;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Tells an input's format from its first lines. */
public final class FormatDetector {
  private FormatDetector() {}

  /** How many leading lines are read to tell the format. */
  static final int SNIFF_LINES = 64;

  /** Every reader logdex has. */
  public static List<LogReader> readers() {
    return List.of(new PgStatStatementsReader(), new PostgresLogReader(), new PostgresCsvLogReader(),
        new PostgresJsonLogReader(), new SlowLogReader(), new GeneralLogReader(), new SqlFileReader());
  }

  /** The format names, for help texts and error messages. */
  public static List<String> formats() {
    return readers().stream().map(LogReader::format).toList();
  }

  /** The reader for a format name given with {@code --input-format}. */
  public static Optional<LogReader> byName(String name) {
    String n = name.toLowerCase(Locale.ROOT).replace('-', '_');
    return readers().stream().filter(r -> r.format().equals(n)).findFirst();
  }

  /** Detects the format of {@code path} by sniffing its first lines. */
  public static Optional<LogReader> detect(String path) throws IOException {
    try (BufferedReader r = new BufferedReader(InputFiles.open(path))) {
      return detect(r);
    }
  }

  /** Detects the format of the text {@code r} reads, by its first lines; reads no further than those. */
  public static Optional<LogReader> detect(BufferedReader r) throws IOException {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < SNIFF_LINES * 4 && lines.size() < SNIFF_LINES; i++) {
      String line = r.readLine();
      if (line == null) {
        break;
      }
      if (!line.isBlank()) {
        lines.add(line);
      }
    }
    if (lines.isEmpty()) {
      return Optional.empty();
    }
    String first = lines.get(0);
    if (PgStatStatementsReader.looksLikeHeader(first)) {
      return Optional.of(new PgStatStatementsReader());
    }
    if (PostgresJsonLogReader.looksLike(first)) {
      return Optional.of(new PostgresJsonLogReader());
    }
    if (lines.stream().anyMatch(PostgresCsvLogReader::looksLike)) {
      return Optional.of(new PostgresCsvLogReader());
    }
    if (lines.stream().anyMatch(SlowLogReader::looksLike)) {
      return Optional.of(new SlowLogReader());
    }
    if (lines.stream().anyMatch(l -> GeneralLogReader.parse(l) != null)) {
      return Optional.of(new GeneralLogReader());
    }
    if (lines.stream().anyMatch(FormatDetector::looksLikePostgres)) {
      return Optional.of(new PostgresLogReader());
    }
    String f = first.trim().toLowerCase(Locale.ROOT);
    if (f.startsWith("--") || f.startsWith("/*") || startsWithSqlKeyword(f)) {
      return Optional.of(new SqlFileReader());
    }
    return Optional.empty();
  }

  private static boolean looksLikePostgres(String line) {
    for (String sev : List.of("LOG: ", "ERROR: ", "FATAL: ", "WARNING: ", "STATEMENT: ", "DETAIL: ")) {
      if (line.contains(sev)) {
        return true;
      }
    }
    return false;
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
