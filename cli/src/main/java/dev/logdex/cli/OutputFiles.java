package dev.logdex.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** Checks a file logdex is asked to write before any work is done, so that a long analysis is not lost at the end. */
final class OutputFiles {
  private OutputFiles() {}

  /** Fails with a user error naming {@code option} and {@code file} when the file cannot be written. */
  static void checkWritable(String option, Path file) {
    if (file == null) {
      return;
    }
    if (Files.isDirectory(file)) {
      throw new UserError(option + " " + file + ": is a directory; give a file name");
    }
    Path parent = file.toAbsolutePath().getParent();
    if (parent == null || !Files.isDirectory(parent)) {
      throw new UserError(option + " " + file + ": the directory " + parent + " does not exist");
    }
    if (Files.exists(file) ? !Files.isWritable(file) : !Files.isWritable(parent)) {
      throw new UserError(option + " " + file + ": permission denied");
    }
  }
}
