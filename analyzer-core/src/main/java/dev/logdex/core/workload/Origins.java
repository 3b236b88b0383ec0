package dev.logdex.core.workload;

import java.util.Map;
import java.util.TreeMap;

/**
 * Where a query class's calls came from: calls per database, user, client host and application, as the logs say
 * them. At most {@link #KEEP} names of each are kept, the first in name order, the rest counted together, so that
 * adding up (threads, files, snapshots) gives the same result in any order and a server of thousands of databases
 * costs a bounded amount per class.
 *
 * @param databases calls per database name
 * @param users calls per user name
 * @param otherDatabases calls of databases beyond the names kept
 * @param otherUsers calls of users beyond the names kept
 * @param hosts calls per client host (PostgreSQL's connection_from without its port, MySQL's User@Host host)
 * @param otherHosts calls of hosts beyond the names kept
 * @param applications calls per application name (PostgreSQL's application_name)
 * @param otherApplications calls of applications beyond the names kept
 */
public record Origins(Map<String, Long> databases, Map<String, Long> users, long otherDatabases, long otherUsers,
    Map<String, Long> hosts, long otherHosts, Map<String, Long> applications, long otherApplications) {

  /** Names kept of each. */
  public static final int KEEP = 20;

  /** No origin said. */
  public static final Origins NONE = new Origins(Map.of(), Map.of(), 0, 0);

  public Origins {
    databases = java.util.Collections.unmodifiableMap(new TreeMap<>(databases));
    users = java.util.Collections.unmodifiableMap(new TreeMap<>(users));
    hosts = java.util.Collections.unmodifiableMap(new TreeMap<>(hosts));
    applications = java.util.Collections.unmodifiableMap(new TreeMap<>(applications));
  }

  /** Databases and users only. */
  public Origins(Map<String, Long> databases, Map<String, Long> users, long otherDatabases, long otherUsers) {
    this(databases, users, otherDatabases, otherUsers, Map.of(), 0, Map.of(), 0);
  }

  /** Whether no log said a database, a user, a host or an application. */
  public boolean isEmpty() {
    return databases.isEmpty() && users.isEmpty() && hosts.isEmpty() && applications.isEmpty()
        && otherDatabases == 0 && otherUsers == 0 && otherHosts == 0 && otherApplications == 0;
  }

  /** Both added up, capped as one would be. */
  public Origins plus(Origins o) {
    TreeMap<String, Long> d = sum(databases, o.databases);
    TreeMap<String, Long> u = sum(users, o.users);
    TreeMap<String, Long> h = sum(hosts, o.hosts);
    TreeMap<String, Long> a = sum(applications, o.applications);
    return new Origins(d, u, otherDatabases + o.otherDatabases + cap(d), otherUsers + o.otherUsers + cap(u),
        h, otherHosts + o.otherHosts + cap(h), a, otherApplications + o.otherApplications + cap(a));
  }

  private static TreeMap<String, Long> sum(Map<String, Long> a, Map<String, Long> b) {
    TreeMap<String, Long> m = new TreeMap<>(a);
    b.forEach((k, v) -> m.merge(k, v, Long::sum));
    return m;
  }

  /** Leaves the first {@link #KEEP} names in {@code m} and returns the calls of those taken out. */
  static long cap(TreeMap<String, Long> m) {
    long out = 0;
    while (m.size() > KEEP) {
      out += m.pollLastEntry().getValue();
    }
    return out;
  }

  /** Counts while reading: one per class, not thread-safe. */
  static final class Recorder {
    private final Names databases = new Names();
    private final Names users = new Names();
    private final Names hosts = new Names();
    private final Names applications = new Names();

    void add(String database, String user, long calls) {
      add(database, user, "", "", calls);
    }

    void add(String database, String user, String host, String application, long calls) {
      databases.add(database, calls);
      users.add(user, calls);
      hosts.add(host, calls);
      applications.add(application, calls);
    }

    Origins toOrigins() {
      Origins o = new Origins(databases.flush(), users.flush(), databases.other, users.other, hosts.flush(),
          hosts.other, applications.flush(), applications.other);
      return o.isEmpty() ? NONE : o;
    }
  }

  /**
   * One kind of name's counts. The calls of the same name as the event before are added up aside, so that the
   * usual run of one app's events costs a string comparison, not a map.
   */
  private static final class Names {
    private final TreeMap<String, Long> calls = new TreeMap<>();
    private long other;
    private String last = "";
    private long lastCalls;

    void add(String name, long n) {
      if (!name.equals(last)) {
        flush();
        last = name;
      }
      lastCalls += n;
    }

    TreeMap<String, Long> flush() {
      if (!last.isEmpty() && lastCalls > 0) {
        calls.merge(last, lastCalls, Long::sum);
        other += cap(calls);
      }
      lastCalls = 0;
      return calls;
    }
  }
}
