package dev.logdex.core.model;

import java.util.List;
import java.util.Map;
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
   * @param partitioned whether the table is partitioned (PostgreSQL builds no index on it concurrently)
   * @param include columns stored but not keyed (PostgreSQL's INCLUDE), usually none
   * @param generatedTypes for MySQL and MariaDB, the type of the generated column each expression key
   *     ({@code lower(email)}) is stored in, by key; empty elsewhere
   * @param onPartitions on a partitioned table, the index made on each of its partitions, which PostgreSQL builds
   *     concurrently and attaches to the parent's; empty when the partitions are not known (then the index is built
   *     on the parent in one blocking statement)
   */
  record CreateIndex(String schema, String table, String name, List<String> keys, String where,
      boolean partitioned, List<String> include, Map<String, String> generatedTypes,
      List<PartitionIndex> onPartitions) implements Fix {
    public CreateIndex {
      keys = List.copyOf(keys);
      include = List.copyOf(include);
      generatedTypes = Map.copyOf(generatedTypes);
      onPartitions = List.copyOf(onPartitions);
    }

    /** An index whose table's partitions, if it has any, are not known. */
    public CreateIndex(String schema, String table, String name, List<String> keys, String where,
        boolean partitioned, List<String> include, Map<String, String> generatedTypes) {
      this(schema, table, name, keys, where, partitioned, include, generatedTypes, List.of());
    }

    /** An index with no generated column. */
    public CreateIndex(String schema, String table, String name, List<String> keys, String where,
        boolean partitioned, List<String> include) {
      this(schema, table, name, keys, where, partitioned, include, Map.of());
    }

    /** An index with no INCLUDE columns. */
    public CreateIndex(String schema, String table, String name, List<String> keys, String where,
        boolean partitioned) {
      this(schema, table, name, keys, where, partitioned, List.of());
    }

    /** An index on a table that is not partitioned. */
    public CreateIndex(String schema, String table, String name, List<String> keys, String where) {
      this(schema, table, name, keys, where, false);
    }
  }

  /**
   * The index that a new index on a partitioned table has on one of its partitions.
   *
   * @param schema the partition's schema
   * @param table the partition's name
   * @param name the index's name, unique in the partition's schema
   * @param partitioned whether the partition is partitioned itself: then its index is made on it alone, like the
   *     parent's, and its own partitions' indexes are attached to it
   * @param partitions the indexes on its own partitions
   */
  record PartitionIndex(String schema, String table, String name, boolean partitioned,
      List<PartitionIndex> partitions) {
    public PartitionIndex {
      Objects.requireNonNull(schema, "schema");
      Objects.requireNonNull(table, "table");
      Objects.requireNonNull(name, "name");
      partitions = List.copyOf(partitions);
    }
  }

  /**
   * Dropping an existing index, named as the schema names it.
   *
   * @param schema the table's schema, or {@code ""} for the default one
   * @param partitioned whether the table is partitioned (PostgreSQL drops no index of it concurrently)
   */
  record DropIndex(String schema, String table, String name, boolean partitioned) implements Fix {
    /** An index of a table that is not partitioned. */
    public DropIndex(String schema, String table, String name) {
      this(schema, table, name, false);
    }
  }

  /**
   * A foreign key from {@code table(columns)} to {@code parent(parentColumns)}.
   *
   * @param schema the child table's schema, or {@code ""} for the default one
   * @param parentSchema the parent table's schema, or {@code ""} for the default one
   * @param partitioned whether the child is a partitioned table (PostgreSQL cannot add the key NOT VALID there)
   */
  record AddForeignKey(String schema, String table, List<String> columns, String parentSchema, String parent,
      List<String> parentColumns, boolean partitioned) implements Fix {
    public AddForeignKey {
      columns = List.copyOf(columns);
      parentColumns = List.copyOf(parentColumns);
    }

    /** A foreign key between tables of the default schema, from a table that is not partitioned. */
    public AddForeignKey(String table, List<String> columns, String parent, List<String> parentColumns) {
      this("", table, columns, "", parent, parentColumns, false);
    }
  }
}
