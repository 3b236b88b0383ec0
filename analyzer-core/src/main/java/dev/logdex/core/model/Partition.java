package dev.logdex.core.model;

import java.util.List;
import java.util.Objects;

/**
 * A partition of a PostgreSQL partitioned table, with its own partitions when it is partitioned too. Migrations
 * need them by name: PostgreSQL builds no index concurrently on a partitioned table, but it does on each of its
 * partitions, and attaches those to an index made on the parent alone.
 *
 * @param schema the schema it lives in (a partition may live in another schema than its parent)
 * @param name its name as the database stores it
 * @param partitioned whether it is partitioned itself (then its index is made {@code ON ONLY} it, like the parent's)
 * @param partitions its own partitions, when partitioned
 */
public record Partition(String schema, String name, boolean partitioned, List<Partition> partitions) {
  public Partition {
    Objects.requireNonNull(schema, "schema");
    Objects.requireNonNull(name, "name");
    partitions = List.copyOf(partitions);
  }

  /** Every partition in {@code partitions} and below them, each before its own: the tree's names, flat. */
  public static List<Partition> all(List<Partition> partitions) {
    List<Partition> out = new java.util.ArrayList<>();
    for (Partition p : partitions) {
      out.add(p);
      out.addAll(all(p.partitions()));
    }
    return out;
  }

  /** A partition that holds rows: not partitioned itself. */
  public static Partition leaf(String schema, String name) {
    return new Partition(schema, name, false, List.of());
  }
}
