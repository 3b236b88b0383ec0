package dev.logdex.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Writes a large, realistic query log for the side-by-side benchmark: a MySQL slow log or a PostgreSQL stderr log
 * ({@code log_line_prefix = '%m [%p] %q%u@%d '}, {@code log_min_duration_statement = 0}).
 *
 * <p>The workload is an application's: a few thousand distinct statement shapes over a shop schema, chosen with a
 * Zipf-like long tail (a few shapes make most of the traffic, most shapes are rare), with every literal varied, IN
 * lists of varying length, some statements over several lines, and latencies drawn from a log-normal distribution
 * per shape. The output is the same for the same arguments.
 *
 * <p>Usage: {@code LogGenerator slow|postgres OUT SIZE_MB [DISTINCT] [SEED]}
 */
public final class LogGenerator {
  private static final String[] TABLES = {"users", "orders", "order_items", "products", "reviews", "sessions",
      "payments", "shipments", "carts", "cart_items", "categories", "addresses", "coupons", "events", "invoices"};
  private static final String[] COLUMNS = {"id", "user_id", "order_id", "product_id", "status", "created_at",
      "updated_at", "deleted_at", "email", "price_cents", "quantity", "category_id", "country", "type",
      "expires_at", "total_cents", "sku", "name"};
  private static final String[] STATUS = {"pending", "paid", "shipped", "cancelled", "refunded", "it's late"};

  private final SplittableRandom random;
  private final int distinct;
  private final double[] cumulative;

  LogGenerator(int distinct, long seed) {
    this.random = new SplittableRandom(seed);
    this.distinct = distinct;
    // Zipf with s = 1.1 over the shapes: shape 0 is the hottest.
    cumulative = new double[distinct];
    double sum = 0;
    for (int k = 0; k < distinct; k++) {
      sum += 1 / Math.pow(k + 1, 1.1);
      cumulative[k] = sum;
    }
    for (int k = 0; k < distinct; k++) {
      cumulative[k] /= sum;
    }
  }

