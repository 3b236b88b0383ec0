package dev.logdex.core.schema;

import dev.logdex.core.lex.SqlScript;
import dev.logdex.core.lex.SqlScanner;
import dev.logdex.core.model.Dialect;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads a schema from DDL: {@code pg_dump --schema-only} and {@code mysqldump --no-data} output, or any script of
 * {@code CREATE TABLE}, {@code CREATE INDEX} and {@code ALTER TABLE ... ADD} statements.
 *
 * <p>Statements a schema does not need ({@code SET}, {@code COMMENT}, {@code GRANT}, functions, sequences, views)
 * are passed over without complaint. A table, index or key statement that cannot be read becomes a warning naming
 * its line; the rest of the file still loads. (JSqlParser 5.3 cannot read the {@code CREATE INDEX} statements
 * pg_dump writes, with expression keys and partial predicates, hence this reader of the few statements it needs.)
 */
public final class DdlSchemaLoader {

  /**
   * The loaded schema and what could not be read.
   *
   * @param schema the tables, indexes and keys read
   * @param warnings one line per statement that should have been read and was not: {@code file:line: reason}
   */
  public record Result(Schema schema, List<String> warnings) {
    public Result {
      warnings = List.copyOf(warnings);
    }
  }

  private final Optional<Dialect> forcedDialect;

  /** A loader that tells the dialect from the DDL itself. */
  public DdlSchemaLoader() {
    this(Optional.empty());
  }

  /** A loader for DDL of a known dialect, or one that tells it from the DDL when empty. */
  public DdlSchemaLoader(Optional<Dialect> dialect) {
    this.forcedDialect = dialect;
  }

  /** Loads the DDL file at {@code path}. */
  public Result load(Path path) throws SchemaException {
    return load(read(path), path.toString());
  }

  /** The text of the DDL file at {@code path}: UTF-8, else Latin-1 (old mysqldump files). */
  public static String read(Path path) throws SchemaException {
    String text;
    try {
      text = Files.readString(path, StandardCharsets.UTF_8);
    } catch (java.nio.charset.MalformedInputException e) {
      try {
        text = Files.readString(path, StandardCharsets.ISO_8859_1);
      } catch (IOException again) {
        throw new SchemaException(path + ": cannot read schema file: " + again.getMessage(), again);
      }
    } catch (IOException e) {
      throw new SchemaException(path + ": cannot read schema file: " + e.getMessage(), e);
    }
    return text;
  }

  /** What follows {@code file:line} in the warning about a statement that could not be read. */
  public static final String UNREAD = ": could not read '";

  /** Loads DDL text; {@code source} names it in warnings. */
  public Result load(String ddl, String source) {
    return load(List.of(new Text(ddl, source)));
  }

  /**
   * One DDL file's text.
   *
   * @param source its name, for warnings
   */
  public record Text(String ddl, String source) {}

