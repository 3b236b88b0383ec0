package dev.logdex.core.schema;

/** A DDL statement logdex needs (a table, an index, a key) could not be read; carries the reason. */
final class DdlException extends RuntimeException {
  DdlException(String message) {
    super(message);
  }
}
