package dev.logdex.core.schema;

/** A schema source could not be read at all (missing file, unreadable input); the message names it. */
public final class SchemaException extends Exception {
  public SchemaException(String message) {
    super(message);
  }

  public SchemaException(String message, Throwable cause) {
    super(message, cause);
  }
}
