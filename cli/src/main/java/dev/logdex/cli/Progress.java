package dev.logdex.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/** A one-line progress display on a terminal: bytes read of the total, and events per second. */
final class Progress implements AutoCloseable {
  private final PrintWriter err;
  private final String name;
  private final AtomicLong bytes;
  private final long size;
  private final LongSupplier events;
  private final long start = System.nanoTime();
  private final ScheduledExecutorService timer;

  private Progress(PrintWriter err, String name, AtomicLong bytes, long size, LongSupplier events) {
    this.err = err;
    this.name = name;
    this.bytes = bytes;
    this.size = size;
    this.events = events;
    this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "logdex-progress");
      t.setDaemon(true);
      return t;
    });
    timer.scheduleAtFixedRate(this::draw, 500, 500, TimeUnit.MILLISECONDS);
  }

  /** Starts a display, or returns a no-op when {@code enabled} is false. */
  static AutoCloseable start(boolean enabled, PrintWriter err, String name, AtomicLong bytes, long size,
      LongSupplier events) {
    return enabled ? new Progress(err, name, bytes, size, events) : () -> { };
  }

  private void draw() {
    double secs = Math.max(1e-9, (System.nanoTime() - start) / 1e9);
    long b = bytes.get();
    String of = size > 0 ? String.format(Locale.ROOT, " of %,.1f MB (%.0f%%)", size / 1e6, 100.0 * b / size) : "";
    synchronized (err) {
      err.printf(Locale.ROOT, "\r%s: %,.1f MB%s, %,.0f events/s   ",
          dev.logdex.core.report.Escape.terminalLine(name), b / 1e6, of, events.getAsLong() / secs);
      err.flush();
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
    synchronized (err) {
      err.print("\r" + " ".repeat(100) + "\r");
      err.flush();
    }
  }
}
