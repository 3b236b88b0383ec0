package dev.logdex.spark;

import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a task gives back, as {@link Partial}s: the account of its inputs, and its workload by group (its server
 * or database with {@code --group-by}; one group named {@code ""} without). The whole is the sum of the groups,
 * made once, on the driver. Parts add up group by group.
 *
 * @param inputs the account of the task's inputs, with no workload
 * @param groups by group name, its workload and statements
 */
record Part(String inputs, Map<String, String> groups) implements Serializable {
  Part {
    groups = new TreeMap<>(groups);
  }

  static Part merge(Part a, Part b) {
    Map<String, String> g = new TreeMap<>(a.groups());
    b.groups().forEach((k, v) -> g.merge(k, v, Partial::merge));
    return new Part(Partial.merge(a.inputs(), b.inputs()), g);
  }
}
