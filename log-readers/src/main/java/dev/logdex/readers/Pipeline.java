package dev.logdex.readers;

import dev.logdex.core.model.Dialect;
import dev.logdex.core.model.InputSummary;
import dev.logdex.core.report.Escape;
import dev.logdex.core.schema.Schema;
import dev.logdex.core.schema.SchemaException;
import dev.logdex.core.schema.SchemaLoading;
import dev.logdex.core.schema.SchemaSource;
import dev.logdex.core.sql.StatementAnalyzer;
import dev.logdex.core.workload.Workload;
import dev.logdex.core.workload.WorkloadBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * From the user's inputs to a schema and a workload: the one place that decides which schema source is read, in
 * which dialect, and what is read besides the log files. A command fills a {@link Request}; it decides none of this.
 */
public final class Pipeline {
  private Pipeline() {}

  /**
   * Everything the reading needs.
   *
   * @param reading the logs and how to read them
   * @param schema where the schema comes from
   * @param dialect the dialect the user gave, if any
   * @param fromDatabase also read the pg_stat_statements view of the {@link SchemaSource.Live} database
   */
  public record Request(WorkloadReading.Request reading, SchemaSource schema, Optional<Dialect> dialect,
      boolean fromDatabase) {
    public Request {
      Objects.requireNonNull(reading, "reading");
      Objects.requireNonNull(schema, "schema");
    }
  }

  /**
   * What was read.
   *
   * @param schemaGiven false when no schema was given: nothing is known of existing indexes
   * @param warnings what the report must say: inputs left out, schema statements not read, what was assumed
   * @param said those of the warnings already said on stderr, line by line (what was assumed)
   */
  public record Loaded(Schema schema, boolean schemaGiven, Workload workload, List<InputSummary> inputs,
      long statements, List<String> warnings, List<String> said, SimpleMeterRegistry registry,
      StatementAnalyzer analyzer) {
    public Loaded {
      warnings = List.copyOf(warnings);
      said = List.copyOf(said);
    }
  }

  /** How many unreadable schema statements stderr lists; the report lists them all. */
  private static final int UNREAD_SHOWN = 10;

  /** Reads the schema and the logs of {@code request}; says on {@code err} what had to be assumed. */
  public static Loaded load(Request request, PrintWriter err, WorkloadReading.ProgressDisplay progress)
      throws IOException, SchemaException {
    WorkloadReading.Opened opened = WorkloadReading.open(request.reading(), err);
    SchemaLoading.Loaded schema = SchemaLoading.load(request.schema(), request.dialect(), opened.readers().stream()
        .map(LogReader::dialect).flatMap(Optional::stream).toList());
    List<String> warnings = new ArrayList<>(opened.warnings());
    List<String> assumed = new ArrayList<>(schema.assumptions());
    warnings.addAll(assumed);
    if (!schema.given()) {
      // The report says this at its top, from the schema itself; stderr says it too.
      assumed.add(0, "no schema given (--schema FILE or --db URL): no existing index or key is known, so "
          + "recommendations are unchecked against them");
    }
    warnings.addAll(schema.unread());
    if (!request.reading().quiet()) {
      assumed.forEach(w -> err.println(Escape.terminal("logdex: " + w)));
      if (!schema.unread().isEmpty() && request.schema() instanceof SchemaSource.DdlFile f) {
        err.println(Escape.terminal("logdex: " + f.names() + ": " + schema.unread().size()
            + " statement(s) could not be read, so the schema is incomplete:"));
        int shown = Math.min(schema.unread().size(), UNREAD_SHOWN);
        schema.unread().subList(0, shown).forEach(w -> err.println(Escape.terminal("logdex:   " + w)));
        if (shown < schema.unread().size()) {
          err.println("logdex:   ... and " + (schema.unread().size() - shown) + " more, listed in the report");
        }
      }
      err.flush();
    }
    Optional<WorkloadReading.Source> fromDatabase = Optional.empty();
    if (request.fromDatabase()) {
      if (!(request.schema() instanceof SchemaSource.Live live) || schema.schema().dialect() != Dialect.POSTGRESQL) {
        throw new WorkloadReading.InputException(
            "--from-db reads pg_stat_statements: give --db jdbc:postgresql://...");
      }
      fromDatabase = Optional.of(new WorkloadReading.Source() {
        @Override
        public InputSummary read(WorkloadBuilder builder) {
          return PgStatStatementsFromDb.read(live.connection(), builder);
        }

        @Override
        public String name() {
          return "--from-db: pg_stat_statements";
        }
      });
    }
    WorkloadReading.Read read = WorkloadReading.read(request.reading(), opened, schema.schema(), fromDatabase, err,
        progress);
    return new Loaded(schema.schema(), schema.given(), read.workload(), read.inputs(), read.statements(), warnings,
        request.reading().quiet() ? List.of() : assumed, read.registry(), read.analyzer());
  }
}
