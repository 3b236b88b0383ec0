package dev.logdex.core.rules;

import dev.logdex.core.dialect.Identifiers;
import dev.logdex.core.model.UseKind;
import dev.logdex.core.schema.Column;
import dev.logdex.core.schema.ForeignKey;
import dev.logdex.core.schema.Schema;
import dev.logdex.core.schema.Table;
import dev.logdex.core.workload.Workload;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A column that copies a column of the table its foreign key references ({@code orders.customer_email} beside
 * {@code orders.customer_id -> users.email}), with no trigger keeping it in step.
 */
public final class DenormalizedColumnRule implements Rule {

  @Override
  public String id() {
    return ID;
  }

  /** The rule's id, for what must recognise its findings (the live evidence). */
  public static final String ID = "denormalized-column";

  @Override
  public String title() {
    return "Copy of a parent's column";
  }

  @Override
  public Severity defaultSeverity() {
    return Severity.INFO;
  }

  @Override
  public String help() {
    return "A column named <word>_<column> that copies a column of the table its foreign key references, of the"
        + " same type, where <word> names the relation (customer_email beside customer_id, or the parent's name)."
        + " The copy goes stale when the parent changes, and"
        + " nothing in the schema keeps it in step: no trigger on the table. Queries that join to the parent"
        + " anyway make it pure cost. Fix: read the value through the join and drop the copy; if it is a"
        + " deliberate snapshot (the email at the time of the order), say so in a column comment and suppress.";
  }

  /**
   * A column that copies a parent's column.
   *
   * @param child the table with the copy
   * @param column the copy
   * @param foreignKey the child's column that references the parent
   * @param parent the referenced table
   * @param parentKey the parent's referenced column
   * @param source the parent's column it copies
   */
  public record Copy(String child, String column, String foreignKey, String parent, String parentKey,
      String source, String childSchema, String parentSchema) {
    /** A copy between tables of the default schema. */
    public Copy(String child, String column, String foreignKey, String parent, String parentKey, String source) {
      this(child, column, foreignKey, parent, parentKey, source, "", "");
    }
  }

  /** Every copy in {@code schema}, whatever the workload. */
  public static List<Copy> copies(Schema schema) {
    List<Copy> out = new ArrayList<>();
    for (Table child : schema.tables()) {
      if (schema.hasTrigger(child.qualifiedName())) {
        continue; // a trigger may well keep the copy in step
      }
      for (ForeignKey fk : child.foreignKeys()) {
        Optional<Table> parent = schema.table(fk.referencedTable());
        if (fk.columns().size() != 1 || parent.isEmpty() || parent.get() == child) {
          continue;
        }
        String fkCol = fk.columns().get(0);
        String fkBase = fkCol.toLowerCase(Locale.ROOT).replaceAll("_?id$", "");
        String parentName = parent.get().name().toLowerCase(Locale.ROOT);
        String parentKey = fk.referencedColumns().isEmpty() ? "id" : fk.referencedColumns().get(0);
        for (Column c : child.columns()) {
          String name = c.name().toLowerCase(Locale.ROOT);
          int u = name.indexOf('_');
          if (u <= 0 || c.name().equalsIgnoreCase(fkCol)) {
            continue;
          }
          String word = name.substring(0, u);
          Optional<Column> source = parent.get().column(name.substring(u + 1));
          if (source.isEmpty() || isKey(parent.get(), source.get().name()) || !sameType(c, source.get())) {
            continue;
          }
          // The prefix must name the relation: billing_email beside user_id is not a copy of users.email.
          boolean named = word.equals(fkBase) || word.equals(parentName) || parentName.equals(word + "s")
              || parentName.equals(word + "es");
          if (named) {
            out.add(new Copy(child.name(), c.name(), fkCol, parent.get().name(), parentKey, source.get().name(),
                child.schema(), parent.get().schema()));
          }
        }
      }
    }
    return out;
  }

  @Override
  public List<Finding> findings(Schema schema, Workload workload) {
    List<Finding> out = new ArrayList<>();
    var d = schema.dialect();
    for (Copy copy : copies(schema)) {
      long joins = Workloads.callsUsing(workload, copy.child(),
          (a, use) -> use.kind() == UseKind.JOIN && use.column().column().equalsIgnoreCase(copy.foreignKey()));
      String msg = copy.child() + "." + copy.column() + " copies " + copy.parent() + "." + copy.source()
          + " (through " + copy.foreignKey() + ") and no trigger keeps it in step"
          + (joins > 0 ? "; " + Workloads.calls(joins) + " join to " + copy.parent() + " anyway" : "");
      String fix = "-- read it through the join instead, e.g. SELECT p." + Identifiers.quote(d, copy.source())
          + " FROM " + Identifiers.quote(d, copy.child()) + " c JOIN " + Identifiers.quote(d, copy.parent())
          + " p ON p." + Identifiers.quote(d, copy.parentKey()) + " = c." + Identifiers.quote(d, copy.foreignKey())
          + ";\nALTER TABLE " + Identifiers.quote(d, copy.child()) + " DROP COLUMN "
          + Identifiers.quote(d, copy.column()) + ";";
      out.add(new Finding(id(), joins > 0 ? Severity.WARNING : defaultSeverity(), copy.child(),
          List.of(copy.column()), msg, fix));
    }
    return out;
  }

  /** The query that counts the rows where the copy disagrees with its source (NULLs compared as values). */
  public static String disagreementQuery(dev.logdex.core.model.Dialect d, Copy copy) {
    String c = "c." + Identifiers.quote(d, copy.column());
    String p = "p." + Identifiers.quote(d, copy.source());
    String differs = d == dev.logdex.core.model.Dialect.MYSQL ? "NOT (" + c + " <=> " + p + ")"
        : c + " IS DISTINCT FROM " + p;
    return "SELECT count(*) FROM " + Identifiers.qualified(d, copy.childSchema(), copy.child()) + " c JOIN "
        + Identifiers.qualified(d, copy.parentSchema(), copy.parent()) + " p ON p." + Identifiers.quote(d, copy.parentKey()) + " = c."
        + Identifiers.quote(d, copy.foreignKey()) + " WHERE " + differs;
  }

  private static boolean sameType(Column a, Column b) {
    return base(a.type()).equals(base(b.type()));
  }

  private static String base(String type) {
    String t = type.toLowerCase(Locale.ROOT);
    int p = t.indexOf('(');
    t = (p < 0 ? t : t.substring(0, p)).trim();
    return switch (t) {
      case "character varying", "varchar", "text", "char", "character", "bpchar", "citext" -> "text";
      default -> t;
    };
  }

  private static boolean isKey(Table t, String column) {
    return t.primaryKey().map(pk -> pk.keys().size() == 1 && pk.column(0).equalsIgnoreCase(column)).orElse(false);
  }
}
