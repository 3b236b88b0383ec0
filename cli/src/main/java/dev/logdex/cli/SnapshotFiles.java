package dev.logdex.cli;

import dev.logdex.core.snapshot.Snapshot;
import dev.logdex.core.snapshot.SnapshotJson;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reading and writing snapshot files for the commands, with user-facing errors. */
final class SnapshotFiles {
  private SnapshotFiles() {}

  static Snapshot load(Path file) throws IOException {
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return SnapshotJson.read(in, file.toString());
    } catch (NoSuchFileException e) {
      throw new UserError(file + ": snapshot file not found");
    } catch (SnapshotJson.UnreadableSnapshotException e) {
      throw new UserError(e.getMessage());
    }
  }

  static void save(Snapshot s, Path file) throws IOException {
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      SnapshotJson.write(s, out);
    }
  }
}
