package dev.logdex.readers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How many threads add up events: what --threads says, else one for a small input, else one per CPU, at most 4. */
class WorkersTest {
  @TempDir
  Path dir;

  private static WorkloadReading.Request request(Optional<Integer> threads) {
    return new WorkloadReading.Request(List.of(), Optional.empty(), Optional.empty(), threads, Optional.empty(),
        Optional.empty(), "test", true, false);
  }

  private Path file(String name, long size) throws Exception {
    Path p = dir.resolve(name);
    try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
      f.setLength(size);
    }
    return p;
  }

  private static final int DEFAULT = Math.min(4, Runtime.getRuntime().availableProcessors());

  @Test
  void aLogUnderOneMegabyteIsAddedUpOnTheReadingThread() throws Exception {
    Path small = file("small.log", WorkloadReading.ONE_THREAD_BELOW_BYTES - 1);
    assertThat(WorkloadReading.workers(request(Optional.empty()), List.of(small.toString()))).isEqualTo(1);
  }

  @Test
  void smallLogsTogetherAtOneMegabyteOrMoreGetTheUsualThreads() throws Exception {
    Path a = file("a.log", WorkloadReading.ONE_THREAD_BELOW_BYTES / 2);
    Path b = file("b.log", WorkloadReading.ONE_THREAD_BELOW_BYTES / 2);
    assertThat(WorkloadReading.workers(request(Optional.empty()), List.of(a.toString(), b.toString())))
        .isEqualTo(DEFAULT);
  }

  @Test
  void aGzippedLogCountsAtEightTimesItsSize() throws Exception {
    Path gz = file("small.log.gz", WorkloadReading.ONE_THREAD_BELOW_BYTES / 8);
    assertThat(WorkloadReading.workers(request(Optional.empty()), List.of(gz.toString()))).isEqualTo(DEFAULT);
  }

  @Test
  void standardInputAndMissingFilesGetTheUsualThreads() throws Exception {
    assertThat(WorkloadReading.workers(request(Optional.empty()), List.of("-"))).isEqualTo(DEFAULT);
    assertThat(WorkloadReading.workers(request(Optional.empty()), List.of(dir.resolve("none.log").toString())))
        .isEqualTo(DEFAULT);
  }

  @Test
  void threadsGivenAreTakenWhateverTheSize() throws Exception {
    Path small = file("small.log", 100);
    assertThat(WorkloadReading.workers(request(Optional.of(3)), List.of(small.toString()))).isEqualTo(3);
    assertThatThrownBy(() -> WorkloadReading.workers(request(Optional.of(0)), List.of(small.toString())))
        .hasMessage("--threads: give 1 or more, not 0");
  }
}
