package dev.logdex.readers;

import dev.logdex.core.model.QueryEvent;
import dev.logdex.core.model.InputSummary;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.Consumer;

/** Reads the pg_stat_statements view of the database --db names, instead of an export of it. */
final class PgStatStatementsFromDb {
  // Package-private: the pipeline reads it when asked for --from-db.
  private PgStatStatementsFromDb() {}

  static final String SOURCE = "pg_stat_statements (live)";

  static InputSummary read(Connection c, Consumer<QueryEvent> events) {
    SkipAccount skips = new SkipAccount(SOURCE);
    try (Statement st = c.createStatement()) {
      boolean newNames;
      try (ResultSet rs = st.executeQuery("SELECT count(*) FROM information_schema.columns WHERE table_name ="
          + " 'pg_stat_statements' AND column_name = 'total_exec_time'")) {
        rs.next();
        newNames = rs.getLong(1) > 0; // PostgreSQL 13 renamed total_time to total_exec_time
      }
      String total = newNames ? "total_exec_time" : "total_time";
      try (ResultSet rs = st.executeQuery("SELECT query, calls, " + total + ", rows FROM pg_stat_statements"
          + " WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) ORDER BY queryid")) {
        long row = 0;
        while (rs.next()) {
          row++;
          String query = rs.getString(1);
          long calls = rs.getLong(2);
          if (query == null || query.equals("<insufficient privilege>")) {
            skips.skip("<insufficient privilege> (this role cannot see the query; grant pg_read_all_stats)", row);
          } else if (dev.logdex.core.lex.OwnStatements.isOwn(query)) {
            skips.passOver(SkipAccount.OWN_STATEMENT);
          } else if (calls < 1) {
            skips.skip("calls is zero", row);
          } else {
            skips.event();
            events.accept(new QueryEvent(SOURCE, row, "", "", calls, Math.max(0, rs.getDouble(3)), rs.getLong(4),
                query));
          }
        }
      }
    } catch (SQLException e) {
      throw new WorkloadReading.InputException("--from-db: cannot read pg_stat_statements: "
          + e.getMessage().lines().findFirst().orElse("")
          + " (it needs shared_preload_libraries = 'pg_stat_statements' and CREATE EXTENSION pg_stat_statements)");
    }
    return skips.summary("pg_stat_statements");
  }
}
