package dev.logdex.core.rehearse;

import dev.logdex.core.analysis.Rehearsed;
import dev.logdex.core.analysis.Rehearsed.Applied;
import dev.logdex.core.analysis.Rehearsed.ClassResult;
import dev.logdex.core.analysis.Rehearsed.IndexResult;
import dev.logdex.core.analysis.Rehearsed.Timing;
import dev.logdex.core.analysis.Rehearsed.Verdict;
import dev.logdex.core.dialect.Identifiers;
import dev.logdex.core.lex.SingleStatement;
import dev.logdex.core.lex.SqlScanner;
import dev.logdex.core.model.Dialect;
import dev.logdex.core.model.StatementKind;
import dev.logdex.core.sql.StatementAnalysis;
import dev.logdex.core.workload.QueryStats;
import dev.logdex.core.workload.Workload;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A rehearsal: the migration applied to a copy of the database, and the logged statements run on the copy before
 * and after it, measured. The source database is only read; the copy is made, used and (unless kept) dropped.
 */
public final class Rehearsal {
  private Rehearsal() {}

  /**
   * What to rehearse.
   *
   * @param copy the name of the copy to make: plain letters, digits and underscores
   * @param replace drop an earlier copy of that name first (only one logdex made)
   * @param keep leave the copy in place at the end
   * @param force make the copy even where free space cannot be seen to suffice
   * @param rounds timed runs of each statement, before and after
   * @param warmup untimed runs first
   * @param timeoutSeconds the time limit of one run
   * @param maxClasses the most query classes replayed, by total time
   * @param sampleRows copy about this many rows of each larger table (with the rows they reference); 0: all
   */
  public record Request(String copy, boolean replace, boolean keep, boolean force, int rounds, int warmup,
      int timeoutSeconds, int maxClasses, long sampleRows) {}

  /** Why a rehearsal could not go on: a one-line reason for the user. */
  public static final class RefusedException extends Exception {
    RefusedException(String message) {
      super(message);
    }
  }

  /**
   * {@code changes} (the migration the rehearsal applied, logdex's own) without those whose index was measured to
   * do nothing or to slow things down. Changes that make no index (a foreign key, a drop) are kept.
   */
  public static List<dev.logdex.core.migration.Change> pruned(Rehearsed r,
      List<dev.logdex.core.migration.Change> changes) {
    Set<String> pruned = new java.util.HashSet<>();
    for (IndexResult i : r.indexes()) {
      if (i.verdict() != Verdict.MEASURED_FASTER) {
        pruned.add(i.source());
      }
    }
    return changes.stream().filter(c -> !pruned.contains(c.slug())).toList();
  }

  /**
   * Rehearses {@code steps} for {@code workload} on a copy of {@code server}'s source database.
   *
   * @param progress one line at a time, for the user to follow a long rehearsal
   */
  public static Rehearsed run(Server server, Request request, Workload workload, List<Rehearsed.Step> steps,
      Consumer<String> progress) throws RefusedException, SQLException, IOException {
    Dialect dialect = server.dialect();
    String source = server.sourceDatabase();
    String copy = request.copy();
    if (!DatabaseCopy.isPlainName(copy)) {
      throw new RefusedException("--copy-to " + copy + ": give a name of letters, digits and underscores");
    }
    if (copy.equalsIgnoreCase(source)) {
      throw new RefusedException("--copy-to " + copy + " is the source database itself: give another name");
    }
    List<String> notes = new ArrayList<>();
    try (Connection admin = server.connect("")) {
      Optional<Boolean> existing = DatabaseCopy.existing(admin, dialect, copy);
      if (existing.isPresent()) {
        if (!request.replace()) {
          throw new RefusedException("database " + copy + " exists: give another --copy-to, or --replace to drop "
              + "it first (only a copy logdex made is dropped)");
        }
        if (!existing.get()) {
          throw new RefusedException("database " + copy + " exists and logdex did not make it (its comment does "
              + "not say so): --replace drops only logdex's own copies");
        }
        DatabaseCopy.drop(admin, dialect, copy);
      }
      long bytes = DatabaseCopy.size(admin, dialect, source);
      long copyBytes = bytes;
      if (request.sampleRows() > 0 && dialect == Dialect.POSTGRESQL) {
        try (Connection c = server.readSource()) {
          copyBytes = SampledCopy.estimate(c, dialect, source, request.sampleRows());
        }
      } else if (request.sampleRows() > 0) {
        copyBytes = SampledCopy.estimate(admin, dialect, source, request.sampleRows());
      }
      progress.accept(String.format(Locale.ROOT, "copying %s (%s) to %s%s", source, Space.human(bytes), copy,
          request.sampleRows() > 0 ? ", about " + Space.human(copyBytes) + " sampled" : ""));
      Space.check(admin, dialect, server.isLocal(), copyBytes, request.force()).ifPresent(notes::add);
      long start = System.nanoTime();
      DatabaseCopy.Method method;
      if (dialect == Dialect.MYSQL) {
        method = DatabaseCopy.mysql(admin, source, copy, request.sampleRows());
      } else if (request.sampleRows() > 0) {
        method = DatabaseCopy.postgresSampled(server, admin, source, copy, request.sampleRows());
      } else {
        method = DatabaseCopy.postgres(server, admin, source, copy);
      }
      if (request.sampleRows() > 0) {
        notes.add(String.format(Locale.ROOT, "the copy holds about %,d rows of each larger table, with the rows "
            + "they reference: times are those of the sample, not of the whole database", request.sampleRows()));
      }
      double copySeconds = (System.nanoTime() - start) / 1e9;
      if (dialect == Dialect.MYSQL) {
        notes.add("the copy has the source's tables, keys and data; views, triggers and routines were not copied");
      }
      try {
        return onCopy(server, request, workload, steps, progress, notes, method, bytes, copySeconds);
      } finally {
        if (!request.keep()) {
          DatabaseCopy.drop(admin, dialect, copy);
        }
      }
    }
  }

