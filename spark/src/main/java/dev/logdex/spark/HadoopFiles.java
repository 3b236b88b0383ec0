package dev.logdex.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The job's files on any Hadoop file system (local, {@code hdfs://}, {@code s3a://} when the cluster has its
 * connector): globs expanded, files opened, and names given as the command would give them.
 */
final class HadoopFiles {
  private HadoopFiles() {}

  /**
   * The Hadoop settings of the job (credentials and endpoints of the file systems among them), as plain entries:
   * a {@link Configuration} is not serializable, so tasks rebuild it from these.
   */
  record Settings(Map<String, String> entries) implements Serializable {
    static Settings of(Configuration conf) {
      Map<String, String> m = new TreeMap<>();
      conf.forEach(e -> m.put(e.getKey(), e.getValue()));
      return new Settings(Collections.unmodifiableMap(m));
    }

    Configuration configuration() {
      Configuration c = new Configuration(false);
      entries.forEach(c::set);
      return c;
    }
  }

  /** A user's mistake in naming the inputs, said in one line. */
  static final class InputError extends RuntimeException {
    InputError(String message) {
      super(message);
    }
  }

  /**
   * The files {@code inputs} name (paths or globs), each pattern's in the file system's order; a pattern that
   * matches nothing, or names a directory, is an {@link InputError}.
   */
  static List<String> expand(Configuration conf, List<String> inputs) throws IOException {
    List<String> files = new ArrayList<>();
    for (String in : inputs) {
      Path p = new Path(in);
      FileSystem fs = p.getFileSystem(conf);
      FileStatus[] found = fs.globStatus(p);
      if (found == null || found.length == 0) {
        throw new InputError(in + ": no file matches");
      }
      for (FileStatus f : found) {
        if (f.isDirectory()) {
          throw new InputError(f.getPath() + ": is a directory, not a log; give the files in it, or a glob such as '"
              + new Path(f.getPath(), "*.log") + "'");
        }
        files.add(f.getPath().toString());
      }
    }
    return files;
  }

  /**
   * How the command names the file at {@code uri}: a local file by its path ({@code /var/log/x.log}), any other by
   * its URI ({@code s3a://logs/x.log}). Reports and snapshots show this name.
   */
  static String name(String uri) {
    Path p = new Path(uri);
    String scheme = p.toUri().getScheme();
    return scheme == null || scheme.equals("file") ? p.toUri().getPath() : uri;
  }

  /**
   * The server a log came from, for {@code --group-by host}: the name of the directory it is in, as a fleet keeps
   * its logs ({@code s3a://logs/2026-11-28/db1/postgresql.log.gz} is db1's).
   */
  static String host(String uri) {
    Path parent = new Path(uri).getParent();
    return parent == null ? "" : parent.getName();
  }

  /** The bytes of the file at {@code uri} from {@code start} on; {@code length} of them, or to the end when -1. */
  static InputStream range(Configuration conf, String uri, long start, long length) throws IOException {
    Path p = new Path(uri);
    org.apache.hadoop.fs.FSDataInputStream in = p.getFileSystem(conf).open(p);
    in.seek(start);
    return length < 0 ? in : new Bounded(in, length);
  }

  /** A stream that ends after {@code left} bytes of another. */
  private static final class Bounded extends java.io.FilterInputStream {
    private long left;

    Bounded(InputStream in, long left) {
      super(in);
      this.left = left;
    }

    @Override
    public int read() throws IOException {
      if (left <= 0) {
        return -1;
      }
      int b = super.read();
      if (b >= 0) {
        left--;
      }
      return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
      if (left <= 0) {
        return -1;
      }
      int n = super.read(buf, off, (int) Math.min(len, left));
      if (n > 0) {
        left -= n;
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      long s = super.skip(Math.min(n, left));
      left -= s;
      return s;
    }

    @Override
    public int available() throws IOException {
      return (int) Math.min(super.available(), left);
    }
  }

  /** The size of the file at {@code uri}. */
  static long size(Configuration conf, String uri) throws IOException {
    Path p = new Path(uri);
    return p.getFileSystem(conf).getFileStatus(p).getLen();
  }
}
