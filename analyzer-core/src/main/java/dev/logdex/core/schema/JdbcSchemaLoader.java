package dev.logdex.core.schema;

import dev.logdex.core.model.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the schema of a live PostgreSQL or MySQL/MariaDB database from its catalog: tables with row estimates,
 * columns, indexes (partial and expression ones too), primary and foreign keys, triggers, and on PostgreSQL the
 * index use statistics. Only reads: the caller's connection should be read-only (see {@link #prepare}).
 */
public final class JdbcSchemaLoader {
  private JdbcSchemaLoader() {}

  /** The dialect of the database behind {@code c}. */
  public static Dialect dialectOf(Connection c) throws SQLException {
    String product = c.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT);
    return product.contains("postgres") ? Dialect.POSTGRESQL : Dialect.MYSQL;
  }

  /** Makes the session read-only with a statement timeout, so that nothing logdex runs can write or hang. */
  public static void prepare(Connection c, int timeoutSeconds) throws SQLException {
    c.setReadOnly(true);
    try (Statement st = c.createStatement()) {
      if (dialectOf(c) == Dialect.POSTGRESQL) {
        st.execute("SET statement_timeout = '" + timeoutSeconds + "s'");
        st.execute("SET default_transaction_read_only = on");
      } else {
        st.execute("SET SESSION max_statement_time = " + timeoutSeconds);
        st.execute("SET SESSION TRANSACTION READ ONLY");
      }
    }
  }

  /** Loads the schema of the database {@code c} is connected to. */
  public static Schema load(Connection c) throws SQLException {
    return dialectOf(c) == Dialect.POSTGRESQL ? postgres(c) : mysql(c);
  }

  private static Schema postgres(Connection c) throws SQLException {
    SchemaBuilder b = new SchemaBuilder(Dialect.POSTGRESQL);
    b.wholeDatabase = true;
    String userTables = "n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'"
        + " AND n.nspname NOT LIKE 'pg_temp%'";
    try (Statement st = c.createStatement()) {
      try (ResultSet rs = st.executeQuery("SELECT n.nspname, c.relname, c.reltuples::bigint FROM pg_class c"
          + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition"
          + " AND " + userTables + " ORDER BY n.nspname, c.relname")) {
        while (rs.next()) {
          b.add(rs.getString(1), rs.getString(2), Math.max(-1, rs.getLong(3)));
        }
      }
      try (ResultSet rs = st.executeQuery("SELECT CASE WHEN n.nspname = 'public' THEN c.relname ELSE n.nspname || '.' || c.relname END, pg_get_partkeydef(c.oid) FROM pg_class c"
          + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = 'p' AND NOT c.relispartition AND "
          + userTables)) {
        while (rs.next()) {
          SchemaBuilder.TableBuilder t = b.exact(rs.getString(1));
          if (t != null) {
            t.partitionKey.addAll(partitionKeys(rs.getString(2)));
          }
        }
      }
      partitions(st, b);
      try (ResultSet rs = st.executeQuery("SELECT CASE WHEN n.nspname = 'public' THEN c.relname ELSE n.nspname || '.' || c.relname END, a.attname,"
          + " format_type(a.atttypid, a.atttypmod),"
          + " NOT a.attnotnull FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON"
          + " n.oid = c.relnamespace WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p') AND "
          + userTables + " ORDER BY n.nspname, c.relname, a.attnum")) {
        while (rs.next()) {
          List<Column> cols = columns(b, rs.getString(1));
          if (cols != null) {
            cols.add(new Column(rs.getString(2), rs.getString(3), rs.getBoolean(4)));
          }
        }
      }
      // n_distinct: a count, or minus the fraction of rows when the count grows with the table.
      // null_frac and most_common_freqs give the expected match of an equality, which skew makes far larger than
      // 1/n_distinct.
      try (ResultSet rs = st.executeQuery("SELECT CASE WHEN s.schemaname = 'public' THEN s.tablename"
          + " ELSE s.schemaname || '.' || s.tablename END, s.attname, s.n_distinct, c.reltuples, s.null_frac,"
          + " s.most_common_freqs FROM pg_stats s"
          + " JOIN pg_namespace n ON n.nspname = s.schemaname JOIN pg_class c ON c.relname = s.tablename"
          + " AND c.relnamespace = n.oid WHERE " + userTables)) {
        while (rs.next()) {
          double nd = rs.getDouble(3);
          double rows = Math.max(0, rs.getDouble(4));
          double distinct = nd >= 0 ? nd : -nd * rows;
          java.sql.Array mcf = rs.getArray(6);
          double[] freqs = new double[0];
          if (mcf != null) {
            Object[] values = (Object[]) mcf.getArray();
            freqs = new double[values.length];
            for (int i = 0; i < values.length; i++) {
              freqs[i] = ((Number) values[i]).doubleValue();
            }
          }
          double match = distinct > 0 ? Column.equalityMatch(rs.getDouble(5), freqs, distinct) : -1;
          withStatistics(b, rs.getString(1), rs.getString(2), distinct, match);
        }
      }
      // One row per key part: its definition, whether it is a plain column (attnum <> 0), and its direction.
      try (ResultSet rs = st.executeQuery("SELECT CASE WHEN n.nspname = 'public' THEN t.relname ELSE n.nspname || '.' || t.relname END, i.relname,"
          + " x.indisunique, x.indisprimary, am.amname,"
          + " coalesce(pg_get_expr(x.indpred, x.indrelid, true), ''), k.n,"
          + " pg_get_indexdef(x.indexrelid, k.n, true), x.indkey[k.n - 1] <> 0,"
          + " (x.indoption[k.n - 1] & 1) = 1,"
          + " (SELECT opc.opcname FROM pg_opclass opc WHERE opc.oid = x.indclass[k.n - 1])"
          + " FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid"
          + " JOIN pg_namespace n ON n.oid = t.relnamespace JOIN pg_am am ON am.oid = i.relam"
          + " CROSS JOIN LATERAL generate_series(1, x.indnkeyatts) AS k(n)"
          + " WHERE " + userTables + " ORDER BY n.nspname, t.relname, i.relname, k.n")) {
        String current = null;
        String[] row = null;
        List<String> keys = new ArrayList<>();
        while (rs.next()) {
          String id = rs.getString(1) + "." + rs.getString(2);
          if (!id.equals(current)) {
            addIndex(b, row, keys);
            current = id;
            row = new String[] {rs.getString(1), rs.getString(2), String.valueOf(rs.getBoolean(3)),
                String.valueOf(rs.getBoolean(4)), rs.getString(5), rs.getString(6)};
            keys = new ArrayList<>();
          }
          String def = rs.getString(8);
          boolean plain = rs.getBoolean(9);
          String key = plain ? unquote(def) : "(" + def + ")";
          String opclass = rs.getString(11);
          if (opclass != null && dev.logdex.core.dialect.PatternKey.CLASSES.contains(opclass)) {
            key += " " + opclass; // it serves LIKE prefixes, not ORDER BY: not the plain column's index
          }
          keys.add(plain && rs.getBoolean(10) ? key + " DESC" : key);
        }
        addIndex(b, row, keys);
      }
      try (ResultSet rs = st.executeQuery("SELECT CASE WHEN n.nspname = 'public' THEN t.relname ELSE n.nspname || '.' || t.relname END, con.conname,"
          + " CASE WHEN pn.nspname = 'public' THEN p.relname ELSE pn.nspname || '.' || p.relname END, con.confdeltype,"
          + " (SELECT array_agg(a.attname ORDER BY k.i) FROM unnest(con.conkey) WITH ORDINALITY k(att, i)"
          + "   JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.att),"
          + " (SELECT array_agg(a.attname ORDER BY k.i) FROM unnest(con.confkey) WITH ORDINALITY k(att, i)"
          + "   JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.att)"
          + " FROM pg_constraint con JOIN pg_class t ON t.oid = con.conrelid JOIN pg_class p ON p.oid = con.confrelid"
          + " JOIN pg_namespace pn ON pn.oid = p.relnamespace"
          + " JOIN pg_namespace n ON n.oid = t.relnamespace WHERE con.contype = 'f' AND " + userTables
          + " ORDER BY n.nspname, t.relname, con.conname")) {
        while (rs.next()) {
          List<ForeignKey> list = foreignKeys(b, rs.getString(1));
          if (list != null) {
            list.add(new ForeignKey(rs.getString(2), rs.getString(1), strings(rs, 5), rs.getString(3),
                strings(rs, 6), postgresAction(rs.getString(4))));
          }
        }
      }
      try (ResultSet rs = st.executeQuery("SELECT DISTINCT CASE WHEN n.nspname = 'public' THEN c.relname ELSE n.nspname || '.' || c.relname END FROM pg_trigger tg JOIN pg_class c ON"
          + " c.oid = tg.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE NOT tg.tgisinternal AND "
          + userTables)) {
        while (rs.next()) {
          b.triggers.add(rs.getString(1));
        }
      }
      // The counts run from the last reset of the database's statistics, or, never reset, at least from the
      // server's start (PostgreSQL 15 keeps them over a clean restart: the start is the safe, shorter guess).
      try (ResultSet rs = st.executeQuery("WITH since AS (SELECT coalesce((SELECT stats_reset FROM pg_stat_database"
          + " WHERE datname = current_database()), pg_postmaster_start_time()) AS t)"
          + " SELECT CASE WHEN s.schemaname = 'public' THEN s.relname ELSE s.schemaname || '.' || s.relname END,"
          + " s.indexrelname, s.idx_scan, pg_relation_size(s.indexrelid),"
          + " (SELECT t FROM since)::text, extract(epoch FROM now() - (SELECT t FROM since)) / 86400"
          + " FROM pg_stat_user_indexes s"
          // A partitioned table's index is scanned through its partitions' indexes, which the statistics count
          // (on a leaf partition, as a table logdex does not list): its use is theirs, summed down the tree.
          + " UNION ALL SELECT CASE WHEN n.nspname = 'public' THEN t.relname ELSE n.nspname || '.' || t.relname END,"
          + " i.relname, (SELECT coalesce(sum(s.idx_scan), 0) FROM pg_partition_tree(i.oid) p"
          + " JOIN pg_stat_user_indexes s ON s.indexrelid = p.relid)::bigint,"
          + " (SELECT coalesce(sum(pg_relation_size(p.relid)), 0) FROM pg_partition_tree(i.oid) p)::bigint,"
          + " (SELECT t FROM since)::text, extract(epoch FROM now() - (SELECT t FROM since)) / 86400"
          + " FROM pg_class i JOIN pg_index x ON x.indexrelid = i.oid JOIN pg_class t ON t.oid = x.indrelid"
          + " JOIN pg_namespace n ON n.oid = t.relnamespace WHERE i.relkind = 'I' AND NOT t.relispartition AND "
          + userTables)) {
        while (rs.next()) {
          b.usage.add(new IndexUsage(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4),
              rs.getString(5), rs.getDouble(6)));
        }
      }
    }
    return b.build(false);
  }

  /**
   * MariaDB's engine-independent statistics, where {@code ANALYZE TABLE ... PERSISTENT FOR ...} collected them: for
   * any column, indexed or not, the average number of rows that share a value, and the share of NULLs. From them,
   * the column's distinct values and the fraction of rows an equality matches, which without them are known only
   * for an index's first column (its cardinality). None are collected by default, MySQL has no such table, and a
   * login may not read it: then there are none, and nothing is said.
   */
  private static void columnStatistics(Connection c, SchemaBuilder b, String db) {
    try (PreparedStatement ps = c.prepareStatement("SELECT table_name, column_name, avg_frequency,"
        + " COALESCE(nulls_ratio, 0) FROM mysql.column_stats WHERE db_name = ? AND avg_frequency > 0")) {
      ps.setString(1, db);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          SchemaBuilder.TableBuilder t = b.exact(rs.getString(1));
          if (t != null && t.rows > 0) {
            double perValue = rs.getDouble(3); // rows per value, among the rows that are not NULL
            double nonNull = 1 - rs.getDouble(4);
            double distinct = Math.max(1, t.rows * nonNull / perValue);
            // a value drawn as the rows' are: NULL (matching nothing) as often as the rows are NULL
            withStatistics(b, rs.getString(1), rs.getString(2), distinct, Math.min(1, nonNull * perValue / t.rows));
          }
        }
      }
    } catch (SQLException e) {
      // no mysql.column_stats (MySQL), or no right to read it: the indexes' cardinalities are all there is
    }
  }

  private static void withStatistics(SchemaBuilder b, String table, String column, double distinct, double match) {
    List<Column> cols = columns(b, table);
    if (cols == null) {
      return;
    }
    for (int i = 0; i < cols.size(); i++) {
      Column c = cols.get(i);
      if (c.name().equals(column)) {
        cols.set(i, new Column(c.name(), c.type(), c.nullable(), distinct, match));
      }
    }
  }

  private static void addIndex(SchemaBuilder b, String[] row, List<String> keys) {
    if (row == null || b.exact(row[0]) == null) {
      return;
    }
    b.exact(row[0]).indexes.add(new Index(row[1], row[0], keys, Boolean.parseBoolean(row[2]),
        Boolean.parseBoolean(row[3]), row[4], row[5], false));
  }

  private static List<String> strings(ResultSet rs, int col) throws SQLException {
    java.sql.Array a = rs.getArray(col);
    if (a == null) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (Object o : (Object[]) a.getArray()) {
      out.add(String.valueOf(o));
    }
    return out;
  }

  private static String postgresAction(String code) {
    return switch (code) {
      case "c" -> "CASCADE";
      case "n" -> "SET NULL";
      case "d" -> "SET DEFAULT";
      case "r" -> "RESTRICT";
      default -> ""; // 'a': NO ACTION, the default
    };
  }

  /** pg_get_indexdef quotes a column name only where it must; the catalog keeps it as the database stores it. */
  private static String unquote(String s) {
    return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")
        ? s.substring(1, s.length() - 1).replace("\"\"", "\"") : s;
  }

  private static Schema mysql(Connection c) throws SQLException {
    SchemaBuilder b = new SchemaBuilder(Dialect.MYSQL);
    b.wholeDatabase = true;
    String db;
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT DATABASE()")) {
      rs.next();
      db = rs.getString(1);
    }
    if (db == null) {
      throw new SQLException("no database selected: give one in the URL, e.g. jdbc:mariadb://host:3306/shop");
    }
    b.database = db;
    try (PreparedStatement ps = c.prepareStatement("SELECT TABLE_NAME, COALESCE(TABLE_ROWS, -1) FROM"
        + " information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_NAME")) {
      ps.setString(1, db);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          b.add("", rs.getString(1), rs.getLong(2));
        }
      }
    }
    // A partitioned table's keys must hold the columns of its partitioning function.
    try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT TABLE_NAME, PARTITION_EXPRESSION FROM"
        + " information_schema.PARTITIONS WHERE TABLE_SCHEMA = ? AND PARTITION_EXPRESSION IS NOT NULL")) {
      ps.setString(1, db);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          SchemaBuilder.TableBuilder t = b.exact(rs.getString(1));
          if (t != null && t.partitionKey.isEmpty()) {
            t.partitionKey.add(rs.getString(2));
          }
        }
      }
    }
    try (PreparedStatement ps = c.prepareStatement("SELECT TABLE_NAME, COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE FROM"
        + " information_schema.COLUMNS WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME, ORDINAL_POSITION")) {
      ps.setString(1, db);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          List<Column> cols = columns(b, rs.getString(1));
          if (cols != null) {
            cols.add(new Column(rs.getString(2), rs.getString(3).toLowerCase(java.util.Locale.ROOT),
                rs.getString(4).equals("YES")));
          }
        }
      }
    }
    // The cardinality of an index's first column is the database's estimate of its distinct values.
    try (PreparedStatement ps = c.prepareStatement("SELECT TABLE_NAME, COLUMN_NAME, MAX(CARDINALITY) FROM"
        + " information_schema.STATISTICS WHERE TABLE_SCHEMA = ? AND SEQ_IN_INDEX = 1 AND CARDINALITY IS NOT NULL"
        + " GROUP BY TABLE_NAME, COLUMN_NAME")) {
      ps.setString(1, db);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          withStatistics(b, rs.getString(1), rs.getString(2), rs.getDouble(3), -1);
        }
      }
    }
    columnStatistics(c, b, db);
    try (PreparedStatement ps = c.prepareStatement("SELECT TABLE_NAME, INDEX_NAME, NON_UNIQUE, INDEX_TYPE,"
        + " COLUMN_NAME, COLLATION FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = ?"
        + " ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX")) {
      ps.setString(1, db);
      try (ResultSet rs = ps.executeQuery()) {
        String current = null;
        String[] row = null;
        List<String> keys = new ArrayList<>();
        while (rs.next()) {
          String id = rs.getString(1) + "." + rs.getString(2);
          if (!id.equals(current)) {
            addMysqlIndex(b, row, keys);
            current = id;
            row = new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)};
            keys = new ArrayList<>();
          }
          String col = rs.getString(5);
          keys.add(col == null ? "(expression)" : "D".equals(rs.getString(6)) ? col + " DESC" : col);
        }
        addMysqlIndex(b, row, keys);
      }
    }
    try (PreparedStatement ps = c.prepareStatement("SELECT k.TABLE_NAME, k.CONSTRAINT_NAME, k.REFERENCED_TABLE_NAME,"
        + " k.COLUMN_NAME, k.REFERENCED_COLUMN_NAME, r.DELETE_RULE FROM information_schema.KEY_COLUMN_USAGE k"
        + " JOIN information_schema.REFERENTIAL_CONSTRAINTS r ON r.CONSTRAINT_SCHEMA = k.CONSTRAINT_SCHEMA"
        + " AND r.CONSTRAINT_NAME = k.CONSTRAINT_NAME AND r.TABLE_NAME = k.TABLE_NAME"
        + " WHERE k.TABLE_SCHEMA = ? AND k.REFERENCED_TABLE_NAME IS NOT NULL"
        + " ORDER BY k.TABLE_NAME, k.CONSTRAINT_NAME, k.ORDINAL_POSITION")) {
      ps.setString(1, db);
      try (ResultSet rs = ps.executeQuery()) {
        Map<String, String[]> head = new LinkedHashMap<>();
        Map<String, List<String>> cols = new LinkedHashMap<>();
        Map<String, List<String>> refs = new LinkedHashMap<>();
        while (rs.next()) {
          String id = rs.getString(1) + "." + rs.getString(2);
          head.putIfAbsent(id, new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(6)});
          cols.computeIfAbsent(id, k -> new ArrayList<>()).add(rs.getString(4));
          refs.computeIfAbsent(id, k -> new ArrayList<>()).add(rs.getString(5));
        }
        for (Map.Entry<String, String[]> e : head.entrySet()) {
          String[] h = e.getValue();
          List<ForeignKey> list = foreignKeys(b, h[0]);
          if (list != null) {
            String rule = h[3].equals("NO ACTION") || h[3].equals("RESTRICT") ? "" : h[3];
            list.add(new ForeignKey(h[1], h[0], cols.get(e.getKey()), h[2], refs.get(e.getKey()), rule));
          }
        }
      }
    }
    try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT EVENT_OBJECT_TABLE FROM"
        + " information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = ?")) {
      ps.setString(1, db);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          b.triggers.add(rs.getString(1));
        }
      }
    }
    return b.build(false);
  }

  private static void addMysqlIndex(SchemaBuilder b, String[] row, List<String> keys) {
    if (row == null || b.exact(row[0]) == null) {
      return;
    }
    boolean primary = row[1].equals("PRIMARY");
    String type = row[3].toLowerCase(java.util.Locale.ROOT);
    b.exact(row[0]).indexes.add(new Index(primary ? "" : row[1], row[0], keys, row[2].equals("0"), primary,
        type.equals("btree") ? "btree" : type, "", false));
  }

  /** The columns collected for {@code table}, or null when the catalog's rows name a table not read. */
  private static List<Column> columns(SchemaBuilder b, String table) {
    SchemaBuilder.TableBuilder t = b.exact(table);
    return t == null ? null : t.columns;
  }

  /** The foreign keys collected for {@code table}, or null when the catalog's rows name a table not read. */
  private static List<ForeignKey> foreignKeys(SchemaBuilder b, String table) {
    SchemaBuilder.TableBuilder t = b.exact(table);
    return t == null ? null : t.foreignKeys;
  }

  /**
   * Each partitioned table's partitions, down the tree, by name; none where one is a foreign table (PostgreSQL builds
   * no index on it, so an index built partition by partition would never become valid).
   */
  private static void partitions(Statement st, SchemaBuilder b) throws SQLException {
    Map<Long, List<Long>> children = new java.util.HashMap<>(); // parent oid: its partitions' oids
    Map<Long, String[]> rel = new java.util.HashMap<>(); // oid: {schema, name, relkind}
    try (ResultSet rs = st.executeQuery("SELECT i.inhparent::bigint, c.oid::bigint, n.nspname, c.relname,"
        + " c.relkind::text FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
        + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relispartition"
        + " ORDER BY i.inhparent, n.nspname, c.relname")) {
      while (rs.next()) {
        children.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getLong(2));
        rel.put(rs.getLong(2), new String[] {rs.getString(3), rs.getString(4), rs.getString(5)});
      }
    }
    if (children.isEmpty()) {
      return;
    }
    try (ResultSet rs = st.executeQuery("SELECT c.oid::bigint, CASE WHEN n.nspname = 'public' THEN c.relname"
        + " ELSE n.nspname || '.' || c.relname END FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
        + " WHERE c.relkind = 'p' AND NOT c.relispartition")) {
      while (rs.next()) {
        SchemaBuilder.TableBuilder t = b.exact(rs.getString(2));
        List<dev.logdex.core.model.Partition> tree = partitionTree(rs.getLong(1), children, rel);
        if (t != null && tree != null) {
          t.listedPartitions.addAll(tree);
        }
      }
    }
  }

  /** The partitions under {@code parent}, or null when one of them is a foreign table. */
  private static List<dev.logdex.core.model.Partition> partitionTree(long parent, Map<Long, List<Long>> children,
      Map<Long, String[]> rel) {
    List<dev.logdex.core.model.Partition> out = new ArrayList<>();
    for (long child : children.getOrDefault(parent, List.of())) {
      String[] r = rel.get(child);
      if (!r[2].equals("r") && !r[2].equals("p")) {
        return null;
      }
      List<dev.logdex.core.model.Partition> below = partitionTree(child, children, rel);
      if (below == null) {
        return null;
      }
      out.add(new dev.logdex.core.model.Partition(r[0], r[1], r[2].equals("p"), below));
    }
    return out;
  }

  /** The keys of {@code RANGE (at, "Region")}: names unquoted, expressions as PostgreSQL prints them. */
  static List<String> partitionKeys(String definition) {
    int open = definition.indexOf('(');
    int close = definition.lastIndexOf(')');
    List<String> out = new ArrayList<>();
    if (open < 0 || close < open) {
      return List.of(definition);
    }
    int depth = 0;
    int from = open + 1;
    for (int k = open + 1; k <= close; k++) {
      char ch = definition.charAt(k);
      if (ch == '(') {
        depth++;
      } else if (ch == ')' && depth > 0) {
        depth--;
      } else if (depth == 0 && (ch == ',' || k == close)) {
        String key = definition.substring(from, k).trim();
        out.add(key.length() > 1 && key.startsWith("\"") && key.endsWith("\"")
            ? key.substring(1, key.length() - 1).replace("\"\"", "\"") : key);
        from = k + 1;
      }
    }
    return out;
  }
}
