package dev.logdex.core.model;

/** What a statement does, as far as indexes care. */
public enum StatementKind {
  SELECT,
  INSERT,
  UPDATE,
  DELETE,
  /** DDL, transaction control, SET, and anything else that reads or writes no table rows we can attribute. */
  OTHER;

  public boolean isWrite() {
    return this == INSERT || this == UPDATE || this == DELETE;
  }
}
