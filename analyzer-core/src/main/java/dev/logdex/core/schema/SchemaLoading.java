package dev.logdex.core.schema;

import dev.logdex.core.model.Dialect;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Loads the schema from its source in the dialect the inputs agree on, and says what was assumed: the dialect is
 * the database's when there is one, else the one the schema file says, else the logs', else {@code --dialect}'s,
 * else PostgreSQL's; when these disagree, or nothing says, a warning names what was taken.
 */
public final class SchemaLoading {
  private SchemaLoading() {}

  /**
   * The schema and what was said about it.
   *
   * @param given false when no schema was given at all ({@link SchemaSource.None})
   * @param assumptions what was assumed (the dialect, when the inputs disagree or none says), one line each
   * @param unread the schema's statements that could not be read: {@code file:line: reason}
   */
  public record Loaded(Schema schema, boolean given, List<String> assumptions, List<String> unread) {
    public Loaded {
      assumptions = List.copyOf(assumptions);
      unread = List.copyOf(unread);
    }
  }

  /**
   * Loads {@code source}.
   *
   * @param forced the dialect the user gave, if any
   * @param logsSay the dialect each log's format says (a slow log: MySQL; a csvlog: PostgreSQL), one per log
   * @throws SchemaException the file cannot be read, holds no table, or the database's catalog cannot be read
   */
  public static Loaded load(SchemaSource source, Optional<Dialect> forced, List<Dialect> logsSay)
      throws SchemaException {
    List<String> warnings = new ArrayList<>();
    List<Dialect> logs = logsSay.stream().distinct().toList();
    if (source instanceof SchemaSource.Live live) {
      Schema schema;
      try {
        schema = JdbcSchemaLoader.load(live.connection());
      } catch (SQLException e) {
        throw new SchemaException(live.name() + ": cannot read the catalog: "
            + (e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("")), e);
      }
      forced.filter(d -> d != schema.dialect()).ifPresent(d -> warnings.add("--dialect " + d.label()
          + " is not what the database is: " + live.name() + " is " + schema.dialect().label() + ", which is used"));
      logs.stream().filter(d -> d != schema.dialect()).findFirst().ifPresent(d -> warnings.add("the logs come from "
          + d.label() + " but the database is " + schema.dialect().label() + ": are they from another server?"));
      return new Loaded(schema, true, warnings, List.of());
    }
    if (source instanceof SchemaSource.DdlFile file) {
      List<DdlSchemaLoader.Text> texts = new ArrayList<>();
      for (java.nio.file.Path f : file.files()) {
        texts.add(new DdlSchemaLoader.Text(DdlSchemaLoader.read(f), f.toString()));
      }
      String all = String.join("\n", texts.stream().map(DdlSchemaLoader.Text::ddl).toList());
      Dialect dialect = choose(forced, DdlSchemaLoader.saidDialect(all), (file.files().size() == 1
          ? "the schema file " : "the schema files ") + file.names(), logs, warnings);
      DdlSchemaLoader.Result loaded = new DdlSchemaLoader(Optional.of(dialect)).load(texts);
      if (loaded.schema().isEmpty()) {
        throw new SchemaException(file.names() + ": no CREATE TABLE statement found; is this a schema dump?");
      }
      return new Loaded(loaded.schema(), true, warnings, loaded.warnings());
    }
    Dialect dialect = choose(forced, Optional.empty(), "", logs, warnings);
    return new Loaded(Schema.none(dialect), false, warnings, List.of());
  }

  /** The dialect to read everything in; a warning for each disagreement, and when nothing says. */
  static Dialect choose(Optional<Dialect> forced, Optional<Dialect> schemaSays, String schemaName,
      List<Dialect> logsSay, List<String> warnings) {
    if (logsSay.size() > 1) {
      warnings.add("the logs come from both PostgreSQL and MySQL; each is fingerprinted in its own dialect, "
          + "but one schema and one DDL dialect serve them all");
    }
    Optional<Dialect> logs = logsSay.size() == 1 ? Optional.of(logsSay.get(0)) : Optional.empty();
    if (forced.isPresent()) {
      Dialect d = forced.get();
      schemaSays.filter(s -> s != d).ifPresent(s -> warnings.add("--dialect " + d.label() + " is used, though "
          + schemaName + " reads as " + s.label()));
      logs.filter(s -> s != d).ifPresent(s -> warnings.add("--dialect " + d.label() + " is used, though the logs "
          + "come from " + s.label()));
      return d;
    }
    if (schemaSays.isPresent()) {
      Dialect d = schemaSays.get();
      logs.filter(s -> s != d).ifPresent(s -> warnings.add(schemaName + " reads as " + d.label() + " but the logs "
          + "come from " + s.label() + "; DDL is written for " + d.label() + " (give --dialect to choose)"));
      return d;
    }
    if (logs.isPresent()) {
      return logs.get();
    }
    warnings.add((schemaName.isEmpty() ? "the logs do not say" : "neither " + schemaName + " nor the logs say")
        + " which database they come from: assumed postgresql (give --dialect mysql if it is MySQL or MariaDB)");
    return Dialect.POSTGRESQL;
  }
}
