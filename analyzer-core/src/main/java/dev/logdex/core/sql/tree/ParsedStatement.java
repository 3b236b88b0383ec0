package dev.logdex.core.sql.tree;

import dev.logdex.core.model.StatementKind;
import java.util.Objects;
import java.util.Optional;

/**
 * A statement in the neutral form: what it does, the table it writes, and the query it runs.
 *
 * @param kind SELECT, INSERT, UPDATE, DELETE or OTHER
 * @param target the table written, for INSERT, UPDATE and DELETE
 * @param query the rows it reads: the SELECT itself, the source of INSERT ... SELECT, or the target table with its
 *     WHERE for UPDATE and DELETE; empty for INSERT ... VALUES and OTHER
 */
public record ParsedStatement(StatementKind kind, Optional<String> target, Optional<Query> query) {
  public ParsedStatement {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(query, "query");
  }
}
