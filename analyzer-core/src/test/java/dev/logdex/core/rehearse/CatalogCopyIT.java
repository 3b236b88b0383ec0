package dev.logdex.core.rehearse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.logdex.core.model.Dialect;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Without pg_dump, with another session on the source: logdex copies the database itself, its schema read from the
 * catalog and its rows over JDBC, and the copy has the same tables, rows, keys, checks, indexes, partitions,
 * sequences and views, on quoted mixed-case names, an enum whose labels carry quotes and a reserved word.
 */
class CatalogCopyIT {
  private static final String PG = "jdbc:postgresql://127.0.0.1:5432/";

  private static final String SCHEMA = """
      CREATE SCHEMA "Sales";
      CREATE TYPE "Sales"."Mood" AS ENUM ('ok', 'it''s fine', 'back\\slash');
      CREATE TABLE "Sales"."Customer" ("Id" bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        "E-mail" text NOT NULL UNIQUE, mood "Sales"."Mood" DEFAULT 'ok', name text COLLATE "C");
      CREATE TABLE "order" (id serial PRIMARY KEY, customer_id bigint NOT NULL REFERENCES "Sales"."Customer" ("Id"),
        total numeric(10,2) CHECK (total >= 0), created date NOT NULL DEFAULT current_date,
        doubled numeric GENERATED ALWAYS AS (total * 2) STORED);
      CREATE INDEX order_customer_paid ON "order" (customer_id) WHERE total > 0;
      CREATE INDEX customer_email_ci ON "Sales"."Customer" (lower("E-mail"));
      CREATE TABLE events (id bigint NOT NULL, at date NOT NULL, payload jsonb) PARTITION BY RANGE (at);
      CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
      CREATE TABLE events_2025 PARTITION OF events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
      ALTER TABLE events ADD PRIMARY KEY (id, at);
      CREATE INDEX events_payload ON events USING gin (payload);
      CREATE VIEW big_orders AS SELECT id, total FROM "order" WHERE total > 100;
      CREATE MATERIALIZED VIEW order_totals AS SELECT customer_id, sum(total) AS s FROM "order" GROUP BY 1;
      INSERT INTO "Sales"."Customer" ("E-mail", mood, name)
        SELECT 'c' || i || '@x.org', (ARRAY['ok', 'it''s fine', 'back\\slash']::"Sales"."Mood"[])[1 + i % 3], 'n' || i
        FROM generate_series(1, 300) i;
      INSERT INTO "order" (customer_id, total) SELECT 1 + i % 300, (i % 500)::numeric FROM generate_series(1, 2000) i;
      INSERT INTO events SELECT i, date '2024-06-01' + (i % 400), jsonb_build_object('k', i % 7)
        FROM generate_series(1, 1000) i;
      REFRESH MATERIALIZED VIEW order_totals;
      """;

  /** What a test does with a new source database, another session kept open on it, and the copy's name. */
  private interface WithSource {
    void run(Connection admin, String source, String copy, Statement busy) throws Exception;
  }

  /** Runs {@code body} on a new database, while another session is connected to it; drops both databases after. */
  private static void withBusySource(WithSource body) throws Exception {
    String source = "logdex_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    String copy = source + "_copy";
    try (Connection admin = LivePostgres.connect(PG + "postgres"); Statement st = admin.createStatement()) {
      st.execute("CREATE DATABASE " + source);
      try (Connection busy = LivePostgres.connect(PG + source); Statement s = busy.createStatement()) {
        body.run(admin, source, copy, s);
      } finally {
        st.execute("DROP DATABASE IF EXISTS " + copy + " WITH (FORCE)");
        st.execute("DROP DATABASE IF EXISTS " + source + " WITH (FORCE)");
      }
    }
  }

  @Test
  void aSourceInUseIsCopiedFromItsCatalogWhenPgDumpIsNotHere() throws Exception {
    withBusySource((admin, source, copy, busy) -> {
      busy.execute(SCHEMA);
      assertThat(DatabaseCopy.postgres(server(source), admin, source, copy))
          .isEqualTo(DatabaseCopy.Method.CATALOG_COPY);
      try (Connection from = LivePostgres.connect(PG + source); Connection to = LivePostgres.connect(PG + copy)) {
        for (String query : List.of(TABLES, INDEXES, CONSTRAINTS, VIEWS)) {
          assertThat(rows(to, query)).as(query).isEqualTo(rows(from, query));
        }
        for (String table : List.of("\"Sales\".\"Customer\"", "\"order\"", "events", "events_2025",
            "big_orders", "order_totals")) {
          String sum = "SELECT count(*) || ' ' || md5(string_agg(x::text, ',' ORDER BY x::text)) FROM " + table
              + " x";
          assertThat(rows(to, sum)).as(table).isEqualTo(rows(from, sum));
        }
        try (Statement s = to.createStatement()) {
          // The sequences stand where the source's do: new rows get new keys.
          s.execute("INSERT INTO \"Sales\".\"Customer\" (\"E-mail\") VALUES ('new@x.org')");
          s.execute("INSERT INTO \"order\" (customer_id, total) VALUES (1, 5)");
          assertThatThrownBy(() -> s.execute("INSERT INTO \"order\" (customer_id, total) VALUES (999999, 1)"))
              .as("the foreign key holds on the copy").isInstanceOf(SQLException.class);
        }
      }
    });
  }

