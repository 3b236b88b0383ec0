package dev.logdex.core.rehearse;

import dev.logdex.core.analysis.Rehearsed;
import dev.logdex.core.lex.SqlScript;
import dev.logdex.core.migration.Change;
import dev.logdex.core.model.Dialect;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A migration as the statements a user would run, in the order they would run them: logdex's own changes, or the
 * versioned files of a Flyway-style directory ({@code V<version>__<description>.sql}, in version order; undo
 * scripts and repeatables are not run).
 */
public final class MigrationSteps {
  private MigrationSteps() {}

  private static final Pattern VERSIONED = Pattern.compile("^V(\\d+(?:[._]\\d+)*)__.*\\.sql$");

  /** The up statements of {@code changes}, in order. */
  public static List<Rehearsed.Step> of(List<Change> changes) {
    List<Rehearsed.Step> steps = new ArrayList<>();
    for (Change c : changes) {
      for (int i = 0; i < c.up().size(); i++) {
        steps.add(new Rehearsed.Step(c.slug(), i + 1, c.up().get(i)));
      }
    }
    return steps;
  }

  /**
   * The statements of the versioned migration files in {@code dir}, in version order, each file's statements in
   * the file's order.
   *
   * @throws IOException when the directory cannot be read, or holds no versioned migration
   */
  public static List<Rehearsed.Step> read(Path dir, Dialect dialect) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new IOException(dir + ": not a directory of migration files");
    }
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> VERSIONED.matcher(p.getFileName().toString()).matches())
          .sorted(Comparator.comparing(MigrationSteps::version, MigrationSteps::compareVersions)).toList();
    }
    if (files.isEmpty()) {
      throw new IOException(dir + ": no versioned migration files (V<version>__<description>.sql)");
    }
    List<Rehearsed.Step> steps = new ArrayList<>();
    for (Path f : files) {
      String text = Files.readString(f, StandardCharsets.UTF_8);
      for (SqlScript.Statement st : SqlScript.split(text, dialect)) {
        if (!isOnlyComments(st.text(), dialect)) {
          steps.add(new Rehearsed.Step(f.getFileName().toString(), st.line(), st.text()));
        }
      }
    }
    return steps;
  }

  private static boolean isOnlyComments(String sql, Dialect dialect) {
    try {
      return dev.logdex.core.lex.SqlScanner.of(dialect).tokens(sql).stream()
          .allMatch(t -> t.kind() == dev.logdex.core.lex.SqlScanner.Kind.COMMENT
              || t.kind() == dev.logdex.core.lex.SqlScanner.Kind.SEMICOLON);
    } catch (dev.logdex.core.lex.SqlScanner.UnterminatedException e) {
      return false; // the database will say what is wrong with it
    }
  }

  private static long[] version(Path file) {
    Matcher m = VERSIONED.matcher(file.getFileName().toString());
    m.matches();
    return java.util.Arrays.stream(m.group(1).split("[._]")).mapToLong(Long::parseLong).toArray();
  }

  /** Flyway's order: part by part, numerically; a version that is a prefix of another comes first. */
  static int compareVersions(long[] a, long[] b) {
    for (int i = 0; i < Math.min(a.length, b.length); i++) {
      int c = Long.compare(a[i], b[i]);
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.length, b.length);
  }
}
