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
  }

  /** Neither parser could read the statement; {@code reason} is the last parser's message, one line. */
  record Unparsed(String reason) implements StatementAnalysis {
    public Unparsed {
      Objects.requireNonNull(reason, "reason");
    }
  }
}
