package dev.logdex.core.rules;

import dev.logdex.core.schema.Schema;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What only a live database can add to findings: how many rows a denormalized copy gets wrong. Read-only
 * queries, each bounded by the session's statement timeout.
 */
public final class LiveEvidence {
  private LiveEvidence() {}

  /** {@code findings} with the live counts added to the messages they concern. */
  public static List<Finding> add(Connection c, Schema schema, List<Finding> findings) {
    List<DenormalizedColumnRule.Copy> copies = DenormalizedColumnRule.copies(schema);
    List<Finding> out = new ArrayList<>(findings.size());
    for (Finding f : findings) {
      out.add(f.rule().equals(DenormalizedColumnRule.ID) ? denormalized(c, schema, copies, f) : f);
    }
    return out;
  }

  private static Finding denormalized(Connection c, Schema schema, List<DenormalizedColumnRule.Copy> copies,
      Finding f) {
    for (DenormalizedColumnRule.Copy copy : copies) {
      if (!copy.child().equals(f.table()) || !f.columns().equals(List.of(copy.column()))) {
        continue;
      }
      String note;
      String query;
      try {
        // Built from catalog names, all quoted: still, only one checked read reaches the database.
        query = dev.logdex.core.lex.SingleStatement.check(DenormalizedColumnRule.disagreementQuery(schema.dialect(),
            copy), dev.logdex.core.lex.SqlScanner.of(schema.dialect()), dev.logdex.core.lex.SingleStatement.READS)
            .text() + " /* logdex */";
      } catch (dev.logdex.core.lex.SingleStatement.RefusedException e) {
        return f.with(f.severity(), f.message() + "; disagreeing rows not counted: " + e.getMessage());
      }
      try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(query)) {
        rs.next();
        long n = rs.getLong(1);
        note = String.format(Locale.ROOT, "; %,d %s with %s.%s now", n, n == 1 ? "row disagrees" : "rows disagree",
            copy.parent(), copy.source());
      } catch (SQLException e) {
        note = "; could not count disagreeing rows: " + e.getMessage().lines().findFirst().orElse("");
      }
      return f.with(f.severity(), f.message() + note);
    }
    return f;
  }
}
