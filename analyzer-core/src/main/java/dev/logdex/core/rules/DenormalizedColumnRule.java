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
    return "denormalized-column";
  }

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

  @Override
  public List<Finding> findings(Schema schema, Workload workload) {
    List<Finding> out = new ArrayList<>();
    for (Table child : schema.tables()) {
      if (schema.hasTrigger(child.name())) {
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
        for (Column c : child.columns()) {
          String name = c.name().toLowerCase(Locale.ROOT);
          int u = name.indexOf('_');
          if (u <= 0 || c.name().equalsIgnoreCase(fkCol)) {
            continue;
          }
          String word = name.substring(0, u);
          String rest = name.substring(u + 1);
          Optional<Column> source = parent.get().column(rest);
          if (source.isEmpty() || isKey(parent.get(), source.get().name()) || !sameType(c, source.get())) {
            continue;
          }
          // The prefix must name the relation: billing_email beside user_id is not a copy of users.email.
          boolean named = word.equals(fkBase) || word.equals(parentName) || parentName.equals(word + "s")
              || parentName.equals(word + "es");
          if (!named) {
            continue;
          }
          long joins = Workloads.callsUsing(workload, child.name(),
              (a, use) -> use.kind() == UseKind.JOIN && use.column().column().equalsIgnoreCase(fkCol));
          String msg = child.name() + "." + c.name() + " copies " + parent.get().name() + "." + source.get().name()
              + " (through " + fkCol + ") and no trigger keeps it in step"
              + (joins > 0 ? "; " + Workloads.calls(joins) + " join to " + parent.get().name() + " anyway" : "");
          var d = schema.dialect();
          String fix = "-- read it through the join instead, e.g. SELECT p." + Identifiers.quote(d, source.get().name())
              + " FROM " + Identifiers.quote(d, child.name()) + " c JOIN " + Identifiers.quote(d, parent.get().name())
              + " p ON p." + Identifiers.quote(d, fk.referencedColumns().isEmpty() ? "id" : fk.referencedColumns()
                  .get(0)) + " = c." + Identifiers.quote(d, fkCol) + ";\n"
              + "ALTER TABLE " + Identifiers.quote(d, child.name()) + " DROP COLUMN " + Identifiers.quote(d, c.name())
              + ";";
          out.add(new Finding(id(), joins > 0 ? Severity.WARNING : defaultSeverity(), child.name(),
              List.of(c.name()), msg, fix));
        }
      }
    }
    return out;
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
