package dev.logdex.readers;

import dev.logdex.core.model.QueryEvent;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which events of the logs to keep, decided as they are read, so that memory and time follow the part kept: a time
 * window and databases, users, client hosts and applications to keep or to leave out. An event left out is counted, by the option that left it
 * out, with the input's lines passed over; the report's header says so.
 *
 * @param since keep events at or after this time
 * @param until keep events before this time
 * @param databases keep only events of these databases (empty: all)
 * @param excludeDatabases leave out events of these databases
 * @param users keep only events of these users (empty: all)
 * @param excludeUsers leave out events of these users
 * @param hosts keep only events from these client hosts (empty: all)
 * @param excludeHosts leave out events from these client hosts
 * @param applications keep only events of these application names (empty: all)
 * @param excludeApplications leave out events of these application names
 */
public record EventFilter(Optional<Instant> since, Optional<Instant> until, Set<String> databases,
    Set<String> excludeDatabases, Set<String> users, Set<String> excludeUsers, Set<String> hosts,
    Set<String> excludeHosts, Set<String> applications, Set<String> excludeApplications) {

  /** What every passed-over count of a filter starts with, in the inputs' summaries. */
  public static final String PREFIX = "left out by ";

  /** Keeps everything. */
  public static final EventFilter NONE = new EventFilter(Optional.empty(), Optional.empty(), Set.of(), Set.of(),
      Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), Set.of());

  public EventFilter {
    databases = Set.copyOf(databases);
    excludeDatabases = Set.copyOf(excludeDatabases);
    users = Set.copyOf(users);
    excludeUsers = Set.copyOf(excludeUsers);
    hosts = Set.copyOf(hosts);
    excludeHosts = Set.copyOf(excludeHosts);
    applications = Set.copyOf(applications);
    excludeApplications = Set.copyOf(excludeApplications);
  }

  /** Whether it keeps every event. */
  public boolean isNone() {
    return equals(NONE);
  }

  /**
   * Why {@code e} is left out ({@code "left out by --database"}), or null when it is kept. An event without a time
   * is kept by a time window (the log cannot say), and {@link #untimed} tells it.
   */
  public String leftOutBy(QueryEvent e) {
    if (e.time().isPresent()) {
      Instant t = e.time().get();
      if (since.isPresent() && t.isBefore(since.get())) {
        return PREFIX + "--since " + since.get();
      }
      if (until.isPresent() && !t.isBefore(until.get())) {
        return PREFIX + "--until " + until.get();
      }
    }
    if (!databases.isEmpty() && !databases.contains(e.database())) {
      return PREFIX + "--database " + names(databases);
    }
    if (excludeDatabases.contains(e.database())) {
      return PREFIX + "--exclude-database " + e.database();
    }
    if (!users.isEmpty() && !users.contains(e.user())) {
      return PREFIX + "--user " + names(users);
    }
    if (excludeUsers.contains(e.user())) {
      return PREFIX + "--exclude-user " + e.user();
    }
    // A log that does not name the host or the application ("") matches no name given: it is left out by a
    // keep-list, and kept by an exclude-list.
    if (!hosts.isEmpty() && !hosts.contains(e.host())) {
      return PREFIX + "--host " + names(hosts);
    }
    if (excludeHosts.contains(e.host())) {
      return PREFIX + "--exclude-host " + e.host();
    }
    if (!applications.isEmpty() && !applications.contains(e.application())) {
      return PREFIX + "--application " + names(applications);
    }
    if (excludeApplications.contains(e.application())) {
      return PREFIX + "--exclude-application " + e.application();
    }
    return null;
  }

  private static String names(Set<String> names) {
    return String.join(",", new java.util.TreeSet<>(names));
  }

  /** Whether {@code e} has no time while a window was asked for: kept, and counted as such. */
  public boolean untimed(QueryEvent e) {
    return e.time().isEmpty() && (since.isPresent() || until.isPresent());
  }

  /** The passed-over kind an untimed event kept by a window is counted under. */
  public static final String UNTIMED = "kept with no time for --since/--until";

  /** The options as given, for the report: {@code --since 2026-11-28T10:00:00Z, --database shop}. */
  public String describe() {
    List<String> parts = new java.util.ArrayList<>();
    since.ifPresent(t -> parts.add("--since " + t));
    until.ifPresent(t -> parts.add("--until " + t));
    databases.stream().sorted().forEach(d -> parts.add("--database " + d));
    excludeDatabases.stream().sorted().forEach(d -> parts.add("--exclude-database " + d));
    users.stream().sorted().forEach(u -> parts.add("--user " + u));
    excludeUsers.stream().sorted().forEach(u -> parts.add("--exclude-user " + u));
    hosts.stream().sorted().forEach(h -> parts.add("--host " + h));
    excludeHosts.stream().sorted().forEach(h -> parts.add("--exclude-host " + h));
    applications.stream().sorted().forEach(a -> parts.add("--application " + a));
    excludeApplications.stream().sorted().forEach(a -> parts.add("--exclude-application " + a));
    return String.join(", ", parts);
  }
}
