package dev.logdex.core.schema;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.Objects;

/** Where the schema comes from. */
public sealed interface SchemaSource {

  /** No schema was given: no index is known to exist, and the report says so. */
  record None() implements SchemaSource {}

  /**
   * DDL files, read as one schema in order: pg_dump --schema-only or mysqldump --no-data output, or hand-written
   * CREATE TABLEs (and, in another file, the keys and indexes that go with them).
   */
  record DdlFile(java.util.List<Path> files) implements SchemaSource {
    public DdlFile {
      files = java.util.List.copyOf(files);
      if (files.isEmpty()) {
        throw new IllegalArgumentException("no schema file");
      }
    }

    /** One file. */
    public DdlFile(Path file) {
      this(java.util.List.of(Objects.requireNonNull(file, "file")));
    }

    /** The files as a user named them, for messages: {@code a.sql}, or {@code a.sql, b.sql}. */
    public String names() {
      return String.join(", ", files.stream().map(Path::toString).toList());
    }
  }

  /**
   * A live database's catalog, with its statistics.
   *
   * @param connection a read-only session; the caller opens and closes it
   * @param name the database as the user named it, secrets left out, for messages
   */
  record Live(Connection connection, String name) implements SchemaSource {
    public Live {
      Objects.requireNonNull(connection, "connection");
      Objects.requireNonNull(name, "name");
    }
  }
}