  private static Rehearsed onCopy(Server server, Request request, Workload workload, List<Rehearsed.Step> steps,
      Consumer<String> progress, List<String> notes, DatabaseCopy.Method method, long bytes, double copySeconds)
      throws SQLException {
    Dialect dialect = server.dialect();
    String copy = request.copy();
    try (Connection owner = server.connect(copy)) {
      analyze(owner, dialect);
      ReplayLogin login = ReplayLogin.create(owner, dialect, copy);
      try (Connection replayConnection = server.connectAs(copy, login.user, login.password)) {
        Replay replay = new Replay(replayConnection, dialect, request.timeoutSeconds());
        SqlScanner scanner = dev.logdex.core.plan.Plans.sessionScanner(replayConnection, dialect);
        List<Planned> classes = classes(workload, scanner, request.maxClasses(), notes);
        progress.accept("replaying " + classes.stream().filter(Planned::replayed).count()
            + " query classes before the migration");
        Map<String, Timing> before = time(replay, classes, request);
        Set<String> indexesBefore = indexes(owner, dialect).keySet();
        List<Applied> applied = apply(server, copy, owner, steps, progress);
        Map<String, Timing> after = Map.of();
        List<IndexResult> indexResults = List.of();
        if (applied.stream().noneMatch(Applied::failed)) {
          analyze(owner, dialect);
          progress.accept("replaying after the migration");
          after = time(replay, classes, request);
          List<ClassResult> results = results(classes, before, after);
          indexResults = indexResults(indexes(owner, dialect), indexesBefore, applied, results);
          return new Rehearsed(server.sourceDatabase(), copy, method.label, bytes, copySeconds, request.keep(),
              request.rounds(), request.warmup(), request.timeoutSeconds(), applied, results, indexResults, notes);
        }
        notes.add("a migration statement failed: the rehearsal stopped there, and nothing was measured after it");
        return new Rehearsed(server.sourceDatabase(), copy, method.label, bytes, copySeconds, request.keep(),
            request.rounds(), request.warmup(), request.timeoutSeconds(), applied, results(classes, before, after),
            indexResults, notes);
      } finally {
        login.drop(owner, dialect);
      }
    }
  }

  /**
   * A class to replay, with its checked samples (replayed in turn, round by round), or none and why not.
   */
  private record Planned(QueryStats query, List<SingleStatement.Checked> samples, String skipped) {
    boolean replayed() {
      return !samples.isEmpty();
    }

    /** The sample of round {@code round} (warm-up rounds are negative): the same one before and after. */
    SingleStatement.Checked sample(int round) {
      return samples.get(Math.floorMod(round, samples.size()));
    }
  }