  /**
   * Loads several DDL texts as one schema, in order: a dump's tables and, in a second file, its keys or indexes
   * (TPC-H's {@code dss.ddl} and {@code dss.ri}).
   */
  public Result load(List<Text> texts) {
    String all = String.join("\n", texts.stream().map(Text::ddl).toList());
    Dialect dialect = forcedDialect.orElseGet(() -> guessDialect(all));
    SchemaBuilder b = new SchemaBuilder(dialect);
    List<SqlScript.Statement> statements = new ArrayList<>();
    List<String> sources = new ArrayList<>();
    for (Text text : texts) {
      for (SqlScript.Statement st : SqlScript.split(text.ddl(), dialect)) {
        statements.add(st);
        sources.add(text.source());
      }
    }
    String ddl = all;
    java.util.Set<String> used = dialect == Dialect.MYSQL ? usedDatabases(statements) : java.util.Set.of();
    // One database (a dump of it, with or without USE): its tables keep bare names, and the schema knows its name.
    // Several (mysqldump --databases a b): each table is qualified by the database it was created in.
    boolean qualify = used.size() > 1;
    if (dialect == Dialect.MYSQL && !qualify) {
      b.database = used.isEmpty() ? dumpedDatabase(ddl) : used.iterator().next();
    }
    for (int i = 0; i < statements.size(); i++) {
      SqlScript.Statement st = statements.get(i);
      String source = sources.get(i);
      DdlTokens t = new DdlTokens(st.text(), dialect);
      try {
        if (qualify && t.accept("USE")) {
          b.current = DdlTokens.part(t.next(), false);
        } else if (t.accept("CREATE")) {
          t.accept("OR", "REPLACE");
          boolean temporary = t.accept("TEMPORARY") || t.accept("TEMP");
          t.accept("UNLOGGED");
          if (t.accept("TABLE")) {
            if (!temporary) {
              createTable(t, b);
            }
          } else if (t.peek().is("INDEX") || t.peek().is("UNIQUE") || t.peek().is("FULLTEXT")
              || t.peek().is("SPATIAL")) {
            createIndex(t, b);
          } else if (t.accept("MATERIALIZED", "VIEW")) {
            t.accept("IF", "NOT", "EXISTS");
            String[] qn = name(t, b);
            b.views.add(SchemaBuilder.key(qn[0], qn[1]).toLowerCase(Locale.ROOT));
          }
        } else if (t.accept("ALTER", "TABLE")) {
          alterTable(t, b);
        }
        DdlTokens trig = new DdlTokens(st.text(), dialect);
        if (trig.accept("CREATE")) {
          trigger(trig, b);
        }
      } catch (DdlException | IndexOutOfBoundsException e) {
        b.warnings.add(source + ":" + st.line() + UNREAD + abbreviate(st.text()) + "': " + e.getMessage());
      }
    }
    b.wholeDatabase = isDump(ddl);
    return new Result(b.build(true), b.warnings);
  }

  /** The databases a MySQL script's {@code USE db} statements name, in order. */
  private static java.util.Set<String> usedDatabases(List<SqlScript.Statement> statements) {
    java.util.Set<String> used = new java.util.LinkedHashSet<>();
    for (SqlScript.Statement st : statements) {
      DdlTokens t = new DdlTokens(st.text(), Dialect.MYSQL);
      try {
        if (t.accept("USE")) {
          used.add(DdlTokens.part(t.next(), false));
        }
      } catch (DdlException | IndexOutOfBoundsException e) {
        // not a USE statement that names a database: nothing to learn from it
      }
    }
    return used;
  }

  /** The database a mysqldump of one database names in its header ({@code -- Host: h    Database: shop}), or "". */
  private static String dumpedDatabase(String ddl) {
    String head = ddl.length() > 4000 ? ddl.substring(0, 4000) : ddl;
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("(?m)^-- Host: \\S*\\s+Database: (\\S+)\\s*$").matcher(head);
    return m.find() ? m.group(1) : "";
  }

  /**
   * A table's name at the cursor, qualified by the database of the last {@code USE} where the script creates
   * tables in several databases and the name has no qualifier of its own.
   */
  private static String[] name(DdlTokens t, SchemaBuilder b) {
    String[] qn = t.qualifiedName(b.fold);
    if (qn[0].isEmpty() && !b.current.isEmpty()) {
      qn[0] = b.current;
    }
    return qn;
  }

  /** pg_dump and mysqldump say what they are in their first lines. */
  private static boolean isDump(String ddl) {
    String head = ddl.length() > 4000 ? ddl.substring(0, 4000) : ddl;
    return head.contains("PostgreSQL database dump") || head.contains("MySQL dump") || head.contains("MariaDB dump");
  }

  /** CREATE [OR REPLACE] [CONSTRAINT] TRIGGER name ... ON table: the table has a trigger. */
  private static void trigger(DdlTokens t, SchemaBuilder b) {
    t.accept("OR", "REPLACE");
    t.accept("CONSTRAINT");
    while (!t.atEnd() && !t.peek().is("TRIGGER")) {
      if (t.peek().is("TABLE") || t.peek().is("INDEX") || t.peek().is("FUNCTION") || t.peek().is("VIEW")) {
        return;
      }
      t.next(); // DEFINER=..., /*!50017 ...*/ parts
    }
    if (!t.accept("TRIGGER")) {
      return;
    }
    while (!t.atEnd()) {
      if (t.accept("ON")) {
        String[] on = name(t, b);
        b.triggers.add(Table.qualifiedName(on[0], on[1]));
        return;
      }
      t.next();
    }
  }

