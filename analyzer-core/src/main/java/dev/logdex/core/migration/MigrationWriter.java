package dev.logdex.core.migration;

import dev.logdex.core.dialect.SqlText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Writes {@link Change}s as migration files in the style of the tool the project uses. */
public final class MigrationWriter {
  private MigrationWriter() {}

  /** The migration tool styles. */
  public enum Style { FLYWAY, LIQUIBASE, PLAIN }

  private static final Pattern FLYWAY_VERSION = Pattern.compile("^[VU](\\d+)(?:[._]\\d+)*__.*\\.sql$");

  /**
   * Writes {@code changes} into {@code dir} (created when missing) and returns the files written. Never overwrites
   * a file.
   *
   * @throws IOException also when a file to write already exists (the message names it)
   */
  public static List<Path> write(List<Change> changes, Path dir, Style style) throws IOException {
    Files.createDirectories(dir);
    return switch (style) {
      case FLYWAY -> flyway(changes, dir);
      case LIQUIBASE -> liquibase(changes, dir);
      case PLAIN -> plain(changes, dir);
    };
  }

  /**
   * One versioned script per change, {@code V<n>__<slug>.sql}, numbered after the highest version already in the
   * directory, with its undo script {@code U<n>__<slug>.sql}; a change that must run outside a transaction gets
   * the {@code V<n>__<slug>.sql.conf} that tells Flyway so.
   */
  private static List<Path> flyway(List<Change> changes, Path dir) throws IOException {
    long next = nextFlywayVersion(dir);
    List<Path> out = new ArrayList<>();
    for (Change c : changes) {
      String base = next + "__" + c.slug() + ".sql";
      out.add(create(dir.resolve("V" + base), header(c) + statements(c.up())));
      out.add(create(dir.resolve("U" + base), header(c) + "-- undo\n" + statements(c.down())));
      if (c.outsideTransaction()) {
        out.add(create(dir.resolve("V" + base + ".conf"), "executeInTransaction=false\n"));
        out.add(create(dir.resolve("U" + base + ".conf"), "executeInTransaction=false\n"));
      }
      next++;
    }
    return out;
  }

  /**
   * The changes whose statements a migration already in {@code dir} applies (a versioned Flyway file, a Liquibase
   * changelog or an up.sql), each with that file's name: written again, they would be applied twice. Statements
   * are compared with their whitespace collapsed.
   */
  public static java.util.Map<Change, String> alreadyWritten(List<Change> changes, Path dir,
      dev.logdex.core.model.Dialect dialect) throws IOException {
    java.util.Map<Change, String> out = new java.util.LinkedHashMap<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> {
        String n = p.getFileName().toString();
        return FLYWAY_VERSION.matcher(n).matches() && n.startsWith("V") || n.endsWith(".changelog.sql")
            || n.equals("up.sql");
      }).sorted(java.util.Comparator.comparingLong(MigrationWriter::version)
          .thenComparing(p -> p.getFileName().toString())).toList();
    }
    java.util.Map<String, String> written = new java.util.HashMap<>();
    for (Path f : files) {
      String text = Files.readString(f, java.nio.charset.StandardCharsets.UTF_8);
      for (dev.logdex.core.lex.SqlScript.Statement st : dev.logdex.core.lex.SqlScript.split(text, dialect)) {
        written.putIfAbsent(normalized(st.text()), f.getFileName().toString());
      }
    }
    for (Change c : changes) {
      String in = null;
      for (String st : c.up()) {
        in = written.get(normalized(st));
        if (in == null) {
          break;
        }
      }
      if (in != null) {
        out.put(c, in);
      }
    }
    return out;
  }

  /** A Flyway file's version's first part, 0 for other files (they come first). */
  private static long version(Path file) {
    Matcher m = FLYWAY_VERSION.matcher(file.getFileName().toString());
    return m.matches() ? Long.parseLong(m.group(1)) : 0;
  }

  /** A statement as compared: without comment lines, a trailing semicolon, and runs of whitespace. */
  private static String normalized(String sql) {
    String s = collapse(sql.replaceAll("(?m)^\\s*--.*$", ""));
    return s.endsWith(";") ? s.substring(0, s.length() - 1).strip() : s;
  }

  private static String collapse(String sql) {
    return sql.replaceAll("\\s+", " ").strip();
  }

  static long nextFlywayVersion(Path dir) throws IOException {
    long max = 0;
    try (Stream<Path> files = Files.list(dir)) {
      for (Path p : files.toList()) {
        Matcher m = FLYWAY_VERSION.matcher(p.getFileName().toString());
        if (m.matches()) {
          max = Math.max(max, Long.parseLong(m.group(1)));
        }
      }
    }
    return max + 1;
  }

  /** A Liquibase formatted-SQL changelog: one changeset per change, each with its rollback. */
  private static List<Path> liquibase(List<Change> changes, Path dir) throws IOException {
    int n = 1;
    while (Files.exists(dir.resolve(String.format(Locale.ROOT, "logdex-%03d.changelog.sql", n)))) {
      n++;
    }
    StringBuilder b = new StringBuilder("--liquibase formatted sql\n\n");
    for (Change c : changes) {
      b.append("--changeset logdex:").append(c.slug()).append(c.outsideTransaction() ? " runInTransaction:false" : "")
          .append('\n');
      for (String w : c.why()) {
        b.append("--comment: ").append(SqlText.commentLine(w)).append('\n');
      }
      b.append(statements(c.up()));
      for (String d : c.down()) {
        // Liquibase reads a rollback from its one line: a statement that spans lines cannot be written there.
        if (d.indexOf('\n') >= 0 || d.indexOf('\r') >= 0) {
          throw new IllegalArgumentException("a rollback statement spans lines (a name with a line break?): "
              + SqlText.commentLine(d));
        }
        b.append("--rollback ").append(d).append('\n');
      }
      b.append('\n');
    }
    return List.of(create(dir.resolve(String.format(Locale.ROOT, "logdex-%03d.changelog.sql", n)), b.toString()));
  }

  /** {@code up.sql} applies every change in order, {@code down.sql} undoes them in reverse order. */
  private static List<Path> plain(List<Change> changes, Path dir) throws IOException {
    StringBuilder up = new StringBuilder("-- logdex: apply with autocommit on (psql: no --single-transaction);"
        + " CREATE INDEX CONCURRENTLY cannot run inside a transaction\n\n");
    StringBuilder down = new StringBuilder("-- logdex: undoes up.sql, last change first\n\n");
    for (Change c : changes) {
      up.append(header(c)).append(statements(c.up())).append('\n');
    }
    for (int i = changes.size() - 1; i >= 0; i--) {
      Change c = changes.get(i);
      down.append("-- undo ").append(SqlText.commentLine(c.slug())).append('\n').append(statements(c.down())).append('\n');
    }
    return List.of(create(dir.resolve("up.sql"), up.toString()), create(dir.resolve("down.sql"), down.toString()));
  }

  private static String header(Change c) {
    StringBuilder b = new StringBuilder();
    for (String w : c.why()) {
      for (String line : w.split("\n", -1)) {
        b.append("-- ").append(SqlText.commentLine(line)).append('\n');
      }
    }
    return b.toString();
  }

  private static String statements(List<String> statements) {
    StringBuilder b = new StringBuilder();
    statements.forEach(s -> b.append(s).append('\n'));
    return b.toString();
  }

  private static Path create(Path file, String content) throws IOException {
    if (Files.exists(file)) {
      throw new IOException(file + ": already exists; logdex never overwrites a migration");
    }
    Files.writeString(file, content, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE_NEW);
    return file;
  }
}
