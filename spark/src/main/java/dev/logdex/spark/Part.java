package dev.logdex.spark;

import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a task gives back: the sum of what it read, as a {@link Partial}, and, when the job keeps the logs apart
 * ({@code --group-by}), each group's part by its name. Parts add up group by group.
 *
 * @param whole the sum of the task's groups, with the account of its inputs
 * @param groups by group name, its part (no inputs: they are the whole's); empty when not grouped
 */
record Part(String whole, Map<String, String> groups) implements Serializable {
  Part {
    groups = new TreeMap<>(groups);
  }

  static Part merge(Part a, Part b) {
    Map<String, String> g = new TreeMap<>(a.groups());
    b.groups().forEach((k, v) -> g.merge(k, v, Partial::merge));
    return new Part(Partial.merge(a.whole(), b.whole()), g);
  }
}
