package dev.logdex.core.rehearse;

import dev.logdex.core.model.Dialect;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The database server a rehearsal copies a database on, as the caller reaches it: its connections, and how the
 * server's own dump tools reach it.
 */
public interface Server {

  Dialect dialect();

  /** The database whose copy is rehearsed on; it is only ever read. */
  String sourceDatabase();

  /**
   * A new connection as the user given, to {@code database}, or to no database in particular ({@code ""}: on
   * PostgreSQL the maintenance database {@code postgres}), open for writing: the copy's DDL and data go through it.
   */
  Connection connect(String database) throws SQLException;

  /** A new read-only connection to the source database, as the user given: the source is only ever read. */
  Connection readSource() throws SQLException;

  /** A new connection to {@code database} as another user: the rehearsal's restricted replay login. */
  Connection connectAs(String database, String user, String password) throws SQLException;

  /** Whether the server runs on this machine, so that the free space of its disk can be seen from here. */
  boolean isLocal();

  /** How {@code pg_dump} and {@code pg_restore} reach the server, when they are installed here. */
  Optional<DumpTools> dumpTools();

  /**
   * Where the server is for PostgreSQL's command-line tools.
   *
   * @param password the password, passed in the tools' environment (never on their command line)
   */
  record DumpTools(String host, int port, String user, Optional<String> password) {}
}