  /** The dialect the DDL says it is written in, else PostgreSQL's. */
  static Dialect guessDialect(String ddl) {
    return saidDialect(ddl).orElse(Dialect.POSTGRESQL);
  }

  /**
   * The dialect the DDL says it is written in, if it says: a dump's header; else words and signs that only one of
   * the two accepts, outside quotes and comments (a quoted PostgreSQL name may hold a backtick: "a`b"). Plain
   * {@code CREATE TABLE t (id int)} says nothing, and is reported as such rather than guessed.
   */
  public static Optional<Dialect> saidDialect(String ddl) {
    String head = ddl.length() > 200_000 ? ddl.substring(0, 200_000) : ddl;
    String upper = head.toUpperCase(Locale.ROOT);
    if (upper.contains("MYSQLDUMP") || upper.contains("MARIADB DUMP") || upper.contains("MYSQL DUMP")) {
      return Optional.of(Dialect.MYSQL);
    }
    if (upper.contains("POSTGRESQL DATABASE DUMP")) {
      return Optional.of(Dialect.POSTGRESQL);
    }
    List<SqlScanner.Token> tokens;
    try {
      tokens = SqlScanner.postgres().tokens(head);
    } catch (SqlScanner.UnterminatedException e) {
      try {
        SqlScanner.mysql().tokens(head);
        return Optional.of(Dialect.MYSQL); // a backslash-escaped quote: MySQL text
      } catch (SqlScanner.UnterminatedException neither) {
        return Optional.empty(); // cut in the middle of a quote, or no SQL at all
      }
    }
    String previous = "";
    for (SqlScanner.Token t : tokens) {
      String text = t.text(head).toUpperCase(Locale.ROOT);
      if (t.kind() == SqlScanner.Kind.SYMBOL && text.equals("`")
          || t.kind() == SqlScanner.Kind.WORD && MYSQL_WORDS.contains(text)) {
        return Optional.of(Dialect.MYSQL);
      }
      if (t.kind() == SqlScanner.Kind.WORD && (POSTGRES_WORDS.contains(text)
          || previous.equals("COMMENT") && text.equals("ON") || previous.equals("AS") && text.equals("IDENTITY")
          || previous.equals("TIME") && text.equals("ZONE"))
          || t.kind() == SqlScanner.Kind.SYMBOL && text.equals(":") && previous.equals(":")
          || t.kind() == SqlScanner.Kind.STRING && text.startsWith("$")) {
        return Optional.of(Dialect.POSTGRESQL);
      }
      if (t.kind() != SqlScanner.Kind.COMMENT) {
        previous = t.kind() == SqlScanner.Kind.WORD || t.kind() == SqlScanner.Kind.SYMBOL ? text : "";
      }
    }
    return Optional.empty();
  }

  /** Words of MySQL's DDL that PostgreSQL's does not have. */
  private static final java.util.Set<String> MYSQL_WORDS = java.util.Set.of("ENGINE", "AUTO_INCREMENT", "UNSIGNED",
      "TINYINT", "MEDIUMINT", "MEDIUMTEXT", "LONGTEXT", "TINYTEXT", "LONGBLOB", "MEDIUMBLOB", "DATETIME", "CHARSET",
      "ZEROFILL");

  /** Words of PostgreSQL's DDL that MySQL's does not have. */
  private static final java.util.Set<String> POSTGRES_WORDS = java.util.Set.of("SERIAL", "BIGSERIAL", "SMALLSERIAL",
      "TIMESTAMPTZ", "TIMETZ", "JSONB", "BYTEA", "INHERITS", "CONCURRENTLY", "EXTENSION", "OWNER",
      "SEARCH_PATH", "INET", "CIDR", "TSVECTOR", "NEXTVAL", "REGCLASS");