  private static List<Planned> classes(Workload workload, SqlScanner scanner, int max, List<String> notes) {
    List<Planned> out = new ArrayList<>();
    int left = 0;
    for (QueryStats q : workload.byTotalTime()) {
      Optional<StatementKind> kind = q.profile().map(p -> p.kind());
      if (q.analysis() instanceof StatementAnalysis.SystemCatalog || kind.isEmpty()
          || !Replay.REPLAYED.contains(kind.get())) {
        continue;
      }
      if (out.size() >= max) {
        left++;
        continue;
      }
      // Every sample passes the one-statement gate on its own; one that does not is left out, with the first
      // reason kept for when none passes.
      List<SingleStatement.Checked> ok = new ArrayList<>();
      String why = "";
      for (String sample : q.samples()) {
        try {
          SingleStatement.Checked s = SingleStatement.check(sample, scanner, Replay.REPLAYED);
          if (s.parameters() > 0 || s.placeholders()) {
            why = why.isEmpty() ? "the log has no values for its parameters" : why;
          } else {
            ok.add(s);
          }
        } catch (SingleStatement.RefusedException e) {
          why = why.isEmpty() ? e.getMessage() : why;
        }
      }
      out.add(new Planned(q, ok, ok.isEmpty() ? why : ""));
    }
    if (left > 0) {
      notes.add(left + " more query classes were not replayed (--classes " + max + " takes those with the most "
          + "total time)");
    }
    return out;
  }

  private static Map<String, Timing> time(Replay replay, List<Planned> classes, Request request)
      throws SQLException {
    Map<String, List<Replay.Run>> runs = new LinkedHashMap<>();
    Map<String, Boolean> gaveUp = new LinkedHashMap<>();
    for (int round = -request.warmup(); round < request.rounds(); round++) {
      for (Planned p : classes) {
        String id = p.query.fingerprint().id();
        if (!p.replayed() || gaveUp.getOrDefault(id, false)) {
          continue;
        }
        Replay.Run r = replay.run(p.sample(round));
        if (r.timedOut() || !r.error().isEmpty()) {
          gaveUp.put(id, true); // once out of time or failing, it would only be so again
        }
        if (round >= 0 || r.timedOut() || !r.error().isEmpty()) {
          runs.computeIfAbsent(id, k -> new ArrayList<>()).add(r);
        }
      }
    }
    Map<String, Timing> out = new LinkedHashMap<>();
    for (Planned p : classes) {
      List<Replay.Run> rs = runs.get(p.query.fingerprint().id());
      if (rs == null) {
        continue;
      }
      double[] m = Replay.medianP95Min(rs);
      String error = rs.stream().map(Replay.Run::error).filter(e -> !e.isEmpty()).findFirst().orElse("");
      out.put(p.query.fingerprint().id(), new Timing(m[2], m[0], m[1], rs.stream().anyMatch(Replay.Run::timedOut), error,
          replay.indexesUsed(p.sample(0))));
    }
    return out;
  }

  private static List<ClassResult> results(List<Planned> classes, Map<String, Timing> before,
      Map<String, Timing> after) {
    List<ClassResult> out = new ArrayList<>();
    for (Planned p : classes) {
      String id = p.query.fingerprint().id();
      out.add(new ClassResult(id, p.query.sample(), p.query.profile().map(x -> x.kind()).orElse(StatementKind.OTHER),
          p.query.calls(), Optional.ofNullable(before.get(id)), Optional.ofNullable(after.get(id)), p.skipped));
    }
    return out;
  }

  private static List<Applied> apply(Server server, String copy, Connection owner, List<Rehearsed.Step> steps,
      Consumer<String> progress) throws SQLException {
    List<Applied> out = new ArrayList<>();
    Dialect dialect = server.dialect();
    long pid = LockWatch.sessionOf(owner, dialect);
    try (Connection watcher = server.connect(copy)) {
      for (Rehearsed.Step s : steps) {
        progress.accept("applying " + s.source() + ":" + s.line());
        long start = System.nanoTime();
        try (LockWatch locks = new LockWatch(watcher, dialect, pid); Statement st = owner.createStatement()) {
          try {
            st.execute(s.sql());
          } catch (SQLException e) {
            String m = e.getMessage() == null ? e.toString() : e.getMessage();
            locks.close();
            out.add(new Applied(s, (System.nanoTime() - start) / 1e6, locks.waitedMs(),
                m.lines().findFirst().orElse("").strip()));
            break;
          }
          locks.close();
          out.add(new Applied(s, (System.nanoTime() - start) / 1e6, locks.waitedMs(), ""));
        }
      }
    }
    return out;
  }


