package dev.logdex.core.rehearse;

import java.sql.Connection;
import java.sql.SQLException;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyOut;

/**
 * Rows streamed from one PostgreSQL connection to another with the COPY protocol, in PostgreSQL's binary form:
 * no row is turned into text and parsed again, and nothing is held but one chunk at a time. Used when both
 * connections are the PostgreSQL driver's (the cli's always are); else the copy falls back to rows as text.
 */
final class PgCopy {
  private PgCopy() {}

  /** Whether both connections speak the driver's COPY API. */
  static boolean available(Connection from, Connection to) {
    try {
      Class.forName("org.postgresql.PGConnection", false, PgCopy.class.getClassLoader());
      return from.isWrapperFor(PGConnection.class) && to.isWrapperFor(PGConnection.class);
    } catch (ClassNotFoundException | SQLException e) {
      return false;
    }
  }

  /** Runs {@code copyOut} on {@code from} and feeds what it sends to {@code copyIn} on {@code to}; returns the rows. */
  static long stream(Connection from, String copyOut, Connection to, String copyIn) throws SQLException {
    CopyOut out = from.unwrap(PGConnection.class).getCopyAPI().copyOut(copyOut);
    CopyIn in;
    try {
      in = to.unwrap(PGConnection.class).getCopyAPI().copyIn(copyIn);
    } catch (SQLException e) {
      out.cancelCopy();
      throw e;
    }
    try {
      byte[] chunk;
      while ((chunk = out.readFromCopy()) != null) {
        in.writeToCopy(chunk, 0, chunk.length);
      }
      return in.endCopy();
    } catch (SQLException e) {
      if (out.isActive()) {
        out.cancelCopy();
      }
      if (in.isActive()) {
        in.cancelCopy();
      }
      throw e;
    }
  }
}
