package dev.logdex.core.schema;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.Objects;

/** Where the schema comes from. */
public sealed interface SchemaSource {

  /** No schema was given: no index is known to exist, and the report says so. */
  record None() implements SchemaSource {}

  /** A DDL file: pg_dump --schema-only or mysqldump --no-data output, or hand-written CREATE TABLEs. */
  record DdlFile(Path file) implements SchemaSource {
    public DdlFile {
      Objects.requireNonNull(file, "file");
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
