package dev.logdex.core.rehearse;

import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A PostgreSQL database's schema read from its own catalog, as statements in pg_dump's two halves: what the rows
 * go into (extensions, schemas, enum types, sequences, tables with their partitions, views), and what is built on
 * them (keys, checks, indexes, materialized views' rows). For a copy when pg_dump is not installed here.
 *
 * <p>Every name and literal is quoted by the server ({@code format('%I')}, {@code quote_literal}), and every
 * expression is the server's own rendering of its catalog ({@code pg_get_constraintdef}, {@code pg_get_indexdef},
 * {@code pg_get_expr}, {@code pg_get_viewdef}): no text is pasted into a statement unquoted. What this does not
 * copy (functions, triggers, rules, row security, domains and composite types, table inheritance) is refused with
 * what it found: a copy without it would measure another database.
 */
final class CatalogSchema {

  /** Statements to run before the rows. */
  final List<String> preData;
  /** Statements to run after the rows. */
  final List<String> postData;

  private CatalogSchema(List<String> preData, List<String> postData) {
    this.preData = List.copyOf(preData);
    this.postData = List.copyOf(postData);
  }

  /** User objects outside extensions, of the namespaces a user's schema lives in. */
  private static final String USER_NAMESPACE = "n.nspname NOT IN ('pg_catalog', 'information_schema')"
      + " AND n.nspname NOT LIKE 'pg\\_%'";

  private static String notExtensionMember(String oid, String catalog) {
    return "NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = '" + catalog + "'::regclass AND d.objid = "
        + oid + " AND d.deptype = 'e')";
  }

  /** Reads the schema of the database {@code source} is connected to. */
  static CatalogSchema read(Connection source) throws SQLException, IOException {
    refuseWhatItCannotCopy(source);
    List<String> pre = new ArrayList<>();
    List<String> post = new ArrayList<>();
    pre.addAll(strings(source, "SELECT format('CREATE SCHEMA IF NOT EXISTS %I', n.nspname) FROM pg_namespace n"
        + " WHERE " + USER_NAMESPACE + " AND n.nspname <> 'public' ORDER BY n.nspname"));
    pre.addAll(strings(source, "SELECT format('CREATE EXTENSION IF NOT EXISTS %I WITH SCHEMA %I', e.extname,"
        + " n.nspname) FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace"
        + " WHERE e.extname <> 'plpgsql' ORDER BY e.extname"));
    pre.addAll(strings(source, "SELECT format('CREATE TYPE %I.%I AS ENUM (%s)', n.nspname, t.typname,"
        + " (SELECT string_agg(quote_literal(e.enumlabel), ', ' ORDER BY e.enumsortorder) FROM pg_enum e"
        + " WHERE e.enumtypid = t.oid)) FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace"
        + " WHERE t.typtype = 'e' AND " + USER_NAMESPACE + " AND " + notExtensionMember("t.oid", "pg_type")
        + " ORDER BY n.nspname, t.typname"));
    // Sequences of serial columns and standalone ones; an identity column's own comes with its table.
    pre.addAll(strings(source, "SELECT format('CREATE SEQUENCE %I.%I AS %s INCREMENT BY %s MINVALUE %s MAXVALUE %s"
        + " START WITH %s%s', s.schemaname, s.sequencename, s.data_type, s.increment_by, s.min_value, s.max_value,"
        + " s.start_value, CASE WHEN s.cycle THEN ' CYCLE' ELSE '' END) FROM pg_sequences s"
        + " JOIN pg_namespace n ON n.nspname = s.schemaname JOIN pg_class c ON c.relnamespace = n.oid"
        + " AND c.relname = s.sequencename WHERE " + USER_NAMESPACE
        + " AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype IN ('i', 'e'))"
        + " ORDER BY 1"));
    pre.addAll(tables(source));
    pre.addAll(views(source));
    // After the rows: keys and unique constraints before the foreign keys that need them.
    // A constraint of a partitioned table is added to it whole, which adds it to every partition; the partitions'
    // own copies of it (conparentid, coninhcount) are not added again.
    String constraint = "SELECT format('ALTER TABLE %I.%I ADD CONSTRAINT %I %s', n.nspname, c.relname, k.conname,"
        + " pg_get_constraintdef(k.oid)) FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid"
        + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE " + USER_NAMESPACE + " AND k.conparentid = 0"
        + " AND k.coninhcount = 0 AND k.contype ";
    post.addAll(strings(source, constraint + "IN ('p', 'u', 'x', 'c')"
        + " ORDER BY CASE k.contype WHEN 'p' THEN 0 WHEN 'u' THEN 1 WHEN 'x' THEN 2 ELSE 3 END, n.nspname,"
        + " c.relname, k.conname"));
    // Indexes as the catalog has them: a partitioned table's on it alone (ON ONLY), each partition's of its own,
    // then each attached to its parent index, as pg_dump does.
    String indexes = " FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace n ON n.oid ="
        + " c.relnamespace WHERE " + USER_NAMESPACE + " AND NOT EXISTS (SELECT 1 FROM pg_constraint k"
        + " WHERE k.conindid = i.indexrelid AND k.contype IN ('p', 'u', 'x')) AND "
        + notExtensionMember("c.oid", "pg_class");
    post.addAll(strings(source, "SELECT pg_get_indexdef(i.indexrelid)" + indexes + " ORDER BY i.indexrelid"));
    post.addAll(strings(source, "SELECT format('ALTER INDEX %I.%I ATTACH PARTITION %I.%I', pn.nspname, p.relname,"
        + " n.nspname, x.relname)" + indexes.replace("FROM pg_index i", "FROM pg_index i JOIN pg_class x ON x.oid ="
        + " i.indexrelid JOIN pg_inherits h ON h.inhrelid = i.indexrelid JOIN pg_class p ON p.oid = h.inhparent"
        + " JOIN pg_namespace pn ON pn.oid = p.relnamespace") + " ORDER BY i.indexrelid"));
    post.addAll(strings(source, constraint + "= 'f' ORDER BY n.nspname, c.relname, k.conname"));
    post.addAll(strings(source, "SELECT format('REFRESH MATERIALIZED VIEW %I.%I', n.nspname, c.relname)"
        + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = 'm' AND "
        + USER_NAMESPACE + " ORDER BY c.oid"));
    return new CatalogSchema(pre, post);
  }

