package dev.logdex.core.model;

import java.util.List;
import java.util.Objects;

/**
 * What a finding proposes to change, as a value: the migration writer and the reports take it by its type, and
 * the dialect alone turns it into SQL ({@code dialect.FixSql}). A proposal that is not one of these changes is
 * {@link Review}: words or statements for a person to read, which nothing applies by itself.
 */
public sealed interface Fix {

  /**
   * Advice, or statements to review before running them.
   *
   * @param text the advice or SQL, or {@code ""} when the finding proposes nothing
   */
  record Review(String text) implements Fix {
    public Review {
      Objects.requireNonNull(text, "text");
    }
  }

  /**
   * A new index.
   *
   * @param schema the table's schema, or {@code ""} for the default one
   * @param keys plain column names, each optionally followed by {@code " DESC"}
   * @param where a partial index's predicate in SQL, or {@code ""}
   */
  record CreateIndex(String schema, String table, String name, List<String> keys, String where) implements Fix {
    public CreateIndex {
      keys = List.copyOf(keys);
    }
  }

  /**
   * Dropping an existing index, named as the schema names it.
   *
   * @param schema the table's schema, or {@code ""} for the default one
   */
  record DropIndex(String schema, String table, String name) implements Fix {}

  /** A foreign key from {@code table(columns)} to {@code parent(parentColumns)}. */
  record AddForeignKey(String table, List<String> columns, String parent, List<String> parentColumns)
      implements Fix {
    public AddForeignKey {
      columns = List.copyOf(columns);
      parentColumns = List.copyOf(parentColumns);
    }
  }
}