  /** Brings the copy's statistics up to date, so that its plans are the source's. */
  private static void analyze(Connection owner, Dialect dialect) throws SQLException {
    try (Statement st = owner.createStatement()) {
      if (dialect == Dialect.POSTGRESQL) {
        st.execute("ANALYZE");
        return;
      }
      List<String> tables = new ArrayList<>();
      try (ResultSet rs = st.executeQuery("SELECT TABLE_NAME FROM information_schema.TABLES"
          + " WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE'")) {
        while (rs.next()) {
          tables.add(rs.getString(1));
        }
      }
      for (String t : tables) {
        try (ResultSet rs = st.executeQuery("ANALYZE TABLE " + Identifiers.quote(dialect, t))) {
          while (rs.next()) {
            // the server reports one row per table; nothing to read
          }
        }
      }
    }
  }

  /** An index of the copy: its table and its size on disk (-1 when the server does not say). */
  private record CopyIndex(String table, long bytes) {}

  /** Each index of the copy by name. */
  private static Map<String, CopyIndex> indexes(Connection owner, Dialect dialect) throws SQLException {
    Map<String, CopyIndex> out = new LinkedHashMap<>();
    String sql = dialect == Dialect.POSTGRESQL
        ? "SELECT n.nspname, t.relname, i.relname, pg_relation_size(i.oid) FROM pg_index x"
            + " JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid"
            + " JOIN pg_namespace n ON n.oid = t.relnamespace"
            + " WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'"
        : "SELECT DATABASE(), s.TABLE_NAME, s.INDEX_NAME, COALESCE(MAX(st.stat_value) * @@innodb_page_size, -1)"
            + " FROM information_schema.STATISTICS s LEFT JOIN mysql.innodb_index_stats st"
            + " ON st.database_name = s.TABLE_SCHEMA AND st.table_name = s.TABLE_NAME"
            + " AND st.index_name = s.INDEX_NAME AND st.stat_name = 'size'"
            + " WHERE s.TABLE_SCHEMA = DATABASE() GROUP BY s.TABLE_NAME, s.INDEX_NAME";
    try (PreparedStatement ps = owner.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        String schema = rs.getString(1);
        String table = dialect == Dialect.POSTGRESQL && !schema.equals("public") ? schema + "." + rs.getString(2)
            : rs.getString(2);
        out.put(rs.getString(3), new CopyIndex(table, rs.getLong(4)));
      }
    }
    return out;
  }

  private static List<IndexResult> indexResults(Map<String, CopyIndex> now, Set<String> before, List<Applied> applied,
      List<ClassResult> classes) {
    List<IndexResult> out = new ArrayList<>();
    for (Map.Entry<String, CopyIndex> e : now.entrySet()) {
      String name = e.getKey();
      if (before.contains(name)) {
        continue;
      }
      Applied made = applied.stream().filter(a -> mentions(a.step().sql(), name)).findFirst().orElse(null);
      List<ClassResult> using = classes.stream().filter(c -> c.after().isPresent()
          && c.after().get().indexes().contains(name)).toList();
      double gain = using.stream().mapToDouble(ClassResult::gainMs).sum();
      Verdict v;
      if (using.stream().anyMatch(ClassResult::faster) && gain > 0) {
        v = Verdict.MEASURED_FASTER;
      } else if (!using.isEmpty() && using.stream().allMatch(ClassResult::slower)) {
        v = Verdict.SLOWER;
      } else {
        v = Verdict.NO_EFFECT;
      }
      out.add(new IndexResult(e.getValue().table(), name, made == null ? "" : made.step().source(),
          made == null ? 0 : made.millis(), e.getValue().bytes(),
          using.stream().map(ClassResult::fingerprint).toList(), gain, v));
    }
    return out;
  }

  /** Whether {@code sql} names {@code index} as a whole word (quoted or not). */
  private static boolean mentions(String sql, String index) {
    String s = sql.toLowerCase(Locale.ROOT);
    String n = index.toLowerCase(Locale.ROOT);
    for (int i = s.indexOf(n); i >= 0; i = s.indexOf(n, i + 1)) {
      boolean startOk = i == 0 || !isNamePart(s.charAt(i - 1));
      int end = i + n.length();
      if (startOk && (end == s.length() || !isNamePart(s.charAt(end)))) {
        return true;
      }
    }
    return false;
  }

  private static boolean isNamePart(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '$';
  }
}
