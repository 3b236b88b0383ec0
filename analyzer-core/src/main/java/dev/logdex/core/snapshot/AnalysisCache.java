package dev.logdex.core.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.logdex.core.schema.Schema;
import dev.logdex.core.schema.Table;
import dev.logdex.core.sql.StatementAnalysis;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The analyses of statement classes kept between runs, by fingerprint, so that a run over logs like the last ones
 * parses only what it has not seen. An analysis depends on the schema (names resolve against it) and on the code
 * that made it, so the file carries a key of both, and a file with another key is not used.
 *
 * <p>Format: {@code {"key": "...", "analyses": {"<fingerprint>": {parser, kind, accesses, ...}}}}, each analysis
 * written as snapshots write theirs.
 */
public final class AnalysisCache {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private AnalysisCache() {}

  /**
   * What an analysis holds, beyond the version: raised when a build of one version analyses differently, so that a
   * cache made before is rebuilt. 2: tables named with their schema (app.users), system catalog statements. 3:
   * PostgreSQL's {@code ::} bound to the value, a char(n) column compared with text no index key, a partition's
   * name its table's. 4: {@code IN ($1)} an equality, {@code = ANY($1)} an IN. 5: ILIKE no range. 6: a LIKE prefix
   * on an expression said to be one. 7: a sort or grouping key's expression says so. 8: lower() and upper() of
   * {@code col::text} an expression of col; {@code OPERATOR(pg_catalog.=)} read as {@code =}. 9: MySQL's
   * {@code LOCK IN SHARE MODE} read. 10: MySQL's {@code SELECT ... INTO @v} read.
   */
  static final int ANALYSIS_FORMAT = 10;

  /**
   * The key for analyses made by logdex {@code version} against {@code schema}: its dialect, the names of its
   * tables, their columns with their types (a char(n) column compared with text is no index key) and their
   * partitions (a statement that names one reads its table), which is all an analysis reads of it (row counts and
   * statistics change from run to run and do not count).
   */
  public static String key(String version, Schema schema) {
    StringBuilder names = new StringBuilder(version).append('\n').append(ANALYSIS_FORMAT).append('\n')
        .append(schema.dialect().label()).append('\n');
    schema.tables().stream().sorted(java.util.Comparator.comparing(Table::schema).thenComparing(Table::name))
        .forEach(t -> {
          names.append(t.schema()).append('.').append(t.name()).append(':');
          t.columns().forEach(c -> names.append(c.name()).append(' ').append(c.type()).append(','));
          dev.logdex.core.model.Partition.all(t.partitions())
              .forEach(p -> names.append(" partition ").append(p.schema()).append('.').append(p.name()));
          names.append('\n');
        });
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha.digest(names.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this Java", e);
    }
  }

  /** Writes {@code analyses} under {@code key}, ordered by fingerprint. */
  public static void write(Writer out, String key, Map<String, StatementAnalysis> analyses) throws IOException {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("key", key);
    ObjectNode all = root.putObject("analyses");
    new TreeMap<>(analyses).forEach((id, a) -> SnapshotJson.putAnalysis(all.putObject(id), a));
    MAPPER.writeValue(out, root);
  }

  /**
   * The analyses in {@code in}, when it was written under {@code key}; empty when the key differs (another schema or
   * logdex version).
   *
   * @throws IOException when {@code in} is not a cache file (not JSON, or damaged)
   */
  public static Optional<Map<String, StatementAnalysis>> read(Reader in, String key) throws IOException {
    JsonNode root = MAPPER.readTree(in);
    if (root == null || !root.path("key").asText().equals(key)) {
      return Optional.empty();
    }
    Map<String, StatementAnalysis> out = new LinkedHashMap<>();
    try {
      root.path("analyses").fields().forEachRemaining(e -> out.put(e.getKey(), SnapshotJson.readAnalysis(
          e.getValue())));
    } catch (IllegalArgumentException e) {
      throw new IOException("damaged analysis cache: " + e.getMessage(), e);
    }
    return Optional.of(out);
  }
}
