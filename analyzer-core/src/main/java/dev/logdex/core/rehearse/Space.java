package dev.logdex.core.rehearse;

import dev.logdex.core.model.Dialect;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Optional;

/** Whether the server's disk has room for the copy: twice its size free, so that its indexes and writes fit too. */
public final class Space {
  private Space() {}

  /** Above this, a whole copy is refused without --force: it takes long, and the disk may be production's. */
  static final long LARGE = 10L << 30;

  /** Below this, a copy is made even where the free space cannot be seen (the caller is told). */
  static final long SMALL = 1L << 30;

  /**
   * Refuses a copy that may not fit, unless {@code force}; returns a note when the free space could not be checked.
   */
  static Optional<String> check(Connection admin, Dialect dialect, boolean local, long bytes, boolean force)
      throws Rehearsal.RefusedException {
    if (force) {
      return Optional.empty();
    }
    if (bytes > LARGE) {
      throw new Rehearsal.RefusedException("the database is " + human(bytes) + ", and a whole copy of it takes "
          + "as much disk and a long time: give --sample-rows N to copy a sample, or --force to copy it all");
    }
    Optional<Long> free = local ? free(admin, dialect) : Optional.empty();
    if (free.isEmpty()) {
      if (bytes > SMALL) {
        throw new Rehearsal.RefusedException("the copy takes " + human(bytes) + " and the free space of the "
            + "server's disk cannot be seen from here: give --force once you have checked it has " + human(2 * bytes));
      }
      return Optional.of("the free space of the server's disk could not be checked; the copy took "
          + human(bytes));
    }
    if (free.get() < 2 * bytes) {
      throw new Rehearsal.RefusedException("the server's disk has " + human(free.get()) + " free, less than twice "
          + "the copy's " + human(bytes) + ": free some space, or give --force");
    }
    return Optional.empty();
  }

  private static Optional<Long> free(Connection admin, Dialect dialect) {
    try (Statement st = admin.createStatement(); ResultSet rs = st.executeQuery(
        dialect == Dialect.POSTGRESQL ? "SHOW data_directory" : "SELECT @@datadir")) {
      if (!rs.next() || rs.getString(1) == null) {
        return Optional.empty();
      }
      Path dir = Path.of(rs.getString(1));
      return Files.isDirectory(dir) ? Optional.of(Files.getFileStore(dir).getUsableSpace()) : Optional.empty();
    } catch (SQLException | IOException | SecurityException e) {
      return Optional.empty(); // not allowed to see it, or not on this machine's file system
    }
  }

  /** Bytes as a person reads them: {@code 512 B}, {@code 1.5 MB}. */
  public static String human(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    String[] units = {"kB", "MB", "GB", "TB"};
    double v = bytes;
    int u = -1;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
  }
}
