package dev.logdex.core.model;

import java.util.Locale;
import java.util.Optional;

/** The database family a schema or log comes from; decides quoting, parsing details and what DDL is valid. */
public enum Dialect {
  POSTGRESQL("postgresql"),
  MYSQL("mysql");

  private final String label;

  Dialect(String label) {
    this.label = label;
  }

  /** The lower-case name used on the command line and in JSON. */
  public String label() {
    return label;
  }

  /** Parses a user-supplied name: {@code postgresql}, {@code postgres}, {@code pg}, {@code mysql}, {@code mariadb}. */
  public static Optional<Dialect> parse(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "postgresql", "postgres", "pg" -> Optional.of(POSTGRESQL);
      case "mysql", "mariadb" -> Optional.of(MYSQL);
      default -> Optional.empty();
    };
  }
}
