package dev.logdex.core.dialect;

import dev.logdex.core.model.Dialect;
import dev.logdex.core.model.Fix;
import dev.logdex.core.model.Partition;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Hands out names for the indexes and constraints logdex creates, unique among the names the schema already has and
 * those handed out before. Two objects whose readable names fold to the same text ({@code order_items(sku)} and
 * {@code "order"(items_sku)} both read {@code idx_order_items_sku}) get the second a short hash of what it really is,
 * so that {@code IF NOT EXISTS} never skips one silently and an undo never drops the other.
 *
 * <p>Names compare without case: MySQL folds index names, and a PostgreSQL index name logdex writes is lower case
 * anyway. On PostgreSQL, indexes share one namespace with tables, so table names are taken too.
 */
public final class ObjectNames {
  private final Dialect dialect;
  private final Set<String> taken = new HashSet<>();

  /** Names already in use: the schema's indexes, constraints and (PostgreSQL) tables. */
  public ObjectNames(Dialect dialect, Collection<String> existing) {
    this.dialect = dialect;
    existing.forEach(n -> taken.add(n.toLowerCase(Locale.ROOT)));
  }

  /** A name for an index on {@code table}'s {@code keys} (and partial predicate {@code where}), unique from now on. */
  public String index(String table, List<String> keys, String where) {
    return unique(IndexDdl.name(dialect, table, keys, where), table + "\0" + String.join("\0", keys) + "\0" + where);
  }

  /**
   * The index that an index on {@code keys} (and {@code where}) of a partitioned table has on each of its
   * {@code partitions}, down the tree, each named as an index on that partition, unique from now on.
   */
  public List<Fix.PartitionIndex> onPartitions(List<Partition> partitions, List<String> keys, String where) {
    List<Fix.PartitionIndex> out = new java.util.ArrayList<>();
    for (Partition p : partitions) {
      // Named as logdex names any table: by its schema too outside the default one.
      String table = p.schema().isEmpty() || p.schema().equals("public") ? p.name() : p.schema() + "." + p.name();
      out.add(new Fix.PartitionIndex(p.schema(), p.name(), index(table, keys, where), p.partitioned(),
          onPartitions(p.partitions(), keys, where)));
    }
    return out;
  }

  /** A name for a foreign key of {@code table}'s {@code columns}, unique from now on. */
  public String foreignKey(String table, List<String> columns) {
    return unique(ConstraintDdl.foreignKeyName(dialect, table, columns),
        "fk\0" + table + "\0" + String.join("\0", columns));
  }

  /** Marks {@code name} as used, for a name that must stay as it is (an existing object's). */
  public void take(String name) {
    taken.add(name.toLowerCase(Locale.ROOT));
  }

  private String unique(String readable, String identity) {
    String name = readable;
    int max = dialect == Dialect.MYSQL ? IndexDdl.MYSQL_MAX_NAME : IndexDdl.POSTGRES_MAX_NAME;
    for (int attempt = 0; taken.contains(name.toLowerCase(Locale.ROOT)); attempt++) {
      String hash = "_" + IndexDdl.hash(identity + (attempt == 0 ? "" : "\0" + attempt));
      name = (readable.length() + hash.length() <= max ? readable : readable.substring(0, max - hash.length()))
          + hash;
    }
    taken.add(name.toLowerCase(Locale.ROOT));
    return name;
  }
}
