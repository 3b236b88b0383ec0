package dev.logdex.core.workload;

import dev.logdex.core.dialect.ExpressionKey;
import dev.logdex.core.fingerprint.Fingerprinter;
import dev.logdex.core.model.ColumnUse;
import dev.logdex.core.model.StatementProfile;
import dev.logdex.core.model.TableAccess;
import dev.logdex.core.model.UseKind;
import dev.logdex.core.sql.StatementAnalysis;
import dev.logdex.core.sql.UsageExtractor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Which literal values every call of a query class writes alike. A class groups calls that differ only in their
 * literals; some of those are values the application passes ({@code id = 42}), others are part of its code
 * ({@code status = 'pending'}), the same in every call. A literal is counted by its place among the statement's
 * literals (strings and numbers, in the order of the text, bind parameters not counted), for the first
 * {@link #TRACKED} places; calls with another number of literals make every place vary.
 *
 * <p>Immutable; {@link #plus} is associative and commutative, so threads, files and snapshots add up the same.
 */
public final class Constants {

  /** Places tracked. */
  public static final int TRACKED = 64;

  /** No literal seen. */
  public static final Constants NONE = new Constants(0, new long[0], 0);

  private final int count;
  private final long[] hashes; // by place, meaningful where the mask has the place's bit
  private final long mask;

  private Constants(int count, long[] hashes, long mask) {
    this.count = count;
    this.hashes = hashes;
    this.mask = mask;
  }

  /**
   * The constants read back from a snapshot: the number of literals per call, and the hash of each place whose
   * literal is the same in every call.
   */
  public static Constants of(int count, Map<Integer, Long> constant) {
    if (count < 0) {
      throw new IllegalArgumentException("literals: count must be >= 0");
    }
    long[] hashes = new long[Math.min(count, TRACKED)];
    long mask = 0;
    for (Map.Entry<Integer, Long> e : constant.entrySet()) {
      int i = e.getKey();
      if (i < 0 || i >= hashes.length) {
        throw new IllegalArgumentException("literals: place " + i + " out of range");
      }
      hashes[i] = e.getValue();
      mask |= 1L << i;
    }
    return new Constants(count, hashes, mask);
  }

  /** How many literals each call writes. */
  public int count() {
    return count;
  }

  /** Whether every call writes the same literal at place {@code i}. */
  public boolean isConstant(int i) {
    return i >= 0 && i < hashes.length && (mask >>> i & 1) != 0;
  }

  /** The hash of the literal every call writes at place {@code i} (see {@code Fingerprinter.literalHash}). */
  public long hash(int i) {
    if (!isConstant(i)) {
      throw new IllegalArgumentException("place " + i + " is not constant");
    }
    return hashes[i];
  }

  /** The constant places and their hashes, in order. */
  public Map<Integer, Long> constant() {
    Map<Integer, Long> out = new TreeMap<>();
    for (int i = 0; i < hashes.length; i++) {
      if (isConstant(i)) {
        out.put(i, hashes[i]);
      }
    }
    return out;
  }

  /** Both added: a place stays constant where both had the same literal there. */
  public Constants plus(Constants o) {
    if (o == NONE || o.count == 0 && count == 0) {
      return this;
    }
    if (this == NONE) {
      return o;
    }
    if (count != o.count) {
      return new Constants(Math.max(count, o.count), new long[Math.min(Math.max(count, o.count), TRACKED)], 0);
    }
    long m = mask & o.mask;
    for (int i = 0; i < hashes.length; i++) {
      if (hashes[i] != o.hashes[i]) {
        m &= ~(1L << i);
      }
    }
    long[] h = hashes.clone();
    for (int i = 0; i < h.length; i++) {
      if ((m >>> i & 1) == 0) {
        h[i] = 0; // a varying place keeps no value, so that equal constants are equal objects
      }
    }
    return new Constants(count, h, m);
  }

  /**
   * {@code analysis} with each literal it keeps from the first call read made to hold for every call, so that the
   * result does not depend on the order of the logs: an equality's literal ({@code = 'pending'}) is kept only where
   * every call writes it, and blanked otherwise; an expression's ({@code date_trunc('day', c)}) likewise, and
   * marked as {@linkplain ExpressionKey#VARIES varying} otherwise, as no one index on it serves every call.
   */
  public StatementAnalysis settle(StatementAnalysis analysis) {
    if (!(analysis instanceof StatementAnalysis.Parsed p)) {
      return analysis;
    }
    boolean changed = false;
    List<TableAccess> accesses = new ArrayList<>();
    for (TableAccess a : p.profile().accesses()) {
      List<ColumnUse> uses = new ArrayList<>();
      for (ColumnUse u : a.uses()) {
        ColumnUse settled = settle(u);
        changed |= settled != u;
        uses.add(settled);
      }
      accesses.add(new TableAccess(a.table(), uses, a.sortServed(), a.limited()));
    }
    if (!changed) {
      return analysis;
    }
    StatementProfile f = p.profile();
    return new StatementAnalysis.Parsed(new StatementProfile(f.kind(), accesses, f.tablesRead(), f.tablesWritten(),
        f.unresolved()), p.parser());
  }

  private ColumnUse settle(ColumnUse u) {
    if (u.kind() == UseKind.EQUALITY && u.detail().startsWith(UsageExtractor.LITERAL)) {
      return written(u.detail().substring(UsageExtractor.LITERAL.length())) ? u
          : new ColumnUse(u.column(), u.kind(), u.descending(), "");
    }
    if (u.kind() == UseKind.EXPRESSION_EQUALITY || u.kind() == UseKind.EXPRESSION_RANGE) {
      Optional<ExpressionKey> key = ExpressionKey.ofDetail(u.detail(), u.column().column());
      Optional<String> literal = key.flatMap(ExpressionKey::literal);
      if (literal.isPresent() && !written(literal.get())) {
        return new ColumnUse(u.column(), u.kind(), u.descending(), ExpressionKey.varyingDetail(key.get().function()));
      }
    }
    return u;
  }

  /** Whether every call writes {@code literal} (as SQL) at one place. */
  private boolean written(String literal) {
    long h = Fingerprinter.literalHash(literal, 0, literal.length());
    for (int i = 0; i < hashes.length; i++) {
      if (isConstant(i) && hashes[i] == h) {
        return true;
      }
    }
    return false;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Constants c && count == c.count && mask == c.mask && Arrays.equals(hashes, c.hashes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(hashes) * 31 + Long.hashCode(mask) + count;
  }

  @Override
  public String toString() {
    return "Constants[" + count + " literals, " + Long.bitCount(mask) + " constant]";
  }

  /** Collects a class's literals as its calls are read. Not thread-safe. */
  static final class Recorder {
    private boolean seen;
    private int count;
    private final long[] hashes = new long[TRACKED];
    private long mask;

    /** Adds one call that wrote {@code n} literals, the first of whose hashes are in {@code values}. */
    void add(long[] values, int n) {
      if (!seen) {
        seen = true;
        count = n;
        System.arraycopy(values, 0, hashes, 0, Math.min(n, TRACKED));
        mask = n >= TRACKED ? -1L : (1L << n) - 1;
        return;
      }
      if (n != count) {
        count = Math.max(count, n);
        mask = 0;
        return;
      }
      for (int i = 0; i < Math.min(n, TRACKED) && mask != 0; i++) {
        if (hashes[i] != values[i]) {
          mask &= ~(1L << i);
        }
      }
    }

    Constants toConstants() {
      if (!seen || count == 0) {
        return NONE;
      }
      long[] h = Arrays.copyOf(hashes, Math.min(count, TRACKED));
      for (int i = 0; i < h.length; i++) {
        if ((mask >>> i & 1) == 0) {
          h[i] = 0;
        }
      }
      return new Constants(count, h, mask);
    }
  }
}
