package dev.logdex.core.workload;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Where a class's calls came from adds up the same in any order, and stays bounded on a server of many databases. */
class OriginsTest {

  private static Origins record(List<String[]> events) {
    Origins.Recorder r = new Origins.Recorder();
    events.forEach(e -> r.add(e[0], e[1], 1));
    return r.toOrigins();
  }

  @Test
  void anyOrderAndAnySplitGiveTheSameCountsWithTheFirstTwentyNamesKept() {
    List<String[]> events = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      events.add(new String[] {String.format("tenant_%03d", i % 37), i % 3 == 0 ? "batch" : "app"});
    }
    Origins whole = record(events);
    assertThat(whole.databases()).hasSize(Origins.KEEP).containsKey("tenant_000").doesNotContainKey("tenant_036");
    assertThat(whole.databases().values().stream().mapToLong(Long::longValue).sum() + whole.otherDatabases())
        .isEqualTo(500);
    assertThat(whole.users()).containsEntry("batch", 167L).containsEntry("app", 333L);
    List<String[]> shuffled = new ArrayList<>(events);
    Collections.shuffle(shuffled, new Random(7));
    Origins split = record(shuffled.subList(0, 123)).plus(record(shuffled.subList(123, 500)));
    assertThat(split).isEqualTo(whole);
    assertThat(record(shuffled.subList(123, 500)).plus(record(shuffled.subList(0, 123)))).isEqualTo(whole);
  }

  @Test
  void aLogThatNamesNoDatabaseOrUserHasNoOrigins() {
    assertThat(record(List.of(new String[] {"", ""}, new String[] {"", ""}))).isEqualTo(Origins.NONE);
  }
}
