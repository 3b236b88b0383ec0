package dev.logdex.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * logdex --help prints usage texts the build wrote into the jar: each must be what the whole command model prints,
 * and the light model that stands in when a text is missing must print the same.
 */
class HelpTextsTest {

  @Test
  void everyStoredUsageIsTheLiveOne() {
    Map<String, String> live = HelpTexts.all();
    assertThat(live).containsKeys("logdex.txt", "analyze.txt", "rehearse.txt");
    live.forEach((file, text) -> {
      String name = file.replace(".txt", "");
      String[] args = name.equals("logdex") ? new String[] {"--help"} : new String[] {name, "--help"};
      assertThat(HelpTexts.stored(args)).as(file + ": rebuild (mvn process-classes) if the options changed")
          .isEqualTo(text);
      assertThat(HelpTexts.usage(Logdex.helpAlone(args))).as("the light model of " + name).isEqualTo(text);
    });
  }

  @Test
  void onlyHelpAloneTakesTheShortWay() {
    assertThat(Logdex.helpAlone(new String[] {"analyze", "x.log"})).isNull();
    assertThat(Logdex.helpAlone(new String[] {"nosuch", "--help"})).isNull();
    assertThat(HelpTexts.stored(new String[] {"../../etc", "--help"})).isNull();
  }
}
