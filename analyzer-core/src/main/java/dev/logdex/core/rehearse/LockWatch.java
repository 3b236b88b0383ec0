package dev.logdex.core.rehearse;

import dev.logdex.core.model.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * How long a migration statement waits for locks, seen from a second session that looks at the first one's state
 * every few milliseconds while it runs ({@code pg_stat_activity.wait_event_type = 'Lock'}; MariaDB's process list
 * state "Waiting for ... lock"). A sampled measure: waits shorter than the interval may be missed.
 */
final class LockWatch implements AutoCloseable {
  static final long INTERVAL_MS = 10;

  private final Thread thread;
  private volatile boolean stop;
  private volatile long waitedMs;
  private volatile String error = "";

  /** Watches the session {@code pid} through {@code watcher}, until closed. */
  LockWatch(Connection watcher, Dialect dialect, long pid) {
    String sql = dialect == Dialect.POSTGRESQL
        ? "SELECT wait_event_type = 'Lock' FROM pg_stat_activity WHERE pid = ?"
        : "SELECT STATE LIKE 'Waiting for%lock%' FROM information_schema.PROCESSLIST WHERE ID = ?";
    thread = new Thread(() -> {
      try (PreparedStatement ps = watcher.prepareStatement(sql)) {
        ps.setLong(1, pid);
        long last = System.nanoTime();
        while (!stop) {
          boolean waiting;
          try (ResultSet rs = ps.executeQuery()) {
            waiting = rs.next() && rs.getBoolean(1);
          }
          long now = System.nanoTime();
          if (waiting) {
            waitedMs += (now - last) / 1_000_000;
          }
          last = now;
          Thread.sleep(INTERVAL_MS);
        }
      } catch (SQLException e) {
        error = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "logdex-lock-watch");
    thread.setDaemon(true);
    thread.start();
  }

  /** The session id of {@code c}, as {@link LockWatch} looks for it. */
  static long sessionOf(Connection c, Dialect dialect) throws SQLException {
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
        dialect == Dialect.POSTGRESQL ? "SELECT pg_backend_pid()" : "SELECT CONNECTION_ID()")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** Milliseconds the watched session was seen waiting for a lock. */
  long waitedMs() {
    return waitedMs;
  }

  @Override
  public void close() {
    stop = true;
    try {
      thread.join(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