  private static void createTable(DdlTokens t, SchemaBuilder b) {
    t.accept("IF", "NOT", "EXISTS");
    String[] qn = name(t, b);
    if (!t.peek().is("(")) {
      if (t.accept("PARTITION", "OF")) {
        // A partition: its parent has the columns; it may be partitioned in turn.
        String[] parent = name(t, b);
        SchemaBuilder.TableBuilder child = b.table(qn[0], qn[1], true);
        b.attach(b.table(parent[0], parent[1], false), child);
        partitionBy(t, child, b);
        return;
      }
      if (t.peek().is("OF")) {
        return; // a typed table
      }
      // CREATE TABLE ... AS SELECT, or words that are not a table definition: a table with columns unknown here.
      throw new DdlException("the columns of " + String.join(".", qn).replaceFirst("^\\.", "")
          + " are not listed (expected '(' but found '" + t.peek().text() + "')");
    }
    SchemaBuilder.TableBuilder table = b.table(qn[0], qn[1], true);
    for (DdlTokens item : t.items()) {
      tableElement(item, table, b);
    }
    partitionBy(t, table, b);
  }

  /** Table options follow; PARTITION BY RANGE|LIST|HASH [COLUMNS] (keys) makes it a partitioned table. */
  private static void partitionBy(DdlTokens t, SchemaBuilder.TableBuilder table, SchemaBuilder b) {
    while (!t.atEnd()) {
      if (t.accept("PARTITION", "BY")) {
        while (!t.atEnd() && !t.peek().is("(")) {
          t.next(); // RANGE, LIST, HASH, KEY, COLUMNS, LINEAR
        }
        if (!t.atEnd()) {
          for (DdlTokens key : t.items()) {
            int start = key.position();
            DdlTokens.Token only = key.next();
            table.partitionKey.add(key.atEnd() && (only.kind() == DdlTokens.Kind.WORD
                || only.kind() == DdlTokens.Kind.QUOTED) ? DdlTokens.part(only, b.fold) : key.textFrom(start)
                + key.rest());
          }
        }
        return;
      }
      t.next();
    }
  }

  private static void tableElement(DdlTokens t, SchemaBuilder.TableBuilder table, SchemaBuilder b) {
    if (t.atEnd()) {
      return;
    }
    String constraintName = "";
    if (t.accept("CONSTRAINT")) {
      constraintName = DdlTokens.part(t.next(), b.fold);
    }
    if (constraint(t, table, constraintName, b)) {
      return;
    }
    if (t.peek().is("LIKE") || t.peek().is("EXCLUDE") || t.peek().is("PERIOD")) {
      return;
    }
    column(t, table, b);
  }

  /**
   * Whether the element at the cursor is MySQL's {@code KEY|INDEX|FULLTEXT|SPATIAL [KEY|INDEX] [name] [USING m] (...)}
   * rather than a column whose name is one of those words ({@code key text NOT NULL}, {@code index int},
   * {@code key varchar(20)}): after the words and an optional name comes a list of columns, never a type's
   * {@code (20)}.
   */
  private static boolean isIndexDefinition(DdlTokens t) {
    int k = 0;
    if (t.peek(k).is("FULLTEXT") || t.peek(k).is("SPATIAL")) {
      k++;
      if (t.peek(k).is("KEY") || t.peek(k).is("INDEX")) {
        k++;
      }
      return t.peek(k).is("(") || t.peek(k).is("USING") || t.peek(k + 1).is("(") || t.peek(k + 1).is("USING");
    }
    if (!t.peek(k).is("KEY") && !t.peek(k).is("INDEX")) {
      return false;
    }
    k++;
    if (t.peek(k).is("(") || t.peek(k).is("USING")) {
      return true; // KEY (a, b)
    }
    // KEY name (a, b) or KEY name USING BTREE (a); a column is "key varchar (20)": a number in the parentheses.
    return t.peek(k + 1).is("USING")
        || t.peek(k + 1).is("(") && t.peek(k + 2).kind() != DdlTokens.Kind.NUMBER;
  }

