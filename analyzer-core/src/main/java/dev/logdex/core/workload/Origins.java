package dev.logdex.core.workload;

import java.util.Map;
import java.util.TreeMap;

/**
 * Where a query class's calls came from: calls per database and per user, as the logs say them. At most
 * {@link #KEEP} names of each are kept, the first in name order, the rest counted together, so that adding up
 * (threads, files, snapshots) gives the same result in any order and a server of thousands of databases costs a
 * bounded amount per class.
 *
 * @param databases calls per database name
 * @param users calls per user name
 * @param otherDatabases calls of databases beyond the names kept
 * @param otherUsers calls of users beyond the names kept
 */
public record Origins(Map<String, Long> databases, Map<String, Long> users, long otherDatabases, long otherUsers) {

  /** Names kept of each. */
  public static final int KEEP = 20;

  /** No origin said. */
  public static final Origins NONE = new Origins(Map.of(), Map.of(), 0, 0);

  public Origins {
    databases = java.util.Collections.unmodifiableMap(new TreeMap<>(databases));
    users = java.util.Collections.unmodifiableMap(new TreeMap<>(users));
  }

  /** Whether no log said a database or a user. */
  public boolean isEmpty() {
    return databases.isEmpty() && users.isEmpty() && otherDatabases == 0 && otherUsers == 0;
  }

  /** Both added up, capped as one would be. */
  public Origins plus(Origins o) {
    TreeMap<String, Long> d = new TreeMap<>(databases);
    o.databases.forEach((k, v) -> d.merge(k, v, Long::sum));
    TreeMap<String, Long> u = new TreeMap<>(users);
    o.users.forEach((k, v) -> u.merge(k, v, Long::sum));
    return new Origins(d, u, otherDatabases + o.otherDatabases + cap(d), otherUsers + o.otherUsers + cap(u));
  }

  /** Leaves the first {@link #KEEP} names in {@code m} and returns the calls of those taken out. */
  static long cap(TreeMap<String, Long> m) {
    long out = 0;
    while (m.size() > KEEP) {
      out += m.pollLastEntry().getValue();
    }
    return out;
  }

  /**
   * Counts while reading: one per class, not thread-safe. The calls of the same database or user as the event
   * before are added up aside, so that the usual run of one app's events costs a string comparison, not a map.
   */
  static final class Recorder {
    private final TreeMap<String, Long> databases = new TreeMap<>();
    private final TreeMap<String, Long> users = new TreeMap<>();
    private long otherDatabases;
    private long otherUsers;
    private String lastDatabase = "";
    private long lastDatabaseCalls;
    private String lastUser = "";
    private long lastUserCalls;

    void add(String database, String user, long calls) {
      if (!database.equals(lastDatabase)) {
        flushDatabase();
        lastDatabase = database;
      }
      lastDatabaseCalls += calls;
      if (!user.equals(lastUser)) {
        flushUser();
        lastUser = user;
      }
      lastUserCalls += calls;
    }

    private void flushDatabase() {
      if (!lastDatabase.isEmpty() && lastDatabaseCalls > 0) {
        databases.merge(lastDatabase, lastDatabaseCalls, Long::sum);
        otherDatabases += cap(databases);
      }
      lastDatabaseCalls = 0;
    }

    private void flushUser() {
      if (!lastUser.isEmpty() && lastUserCalls > 0) {
        users.merge(lastUser, lastUserCalls, Long::sum);
        otherUsers += cap(users);
      }
      lastUserCalls = 0;
    }

    Origins toOrigins() {
      flushDatabase();
      flushUser();
      return databases.isEmpty() && users.isEmpty() && otherDatabases == 0 && otherUsers == 0 ? NONE
          : new Origins(databases, users, otherDatabases, otherUsers);
    }
  }
}
