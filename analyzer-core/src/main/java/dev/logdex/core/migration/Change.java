package dev.logdex.core.migration;

import java.util.List;
import java.util.Objects;

/**
 * One schema change, ready to become a migration file: the statements that apply it and those that undo it.
 *
 * @param slug a short file-name-safe description ({@code add_index_orders_user_id})
 * @param why comment lines saying why: the queries it serves, their calls and time, the estimated effect
 * @param up the statements that apply it, in order
 * @param down the statements that undo it, in order
 * @param outsideTransaction whether the statements must each run on their own, outside a transaction
 *     ({@code CREATE INDEX CONCURRENTLY}; a foreign key added NOT VALID then validated)
 */
public record Change(String slug, List<String> why, List<String> up, List<String> down, boolean outsideTransaction) {
  public Change {
    Objects.requireNonNull(slug, "slug");
    why = List.copyOf(why);
    up = List.copyOf(up);
    down = List.copyOf(down);
  }
}