  /**
   * Every table, a partitioned one before its partitions: columns with their types, collations, defaults,
   * NOT NULL, identity and generated expressions; a partition by its bound.
   */
  private static List<String> tables(Connection source) throws SQLException {
    Map<Long, String> statements = new LinkedHashMap<>();
    Map<Long, Long> parentOf = new LinkedHashMap<>();
    try (Statement st = source.createStatement(); ResultSet rs = st.executeQuery("SELECT c.oid,"
        + " format('CREATE %sTABLE %I.%I ', CASE c.relpersistence WHEN 'u' THEN 'UNLOGGED ' ELSE '' END,"
        + " n.nspname, c.relname)"
        + " || CASE WHEN c.relispartition THEN format('PARTITION OF %I.%I %s', pn.nspname, p.relname,"
        + "   pg_get_expr(c.relpartbound, c.oid))"
        + "   ELSE '(' || COALESCE((SELECT string_agg(format('%I %s', a.attname, format_type(a.atttypid, a.atttypmod))"
        + "     || CASE WHEN a.attcollation <> t.typcollation AND a.attcollation <> 0 THEN"
        + "       (SELECT format(' COLLATE %I.%I', cn.nspname, co.collname) FROM pg_collation co"
        + "        JOIN pg_namespace cn ON cn.oid = co.collnamespace WHERE co.oid = a.attcollation) ELSE '' END"
        + "     || CASE WHEN a.attgenerated = 's' THEN format(' GENERATED ALWAYS AS (%s) STORED',"
        + "       pg_get_expr(ad.adbin, ad.adrelid))"
        + "       WHEN a.attidentity = 'a' THEN ' GENERATED ALWAYS AS IDENTITY'"
        + "       WHEN a.attidentity = 'd' THEN ' GENERATED BY DEFAULT AS IDENTITY'"
        + "       WHEN ad.adbin IS NOT NULL THEN ' DEFAULT ' || pg_get_expr(ad.adbin, ad.adrelid) ELSE '' END"
        + "     || CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE '' END, ', ' ORDER BY a.attnum)"
        + "     FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid"
        + "     LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum"
        + "     WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped), '') || ')' END"
        + " || CASE WHEN c.relkind = 'p' THEN ' PARTITION BY ' || pg_get_partkeydef(c.oid) ELSE '' END,"
        + " COALESCE(p.oid, 0)"
        + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
        + " LEFT JOIN pg_inherits h ON h.inhrelid = c.oid AND c.relispartition"
        + " LEFT JOIN pg_class p ON p.oid = h.inhparent LEFT JOIN pg_namespace pn ON pn.oid = p.relnamespace"
        + " WHERE c.relkind IN ('r', 'p') AND " + USER_NAMESPACE + " AND " + notExtensionMember("c.oid", "pg_class")
        + " ORDER BY c.oid")) {
      while (rs.next()) {
        statements.put(rs.getLong(1), rs.getString(2));
        parentOf.put(rs.getLong(1), rs.getLong(3));
      }
    }
    List<String> out = new ArrayList<>();
    java.util.Set<Long> made = new java.util.HashSet<>();
    while (made.size() < statements.size()) {
      int before = made.size();
      for (Map.Entry<Long, String> e : statements.entrySet()) {
        long parent = parentOf.get(e.getKey());
        if (!made.contains(e.getKey()) && (parent == 0 || made.contains(parent))) {
          out.add(e.getValue());
          made.add(e.getKey());
        }
      }
      if (made.size() == before) {
        throw new SQLException("a partition whose parent table is not in the catalog read");
      }
    }
    return out;
  }

