package dev.logdex.spark;

import dev.logdex.core.model.InputSummary;
import dev.logdex.core.schema.Schema;
import dev.logdex.core.snapshot.Snapshot;
import dev.logdex.core.snapshot.SnapshotJson;
import dev.logdex.core.workload.Workload;
import dev.logdex.readers.SkipAccount;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What a task read (of one file, or of several added up): the workload, the account of each input and the
 * statements. It travels between tasks and to the driver as snapshot JSON with no recommendations or findings,
 * which the snapshot format reads back exactly, so that parts add up as {@code logdex merge} adds snapshots.
 */
final class Partial {
  private Partial() {}

  /** A part as text. */
  static String write(String version, Schema schema, Workload workload, List<InputSummary> inputs,
      long statements) {
    StringWriter out = new StringWriter();
    try {
      SnapshotJson.write(new Snapshot(version, schema, workload, inputs, statements, List.of(), List.of()), out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /** A part read back. */
  static Snapshot read(String json) {
    try {
      return SnapshotJson.read(new StringReader(json), "a part of the job");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (SnapshotJson.UnreadableSnapshotException e) {
      throw new IllegalStateException("a part of the job could not be read back: " + e.getMessage(), e);
    }
  }

  /** Two parts added up: associative and commutative, as {@link Workload#merge} is. */
  static String merge(String a, String b) {
    Snapshot x = read(a);
    Snapshot y = read(b);
    // Ranges of one file each bring an account of their part of it: one account per file, as the command has.
    java.util.Map<String, InputSummary> byPath = new java.util.TreeMap<>();
    for (InputSummary in : x.inputs()) {
      byPath.merge(in.path() + "\0" + in.format(), in, SkipAccount::combine);
    }
    for (InputSummary in : y.inputs()) {
      byPath.merge(in.path() + "\0" + in.format(), in, SkipAccount::combine);
    }
    List<InputSummary> inputs = new ArrayList<>(byPath.values());
    inputs.sort(java.util.Comparator.comparing(InputSummary::path).thenComparing(InputSummary::format));
    return write(x.logdexVersion(), x.schema(), Workload.merge(x.workload(), y.workload()), inputs,
        x.statements() + y.statements());
  }
}