  public static void main(String[] args) throws IOException {
    if (args.length < 3) {
      System.err.println("usage: LogGenerator slow|postgres OUT SIZE_MB [DISTINCT] [SEED]");
      System.exit(2);
    }
    boolean slow = switch (args[0]) {
      case "slow" -> true;
      case "postgres" -> false;
      default -> throw new IllegalArgumentException("format must be slow or postgres, was " + args[0]);
    };
    long bytes = (long) (Double.parseDouble(args[2]) * 1024 * 1024); // 0.1: a 100 KB log
    int distinct = args.length > 3 ? Integer.parseInt(args[3]) : 3000;
    long seed = args.length > 4 ? Long.parseLong(args[4]) : 42;
    LogGenerator g = new LogGenerator(distinct, seed);
    try (Writer out = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(Path.of(args[1])),
        StandardCharsets.UTF_8), 1 << 16)) {
      long written = slow ? g.writeSlowLog(out, bytes) : g.writePostgresLog(out, bytes);
      System.err.printf(Locale.ROOT, "wrote %,d events to %s%n", written, args[1]);
    }
  }

  private int shape() {
    double u = random.nextDouble();
    int lo = 0;
    int hi = distinct - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (cumulative[mid] < u) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** A latency in microseconds: log-normal around a median that depends on the shape. */
  private long latencyMicros(int shape) {
    double median = 200 + (shape * 7919L % 50_000);
    return Math.max(1, Math.round(median * Math.exp(random.nextGaussian() * 0.8)));
  }

  /** Writes one entry of a log format: a statement of {@code shape} that took {@code took} µs, at {@code micros}. */
  private interface EntryFormat {
    void append(StringBuilder b, int shape, long took, long micros);
  }

  /** Writes entries until {@code bytes} are written; returns how many. */
  private long write(Writer out, long bytes, EntryFormat format) throws IOException {
    long events = 0;
    long size = 0;
    long micros = Instant.parse("2026-11-20T00:00:00Z").toEpochMilli() * 1000;
    StringBuilder b = new StringBuilder(512);
    while (size < bytes) {
      int shape = shape();
      long took = latencyMicros(shape);
      micros += 1 + random.nextInt(2000);
      b.setLength(0);
      format.append(b, shape, took, micros);
      out.append(b);
      size += b.length();
      events++;
    }
    return events;
  }

  private static Instant at(long micros) {
    return Instant.ofEpochSecond(micros / 1_000_000, micros % 1_000_000 * 1000);
  }

  long writeSlowLog(Writer out, long bytes) throws IOException {
    DateTimeFormatter time = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'", Locale.ROOT)
        .withZone(ZoneOffset.UTC);
    out.write("/usr/sbin/mysqld, Version: 8.0.36 (MySQL Community Server - GPL). started with:\n"
        + "Tcp port: 3306  Unix socket: /run/mysqld/mysqld.sock\nTime                 Id Command    Argument\n");
    return write(out, bytes, (b, shape, took, micros) -> {
      b.append("# Time: ").append(time.format(at(micros)))
          .append("\n# User@Host: app[app] @ app-").append(shape % 7).append(" [10.0.0.").append(shape % 250)
          .append("]  Id: ").append(1000 + shape % 300).append('\n');
      b.append(String.format(Locale.ROOT, "# Query_time: %d.%06d  Lock_time: 0.%06d  Rows_sent: %d  Rows_examined: %d%n",
          took / 1_000_000, took % 1_000_000, random.nextInt(200), random.nextInt(50), random.nextInt(5000)));
      b.append("SET timestamp=").append(micros / 1_000_000).append(";\n");
      statement(b, shape, true);
      b.append(";\n");
    });
  }

  long writePostgresLog(Writer out, long bytes) throws IOException {
    DateTimeFormatter time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS 'UTC'", Locale.ROOT)
        .withZone(ZoneOffset.UTC);
    return write(out, bytes, (b, shape, took, micros) -> {
      b.append(time.format(at(micros)))
          .append(" [").append(20000 + shape % 300).append("] app@shop LOG:  duration: ")
          .append(took / 1000).append('.').append(String.format(Locale.ROOT, "%03d", took % 1000))
          .append(" ms  statement: ");
      statement(b, shape, false);
      b.append('\n');
      if (random.nextInt(500) == 0) { // now and then a message that is not a statement
        b.append(time.format(at(micros - micros % 1_000_000))).append(" [")
            .append(20000 + shape % 300).append("] app@shop LOG:  checkpoint starting: time\n");
      }
    });
  }

  /**
   * Appends a statement of {@code shape}: its structure is a function of the shape alone, its literals are random.
   */
  void statement(StringBuilder b, int shape, boolean mysql) {
    int table = shape % TABLES.length;
    int kind = shape / TABLES.length % 10;
    int c1 = shape / 150 % COLUMNS.length;
    int c2 = (c1 + 1 + shape / 7 % 5) % COLUMNS.length;
    int variant = shape / (150 * COLUMNS.length);
    String t = TABLES[table];
    boolean multiLine = shape % 11 == 3;
    String nl = multiLine ? "\n" + (mysql ? "  " : "\t") : " ";
    if (shape % 13 == 0) {
      b.append("/* app:").append(TABLES[(shape / 13) % TABLES.length]).append("#index */ ");
    }
    switch (kind) {
      case 0, 1, 2, 3 -> {
        b.append("SELECT ").append(kind == 3 ? "count(*)" : "t.*").append(nl).append("FROM ").append(t)
            .append(" t").append(nl).append("WHERE t.").append(COLUMNS[c1]).append(" = ");
        literal(b, c1);
        if (kind >= 1) {
          b.append(" AND t.").append(COLUMNS[c2]).append(kind == 2 ? " > " : " = ");
          literal(b, c2);
        }
        if (variant % 2 == 1) {
          b.append(" AND t.deleted_at IS NULL");
        }
        if (kind != 3) {
          b.append(nl).append("ORDER BY t.created_at DESC LIMIT ").append(10 + 10 * (variant % 5));
        }
      }
      case 4 -> {
        b.append("SELECT t.id, t.").append(COLUMNS[c2]).append(" FROM ").append(t).append(" t WHERE t.")
            .append(COLUMNS[c1]).append(" IN (");
        int n = 1 + random.nextInt(40);
        for (int i = 0; i < n; i++) {
          b.append(i == 0 ? "" : ", ");
          literal(b, c1);
        }
        b.append(")");
      }
      case 5 -> {
        String other = TABLES[(table + 1 + variant) % TABLES.length];
        b.append("SELECT a.id, b.").append(COLUMNS[c2]).append(nl).append("FROM ").append(t).append(" a").append(nl)
            .append("JOIN ").append(other).append(" b ON b.").append(COLUMNS[c1]).append(" = a.id").append(nl)
            .append("WHERE a.").append(COLUMNS[c2]).append(" = ");
        literal(b, c2);
        b.append(" AND b.created_at >= ");
        literal(b, 5);
      }
      case 6 -> {
        b.append("UPDATE ").append(t).append(" SET ").append(COLUMNS[c2]).append(" = ");
        literal(b, c2);
        b.append(", updated_at = ");
        literal(b, 6);
        b.append(" WHERE id = ");
        literal(b, 0);
      }
      case 7 -> {
        b.append("INSERT INTO ").append(t).append(" (").append(COLUMNS[c1]).append(", ").append(COLUMNS[c2])
            .append(", created_at) VALUES ");
        int rows = 1 + random.nextInt(5);
        for (int i = 0; i < rows; i++) {
          b.append(i == 0 ? "(" : ", (");
          literal(b, c1);
          b.append(", ");
          literal(b, c2);
          b.append(", ");
          literal(b, 5);
          b.append(')');
        }
      }
      case 8 -> {
        b.append("DELETE FROM ").append(t).append(" WHERE ").append(COLUMNS[c1]).append(" = ");
        literal(b, c1);
        b.append(" AND created_at < ");
        literal(b, 5);
      }
      default -> {
        b.append("SELECT t.").append(COLUMNS[c1]).append(", count(*) AS n, sum(t.total_cents)").append(nl)
            .append("FROM ").append(t).append(" t WHERE t.created_at BETWEEN ");
        literal(b, 5);
        b.append(" AND ");
        literal(b, 5);
        b.append(nl).append("GROUP BY t.").append(COLUMNS[c1]).append(" ORDER BY n DESC LIMIT ")
            .append(5 + variant % 20);
      }
    }
  }

  private void literal(StringBuilder b, int column) {
    switch (COLUMNS[column]) {
      case "status" -> b.append('\'').append(STATUS[random.nextInt(STATUS.length)].replace("'", "''")).append('\'');
      case "created_at", "updated_at", "deleted_at", "expires_at" -> b.append(String.format(Locale.ROOT,
          "'2026-%02d-%02d %02d:%02d:%02d'", 1 + random.nextInt(12), 1 + random.nextInt(28), random.nextInt(24),
          random.nextInt(60), random.nextInt(60)));
      case "email" -> b.append("'user").append(random.nextInt(1_000_000)).append("@example.com'");
      case "country" -> b.append('\'').append((char) ('A' + random.nextInt(26))).append((char) ('A' + random.nextInt(
          26))).append('\'');
      case "type", "sku", "name" -> b.append("'x-").append(Long.toHexString(random.nextLong() >>> 20)).append('\'');
      case "price_cents", "total_cents" -> b.append(random.nextInt(100_000)).append('.').append(random.nextInt(100));
      default -> b.append(1 + random.nextInt(10_000_000));
    }
  }
}