  /** Reads a table constraint or MySQL index definition; false when the element is a column instead. */
  private static boolean constraint(DdlTokens t, SchemaBuilder.TableBuilder table, String name, SchemaBuilder b) {
    if (t.accept("PRIMARY", "KEY")) {
      table.indexes.add(new Index(name, table.name, keys(t, b), true, true, method(t), "", false));
      return true;
    }
    if (t.peek().is("UNIQUE")) {
      t.next();
      if (!t.accept("KEY")) {
        t.accept("INDEX");
      }
      t.accept("NULLS", "NOT", "DISTINCT");
      t.accept("NULLS", "DISTINCT");
      String indexName = name;
      if (!t.peek().is("(") && !t.peek().is("USING")) {
        indexName = DdlTokens.part(t.next(), b.fold);
      }
      String method = method(t);
      List<String> keys = keys(t, b);
      String after = method(t);
      table.indexes.add(new Index(indexName, table.name, keys, true, false,
          method.equals("btree") ? after : method, "", false));
      return true;
    }
    if (t.accept("FOREIGN", "KEY")) {
      String fkName = name;
      if (!t.peek().is("(")) {
        fkName = DdlTokens.part(t.next(), b.fold);
      }
      List<String> cols = keys(t, b);
      references(t, table, fkName, cols, b);
      return true;
    }
    if (t.peek().is("CHECK")) {
      return true;
    }
    if (isIndexDefinition(t)) {
      String method = "btree";
      if (t.accept("FULLTEXT")) {
        method = "fulltext";
      } else if (t.accept("SPATIAL")) {
        method = "spatial";
      }
      t.accept("KEY");
      t.accept("INDEX");
      String indexName = name;
      if (!t.peek().is("(") && !t.peek().is("USING")) {
        indexName = DdlTokens.part(t.next(), b.fold);
      }
      String using = method(t);
      List<String> keys = keys(t, b);
      String after = method(t);
      String m = !method.equals("btree") ? method : !using.equals("btree") ? using : after;
      table.indexes.add(new Index(indexName, table.name, keys, false, false, m, "", false));
      return true;
    }
    return false;
  }

  private static void references(DdlTokens t, SchemaBuilder.TableBuilder table, String name, List<String> cols, SchemaBuilder b) {
    t.expect("REFERENCES");
    String[] qualified = name(t, b);
    // The parent as logdex names tables: qualified outside the default schema (app.users), else bare.
    String parent = Table.qualifiedName(qualified[0], qualified[1]);
    List<String> parentCols = t.peek().is("(") ? keys(t, b) : List.of();
    String onDelete = "";
    while (!t.atEnd()) {
      if (t.accept("ON", "DELETE")) {
        onDelete = action(t);
      } else if (t.accept("ON", "UPDATE")) {
        action(t);
      } else {
        t.next(); // MATCH FULL, DEFERRABLE, NOT VALID, ...
      }
    }
    table.foreignKeys.add(new ForeignKey(name, table.name, cols, parent, parentCols, onDelete));
  }

  private static String action(DdlTokens t) {
    if (t.accept("SET", "NULL")) {
      return "SET NULL";
    }
    if (t.accept("SET", "DEFAULT")) {
      return "SET DEFAULT";
    }
    if (t.accept("NO", "ACTION")) {
      return "NO ACTION";
    }
    return t.next().text().toUpperCase(Locale.ROOT);
  }

  private static void column(DdlTokens t, SchemaBuilder.TableBuilder table, SchemaBuilder b) {
    String name = DdlTokens.part(t.next(), b.fold);
    int typeStart = t.position();
    while (!t.atEnd() && !isColumnConstraintStart(t)) {
      if (t.peek().is("(")) {
        t.group();
      } else {
        t.next();
      }
    }
    String type = t.textFrom(typeStart).toLowerCase(Locale.ROOT);
    boolean nullable = true;
    while (!t.atEnd()) {
      if (t.accept("NOT", "NULL")) {
        nullable = false;
      } else if (t.accept("PRIMARY", "KEY")) {
        nullable = false;
        table.indexes.add(new Index("", table.name, List.of(name), true, true, "btree", "", false));
      } else if (t.accept("UNIQUE")) {
        t.accept("KEY");
        table.indexes.add(new Index("", table.name, List.of(name), true, false, "btree", "", false));
      } else if (t.peek().is("REFERENCES")) {
        int save = t.position();
        // An inline reference runs to the end of the element, or to the next constraint keyword.
        DdlTokens ref = new DdlTokens(referenceText(t, save), b.dialect);
        references(ref, table, "", List.of(name), b);
      } else if (t.peek().is("(")) {
        t.group();
      } else {
        t.next();
      }
    }
    table.columns.add(new Column(name, type, nullable));
  }

