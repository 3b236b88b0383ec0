package dev.logdex.core.sql;

import dev.logdex.core.model.StatementProfile;
import java.util.Objects;

/** The outcome of analysing one distinct statement: its profile and which parser read it, or why none could. */
public sealed interface StatementAnalysis {

  /**
   * The statement was understood.
   *
   * @param parser {@code calcite}, {@code jsqlparser}, or {@code keyword} for utility statements (BEGIN, SET, ...)
   *     recognised without parsing
   */
  record Parsed(StatementProfile profile, String parser) implements StatementAnalysis {
    public Parsed {
      Objects.requireNonNull(profile, "profile");
      Objects.requireNonNull(parser, "parser");
    }

    /** Written out, as StatementAnalyzer.isDatabaseFree explains; the record's hashCode agrees with it. */
    @Override
    public boolean equals(Object o) {
      return o == this || o instanceof Parsed p && profile.equals(p.profile) && parser.equals(p.parser);
    }
  }

  /**
   * The statement reads or writes the database's own catalog ({@code pg_catalog}, {@code information_schema},
   * {@code mysql}, ...): a monitoring tool's or a driver's query, not the application's. It is counted, and
   * otherwise left out: no index or lint fix on a system object is ever proposed.
   *
   * @param object the first system object it names, as written: {@code pg_catalog.pg_class}, {@code pg_settings}
   */
  record SystemCatalog(String object) implements StatementAnalysis {
    public SystemCatalog {
      Objects.requireNonNull(object, "object");
    }

    /** Written out, as StatementAnalyzer.isDatabaseFree explains; the record's hashCode agrees with it. */
    @Override
    public boolean equals(Object o) {
      return o == this || o instanceof SystemCatalog c && object.equals(c.object);
    }
  }

  /** Neither parser could read the statement; {@code reason} is the last parser's message, one line. */
  record Unparsed(String reason) implements StatementAnalysis {
    public Unparsed {
      Objects.requireNonNull(reason, "reason");
    }

    /** Written out, as StatementAnalyzer.isDatabaseFree explains; the record's hashCode agrees with it. */
    @Override
    public boolean equals(Object o) {
      return o == this || o instanceof Unparsed u && reason.equals(u.reason);
    }
  }
}
