package dev.logdex.core.rules;

import dev.logdex.core.schema.Schema;
import dev.logdex.core.schema.Table;
import dev.logdex.core.workload.Workload;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** A whole database with no migration tool's history table: its schema changes are applied by hand. */
public final class NoMigrationHistoryRule implements Rule {

  /** History tables of the common migration tools. */
  static final Set<String> HISTORY_TABLES = Set.of("flyway_schema_history", "schema_version", "databasechangelog",
      "schema_migrations", "django_migrations", "alembic_version", "knex_migrations", "_prisma_migrations",
      "__efmigrationshistory", "doctrine_migration_versions", "migrations", "goose_db_version",
      "ar_internal_metadata", "sequelizemeta", "mikro_orm_migrations", "typeorm_migrations");

  private static final Map<String, String> BASELINES = Map.of(
      "flyway", "flyway baseline -baselineVersion=1 -baselineDescription=\"baseline\"",
      "liquibase", "liquibase changelog-sync (after generate-changelog writes the current schema)",
      "rails", "rails db:schema:dump, then commit db/schema.rb and let migrations start from it",
      "django", "python manage.py migrate --fake-initial",
      "alembic", "alembic stamp head (after autogenerating the first revision from the current schema)",
      "knex", "knex migrate:make baseline, leave it empty, then knex migrate:latest",
      "prisma", "prisma migrate diff --from-empty --to-schema-datamodel ... then prisma migrate resolve --applied",
      "efcore", "dotnet ef migrations add Baseline, empty its Up(), then dotnet ef database update");

  private final String tool;

  public NoMigrationHistoryRule() {
    this("");
  }

  /** With the tool the project uses (flyway, liquibase, rails, django, alembic, knex, prisma, efcore). */
  public NoMigrationHistoryRule(String tool) {
    this.tool = tool.toLowerCase(Locale.ROOT);
  }

  @Override
  public String id() {
    return "no-migration-history";
  }

  @Override
  public String title() {
    return "No migration history";
  }

  @Override
  public Severity defaultSeverity() {
    return Severity.INFO;
  }

  @Override
  public String help() {
    return "A whole database (a pg_dump or mysqldump, or a live one) with no history table of any migration tool"
        + " (Flyway, Liquibase, Rails, Django, Alembic, Knex, Prisma, EF Core, ...). Its schema changes are made by"
        + " hand, so no environment is known to match another and no change can be replayed. Fix: adopt a tool"
        + " and baseline the current schema; set migration-tool in .logdex.yml to get that tool's baseline step.";
  }

  @Override
  public List<Finding> findings(Schema schema, Workload workload) {
    if (!schema.isWholeDatabase() || schema.isEmpty()) {
      return List.of(); // a partial script says nothing about the tables it leaves out
    }
    for (Table t : schema.tables()) {
      if (HISTORY_TABLES.contains(t.name().toLowerCase(Locale.ROOT))) {
        return List.of();
      }
    }
    String fix = BASELINES.containsKey(tool) ? "-- " + BASELINES.get(tool)
        : "-- set migration-tool in .logdex.yml (flyway, liquibase, rails, django, alembic, knex, prisma, efcore)"
            + " for its baseline step; with Flyway: " + BASELINES.get("flyway");
    return List.of(new Finding(id(), defaultSeverity(), "", List.of(),
        "no migration tool's history table among the " + schema.tables().size() + " tables", fix));
  }
}
