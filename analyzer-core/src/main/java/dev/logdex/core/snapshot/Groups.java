package dev.logdex.core.snapshot;

import dev.logdex.core.workload.Workload;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A fleet's logs kept apart by server or by database (the Spark job's {@code --group-by}) besides their sum: one
 * workload per group, as the snapshot's own workload is for all of them.
 *
 * @param by what the groups are: {@code host} (the server a log came from) or {@code database}; {@code ""} when
 *     the logs were not grouped
 * @param members the groups, by name
 */
public record Groups(String by, List<Group> members) {

  /** Logs not kept apart. */
  public static final Groups NONE = new Groups("", List.of());

  public Groups {
    Objects.requireNonNull(by, "by");
    members = members.stream().sorted(Comparator.comparing(Group::name)).toList();
  }

  /**
   * One group.
   *
   * @param name the server's or the database's name ({@code ""} when the logs did not say)
   * @param statements statements read of it
   * @param workload its workload
   */
  public record Group(String name, long statements, Workload workload) {
    public Group {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(workload, "workload");
    }
  }

  /** Whether the logs were kept apart. */
  public boolean isEmpty() {
    return by.isEmpty();
  }

  /** Two groupings of parts of the same logs added up, group by group; by what must agree. */
  public Groups plus(Groups o) {
    if (o.isEmpty()) {
      return this;
    }
    if (isEmpty()) {
      return o;
    }
    if (!by.equals(o.by)) {
      throw new IllegalArgumentException("groups by " + by + " and by " + o.by + " cannot be added up");
    }
    java.util.Map<String, Group> m = new java.util.TreeMap<>();
    for (Group g : members) {
      m.put(g.name(), g);
    }
    for (Group g : o.members) {
      m.merge(g.name(), g, (a, b) -> new Group(a.name(), a.statements() + b.statements(),
          Workload.merge(a.workload(), b.workload())));
    }
    return new Groups(by, List.copyOf(m.values()));
  }
}