  private static String referenceText(DdlTokens t, int from) {
    t.next(); // REFERENCES
    while (!t.atEnd() && !t.peek().is("NOT") && !t.peek().is("DEFAULT") && !t.peek().is("CHECK")
        && !t.peek().is("UNIQUE") && !t.peek().is("PRIMARY") && !t.peek().is("CONSTRAINT")) {
      if (t.peek().is("(")) {
        t.group();
      } else {
        t.next();
      }
    }
    return t.textFrom(from);
  }

  private static boolean isColumnConstraintStart(DdlTokens t) {
    DdlTokens.Token p = t.peek();
    if (p.kind() != DdlTokens.Kind.WORD) {
      return false;
    }
    return switch (p.text().toUpperCase(Locale.ROOT)) {
      case "NOT", "NULL", "DEFAULT", "PRIMARY", "UNIQUE", "REFERENCES", "CHECK", "CONSTRAINT", "COLLATE",
          "GENERATED", "AUTO_INCREMENT", "COMMENT", "AS", "ON", "IDENTITY", "STORAGE", "COMPRESSION", "INVISIBLE",
          "VISIBLE", "KEY" -> true;
      default -> false;
    };
  }

  private static String method(DdlTokens t) {
    if (t.accept("USING")) {
      return t.next().text().toLowerCase(Locale.ROOT);
    }
    return "btree";
  }

  /** Reads {@code (key, key, ...)}: plain columns by name (with DESC kept), anything else as an expression. */
  private static List<String> keys(DdlTokens t, SchemaBuilder b) {
    List<String> keys = new ArrayList<>();
    for (DdlTokens item : t.items()) {
      keys.add(key(item, b));
    }
    if (keys.isEmpty()) {
      throw new DdlException("empty key list");
    }
    return keys;
  }

  private static String key(DdlTokens item, SchemaBuilder b) {
    DdlTokens.Token first = item.peek();
    if (first.kind() == DdlTokens.Kind.WORD || first.kind() == DdlTokens.Kind.QUOTED) {
      String name = DdlTokens.part(item.next(), b.fold);
      if (item.peek().is("(") && b.dialect == Dialect.MYSQL) {
        item.group(); // MySQL prefix length: email(20)
      }
      boolean desc = false;
      boolean plain = true;
      String pattern = ""; // a pattern operator class changes which queries the index serves: LIKE, not ORDER BY
      while (!item.atEnd()) {
        DdlTokens.Token tok = item.next();
        if (tok.is("DESC")) {
          desc = true;
        } else if (tok.is("ASC") || tok.is("NULLS") || tok.is("FIRST") || tok.is("LAST")) {
          continue;
        } else if (tok.is("COLLATE")) {
          item.next();
        } else if (tok.kind() == DdlTokens.Kind.WORD && tok.text().toLowerCase(Locale.ROOT).endsWith("_ops")) {
          String opclass = tok.text().toLowerCase(Locale.ROOT);
          if (dev.logdex.core.dialect.PatternKey.CLASSES.contains(opclass)) {
            pattern = " " + opclass;
          } // any other operator class indexes the column as its type's default does
        } else {
          plain = false;
          break;
        }
      }
      if (plain) {
        return name + pattern + (desc ? " DESC" : "");
      }
    }
    String text = item.sql().trim();
    if (text.startsWith("(") && text.endsWith(")")) {
      return text;
    }
    return "(" + text + ")";
  }

