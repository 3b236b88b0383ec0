package dev.logdex.core.sql.tree;

import java.util.List;
import java.util.Objects;

/** A FROM item. */
public sealed interface Source {

  /** The name the block refers to the source by: its alias, or for a table its name. */
  String alias();

  /**
   * A table (or a CTE, resolved later by name).
   *
   * @param qualifier the schema (PostgreSQL) or database (MySQL) the statement names, or empty
   * @param name the table name, last part of a qualified name, folded as the database folds it
   * @param alias the alias, or the name itself when there is none
   */
  record TableSource(String qualifier, String name, String alias) implements Source {
    public TableSource {
      Objects.requireNonNull(qualifier, "qualifier");
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(alias, "alias");
    }

    /** An unqualified table. */
    public TableSource(String name, String alias) {
      this("", name, alias);
    }
  }

  /**
   * A subquery in FROM.
   *
   * @param columns output column names given after the alias ({@code AS t (a, b)}), or empty
   */
  record DerivedSource(Query query, String alias, List<String> columns) implements Source {
    public DerivedSource {
      Objects.requireNonNull(query, "query");
      Objects.requireNonNull(alias, "alias");
      columns = List.copyOf(columns);
    }
  }
}
