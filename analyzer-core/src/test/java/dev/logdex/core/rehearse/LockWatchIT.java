package dev.logdex.core.rehearse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logdex.core.model.Dialect;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A statement that waits for another session's lock is seen waiting, for about as long as it waited. */
class LockWatchIT {
  private static final String PG = "jdbc:postgresql://127.0.0.1:5432/";


  @Test
  void aStatementBehindAnotherSessionsLockIsSeenWaiting() throws Exception {
    String db = "logdex_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (Connection admin = LivePostgres.connect(PG + "postgres"); Statement st = admin.createStatement()) {
      st.execute("CREATE DATABASE " + db);
      try (Connection holder = LivePostgres.connect(PG + db); Connection migration = LivePostgres.connect(PG + db);
          Connection watcher = LivePostgres.connect(PG + db)) {
        try (Statement s = holder.createStatement()) {
          s.execute("CREATE TABLE t (id int PRIMARY KEY, a int)");
          holder.setAutoCommit(false);
          s.execute("LOCK TABLE t IN ACCESS EXCLUSIVE MODE");
        }
        long pid = LockWatch.sessionOf(migration, Dialect.POSTGRESQL);
        try (LockWatch locks = new LockWatch(watcher, Dialect.POSTGRESQL, pid)) {
          CompletableFuture<Void> index = CompletableFuture.runAsync(() -> {
            try (Statement s = migration.createStatement()) {
              s.execute("CREATE INDEX t_a ON t (a)");
            } catch (SQLException e) {
              throw new IllegalStateException(e);
            }
          });
          Thread.sleep(400);
          holder.commit(); // the lock goes; the index is built
          index.get(10, TimeUnit.SECONDS);
          locks.close();
          assertThat(locks.waitedMs()).isBetween(200L, 2000L);
        }
      } finally {
        st.execute("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
      }
    }
  }
}
