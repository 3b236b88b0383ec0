package dev.logdex.core.analysis;

import dev.logdex.core.workload.QueryStats;
import dev.logdex.core.workload.Timeline;
import dev.logdex.core.workload.Workload;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The workload over time as the reports draw it: each bucket's statements per second, total time and p95 latency,
 * and the time of the classes that cost the most over the whole period, the rest as "other".
 *
 * @param widthSeconds the length of each bucket
 * @param points the buckets, first to last, empty ones included
 * @param classes the fingerprint ids of the classes drawn on their own, the costliest first
 * @param latencyOfAll false when class filters left classes out, so the buckets have no p95
 */
public record Activity(long widthSeconds, List<Point> points, List<String> classes, boolean latencyOfAll) {

  /** No times in the logs. */
  public static final Activity NONE = new Activity(0, List.of(), List.of(), true);

  /** How many classes are drawn on their own. */
  static final int CLASSES = 5;

  public Activity {
    points = List.copyOf(points);
    classes = List.copyOf(classes);
  }

  /**
   * One bucket.
   *
   * @param start when it starts
   * @param calls statements run in it
   * @param perSecond statements per second over it
   * @param millis their total time
   * @param p95Millis the 95th percentile of the statements timed one by one, or {@code -1} when none was (or the
   *     classes were filtered)
   * @param classMillis the time of each of {@link #classes()}, in that order
   * @param otherMillis the time of every other class
   */
  public record Point(Instant start, long calls, double perSecond, double millis, double p95Millis,
      List<Double> classMillis, double otherMillis) {
    public Point {
      classMillis = List.copyOf(classMillis);
    }
  }

  /** The activity of {@code workload}, its classes drawn in order of {@code byTime} (costliest first). */
  static Activity of(Workload workload, List<QueryStats> byTime) {
    List<Timeline.Bucket> buckets = workload.buckets();
    if (buckets.isEmpty()) {
      return NONE;
    }
    List<String> classes = new ArrayList<>();
    for (QueryStats q : byTime) {
      if (classes.size() == CLASSES) {
        break;
      }
      if (!q.series().isEmpty()) {
        classes.add(q.fingerprint().id());
      }
    }
    List<Point> points = new ArrayList<>();
    for (Timeline.Bucket b : buckets) {
      List<Double> own = new ArrayList<>();
      double drawn = 0;
      for (String id : classes) {
        double ms = b.byClass().getOrDefault(id, 0.0);
        own.add(ms);
        drawn += ms;
      }
      points.add(new Point(b.start(), b.calls(), b.perSecond(), b.millis(),
          b.latency().isEmpty() ? -1 : b.latency().percentileMillis(95), own, Math.max(0, b.millis() - drawn)));
    }
    return new Activity(workload.timeline().width(), points, classes, workload.timeline().latencyOfAll());
  }

  /** The bucket with the most time (the most statements, for an untimed log), the earliest of equals. */
  public Optional<Point> busiest() {
    Point best = null;
    for (Point p : points) {
      if (best == null || key(p) > key(best)) {
        best = p;
      }
    }
    return Optional.ofNullable(best);
  }

  private static double key(Point p) {
    return p.millis() > 0 ? p.millis() : p.calls() * 1e-9;
  }

  /** Whether there is anything to draw. */
  public boolean isEmpty() {
    return points.isEmpty();
  }
}