  private static void createIndex(DdlTokens t, SchemaBuilder b) {
    boolean unique = t.accept("UNIQUE");
    String method = "btree";
    if (t.accept("FULLTEXT")) {
      method = "fulltext";
    } else if (t.accept("SPATIAL")) {
      method = "spatial";
    }
    t.expect("INDEX");
    t.accept("CONCURRENTLY");
    t.accept("IF", "NOT", "EXISTS");
    String name = "";
    if (!t.peek().is("ON")) {
      name = t.name(b.fold);
    }
    String using = method(t);
    t.expect("ON");
    t.accept("ONLY");
    String[] qn = name(t, b);
    String using2 = method(t);
    List<String> keys = keys(t, b);
    String where = "";
    while (!t.atEnd()) {
      if (t.accept("WHERE")) {
        where = stripParens(t.rest());
        break;
      }
      if (t.peek().is("USING")) {
        using2 = method(t);
      } else if (t.peek().is("(")) {
        t.group(); // INCLUDE (...), WITH (...)
      } else {
        t.next();
      }
    }
    if (method.equals("btree")) {
      method = !using.equals("btree") ? using : using2;
    }
    if (b.views.contains(SchemaBuilder.key(qn[0], qn[1]).toLowerCase(Locale.ROOT))) {
      return; // an index of a materialized view: logdex proposes none there and checks none
    }
    SchemaBuilder.TableBuilder table = b.table(qn[0], qn[1], false);
    table.indexes.add(new Index(name, table.name, keys, unique, false, method, where, false));
  }

  private static void alterTable(DdlTokens t, SchemaBuilder b) {
    t.accept("IF", "EXISTS");
    t.accept("ONLY");
    String[] qn = name(t, b);
    SchemaBuilder.TableBuilder table = null;
    // ALTER TABLE t ADD ..., ADD ...: split the actions at top-level commas.
    int depth = 0;
    int from = t.position();
    List<int[]> ranges = new ArrayList<>();
    while (!t.atEnd()) {
      DdlTokens.Token tok = t.next();
      if (tok.is("(")) {
        depth++;
      } else if (tok.is(")")) {
        depth--;
      } else if (tok.is(",") && depth == 0) {
        ranges.add(new int[] {from, t.position() - 1});
        from = t.position();
      }
    }
    ranges.add(new int[] {from, t.position()});
    for (int[] r : ranges) {
      t.reset(r[1]);
      String action = t.textFrom(r[0]);
      DdlTokens a = new DdlTokens(action, b.dialect);
      if (a.accept("ATTACH", "PARTITION")) {
        // pg_dump's form: each partition created as a table, then attached to its parent.
        String[] child = name(a, b);
        SchemaBuilder.TableBuilder parent = b.table(qn[0], qn[1], false);
        try {
          b.attach(parent, b.table(child[0], child[1], false));
        } catch (DdlException notCreated) {
          parent.partitionMissing = true; // a foreign table (not read here), or one the script does not create
        }
        continue;
      }
      if (!a.accept("ADD")) {
        continue;
      }
      if (table == null) {
        table = b.table(qn[0], qn[1], false);
      }
      String name = "";
      if (a.accept("CONSTRAINT")) {
        name = DdlTokens.part(a.next(), b.fold);
      }
      if (a.peek().is("COLUMN")) {
        a.next();
        column(a, table, b);
      } else if (!constraint(a, table, name, b) && !a.peek().is("CHECK") && !a.peek().is("EXCLUDE")) {
        column(a, table, b); // MySQL and PostgreSQL both allow ADD without COLUMN
      }
    }
  }

  private static String stripParens(String s) {
    String x = s.trim();
    while (x.startsWith("(") && x.endsWith(")") && balancedInside(x)) {
      x = x.substring(1, x.length() - 1).trim();
    }
    return x;
  }

  private static boolean balancedInside(String x) {
    int depth = 0;
    for (int i = 0; i < x.length(); i++) {
      char c = x.charAt(i);
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
        if (depth == 0 && i < x.length() - 1) {
          return false;
        }
      }
    }
    return true;
  }

  private static String abbreviate(String s) {
    String one = s.replaceAll("\\s+", " ");
    return one.length() <= 80 ? one : one.substring(0, 77) + "...";
  }
}