  /** Views and materialized views (without their rows, which come after), in the order they were made. */
  private static List<String> views(Connection source) throws SQLException {
    return strings(source, "SELECT format('CREATE %sVIEW %I.%I AS %s%s', CASE c.relkind WHEN 'm' THEN"
        + " 'MATERIALIZED ' ELSE '' END, n.nspname, c.relname, rtrim(pg_get_viewdef(c.oid), ';'),"
        + " CASE c.relkind WHEN 'm' THEN ' WITH NO DATA' ELSE '' END) FROM pg_class c"
        + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('v', 'm') AND " + USER_NAMESPACE
        + " AND " + notExtensionMember("c.oid", "pg_class") + " ORDER BY c.oid");
  }

  /** Fails naming the objects of the source that a copy from the catalog would leave out. */
  private static void refuseWhatItCannotCopy(Connection source) throws SQLException, IOException {
    List<String> found = strings(source, "SELECT what FROM ("
        + " SELECT format('%s function(s) or procedure(s)', count(*)) AS what, count(*) AS n FROM pg_proc p"
        + "   JOIN pg_namespace n ON n.oid = p.pronamespace WHERE " + USER_NAMESPACE + " AND "
        + notExtensionMember("p.oid", "pg_proc")
        + " UNION ALL SELECT format('%s trigger(s)', count(*)), count(*) FROM pg_trigger g"
        + "   JOIN pg_class c ON c.oid = g.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
        + "   WHERE NOT g.tgisinternal AND " + USER_NAMESPACE
        + " UNION ALL SELECT format('%s rule(s)', count(*)), count(*) FROM pg_rewrite r"
        + "   JOIN pg_class c ON c.oid = r.ev_class JOIN pg_namespace n ON n.oid = c.relnamespace"
        + "   WHERE r.rulename <> '_RETURN' AND " + USER_NAMESPACE
        + " UNION ALL SELECT format('%s row security polic(ies)', count(*)), count(*) FROM pg_policy"
        + " UNION ALL SELECT format('%s domain or composite type(s)', count(*)), count(*) FROM pg_type t"
        + "   JOIN pg_namespace n ON n.oid = t.typnamespace WHERE " + USER_NAMESPACE + " AND (t.typtype = 'd'"
        + "   OR t.typtype = 'c' AND (SELECT relkind FROM pg_class WHERE oid = t.typrelid) = 'c') AND "
        + notExtensionMember("t.oid", "pg_type")
        + " UNION ALL SELECT format('%s table(s) inheriting from another', count(*)), count(*) FROM pg_inherits h"
        + "   JOIN pg_class c ON c.oid = h.inhrelid WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition"
        + " ) x WHERE n > 0");
    if (!found.isEmpty()) {
      throw new IOException("the source has " + String.join(", ", found) + ", which only pg_dump copies: install "
          + "pg_dump and pg_restore here (the server's version or later), or let logdex copy it as a template by "
          + "closing the other sessions on it");
    }
  }

  private static List<String> strings(Connection c, String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }
}