  @Test
  void aSampleWithoutPgDumpKeepsItsForeignKeysWhole() throws Exception {
    withBusySource((admin, source, copy, busy) -> {
      busy.execute(SCHEMA);
      busy.execute("ANALYZE");
      assertThat(DatabaseCopy.postgresSampled(server(source), admin, source, copy, 200))
          .isEqualTo(DatabaseCopy.Method.SAMPLED_CATALOG);
      try (Connection to = LivePostgres.connect(PG + copy); Statement s = to.createStatement()) {
        assertThat(rows(to, "SELECT count(*) FROM \"order\"").first()).as("a sample of 2000 orders")
            .matches(n -> Integer.parseInt(n) > 50 && Integer.parseInt(n) < 800, "between 50 and 800");
        // Every sampled order's customer came along, and the key was added (validated) after the rows.
        assertThat(rows(to, "SELECT count(*) FROM \"order\" o WHERE NOT EXISTS (SELECT 1 FROM"
            + " \"Sales\".\"Customer\" c WHERE c.\"Id\" = o.customer_id)").first()).isEqualTo("0");
        assertThat(rows(to, "SELECT convalidated FROM pg_constraint WHERE contype = 'f'")).containsExactly("true");
      }
    });
  }

  @Test
  void whatOnlyPgDumpCopiesIsNamedAndNothingIsCopied() throws Exception {
    withBusySource((admin, source, copy, busy) -> {
      busy.execute("CREATE TABLE t (id int PRIMARY KEY, at timestamptz);"
          + " CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN NEW.at := now(); RETURN NEW;"
          + " END$$; CREATE TRIGGER t_touch BEFORE UPDATE ON t FOR EACH ROW EXECUTE FUNCTION touch();");
      assertThatThrownBy(() -> DatabaseCopy.postgres(server(source), admin, source, copy))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("1 function(s) or procedure(s), 1 trigger(s), which only pg_dump copies");
    });
  }

  private static final String TABLES = "SELECT n.nspname, c.relname, c.relkind, c.relispartition,"
      + " pg_get_expr(c.relpartbound, c.oid), (SELECT string_agg(a.attname || ' ' || format_type(a.atttypid,"
      + " a.atttypmod) || ' ' || a.attnotnull || ' ' || a.attidentity::text || a.attgenerated::text || ' '"
      + " || a.attcollation"
      + "::text || ' ' || COALESCE(pg_get_expr(d.adbin, d.adrelid), ''), ', ' ORDER BY a.attnum) FROM pg_attribute a"
      + " LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum WHERE a.attrelid = c.oid"
      + " AND a.attnum > 0 AND NOT a.attisdropped) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
      + " WHERE n.nspname IN ('public', 'Sales') AND c.relkind IN ('r', 'p', 'S')";

  /** Index definitions without the index's own name (a partition's key index is named by the server). */
  private static final String INDEXES = "SELECT c.relname, regexp_replace(pg_get_indexdef(i.indexrelid),"
      + " '^CREATE (UNIQUE )?INDEX \\S+ ', 'CREATE \\1INDEX ') FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid"
      + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname IN ('public', 'Sales')";

  private static final String CONSTRAINTS = "SELECT c.relname, k.contype, pg_get_constraintdef(k.oid), k.convalidated"
      + " FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
      + " WHERE n.nspname IN ('public', 'Sales')";

  private static final String VIEWS = "SELECT c.relname, c.relkind, pg_get_viewdef(c.oid) FROM pg_class c"
      + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname IN ('public', 'Sales')"
      + " AND c.relkind IN ('v', 'm')";

  /** The rows of {@code query}, each as one line, in sorted order. */
  private static TreeSet<String> rows(Connection c, String query) throws SQLException {
    TreeSet<String> out = new TreeSet<>();
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(query)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<String> cells = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
          cells.add(String.valueOf(rs.getObject(i)));
        }
        out.add(String.join(" | ", cells));
      }
    }
    return out;
  }

  /** The server as a machine without pg_dump sees it. */
  private static Server server(String source) {
    return new Server() {
      @Override
      public Dialect dialect() {
        return Dialect.POSTGRESQL;
      }

      @Override
      public String sourceDatabase() {
        return source;
      }

      @Override
      public Connection connect(String database) throws SQLException {
        return LivePostgres.connect(PG + (database.isEmpty() ? "postgres" : database));
      }

      @Override
      public Connection readSource() throws SQLException {
        Connection c = LivePostgres.connect(PG + source);
        c.setReadOnly(true);
        return c;
      }

      @Override
      public Connection connectAs(String database, String user, String password) throws SQLException {
        return DriverManager.getConnection(PG + database, user, password);
      }

      @Override
      public boolean isLocal() {
        return true;
      }

      @Override
      public Optional<DumpTools> dumpTools() {
        return Optional.empty();
      }
    };
  }

}
