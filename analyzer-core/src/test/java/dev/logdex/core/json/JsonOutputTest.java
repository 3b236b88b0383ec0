package dev.logdex.core.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.logdex.core.lex.ShownText;
import org.junit.jupiter.api.Test;

/**
 * JSON logdex writes can be printed: no character of it is one a terminal would act on, and a JSON reader gets back
 * exactly the text that went in, however hostile.
 */
class JsonOutputTest {

  private static final String HOSTILE = "a\u001b[2J\u0007b\u007fc\u009b31md\u202ee\u2066f\u2028g\u200fh\u0000i";

  @Test
  void everyCharacterATerminalWouldActOnIsEscapedAndReadBackTheSame() throws Exception {
    ObjectMapper m = JsonOutput.mapper();
    ObjectNode root = m.createObjectNode();
    root.put("sample", HOSTILE);
    root.put(HOSTILE, "as a name too");
    root.put("names", "café 注文 Zürich");
    String json = m.writeValueAsString(root);
    for (char c : json.toCharArray()) {
      assertThat(ShownText.unsafe(c) && c != '\n').as("U+%04X in %s", (int) c, json).isFalse();
    }
    assertThat(json).contains("\\u009b").contains("\\u202e").contains("\\u2028").contains("\\u007F")
        .contains("café 注文 Zürich");
    ObjectNode back = (ObjectNode) new ObjectMapper().readTree(json);
    assertThat(back.get("sample").asText()).isEqualTo(HOSTILE);
    assertThat(back.get(HOSTILE).asText()).isEqualTo("as a name too");
    assertThat(back.get("names").asText()).isEqualTo("café 注文 Zürich");
  }

  @Test
  void everyCharCodeIsEscapedExactlyWhenUnsafe() throws Exception {
    ObjectMapper m = JsonOutput.mapper();
    for (char c = 0; c < 0x3000; c++) {
      if (Character.isSurrogate(c)) {
        continue;
      }
      String json = m.writeValueAsString(String.valueOf(c));
      boolean escaped = json.startsWith("\"\\");
      boolean jsonOwn = c == '"' || c == '\\';
      assertThat(escaped).as("U+%04X written as %s", (int) c, json).isEqualTo(ShownText.unsafe(c) || jsonOwn);
      assertThat(new ObjectMapper().readValue(json, String.class)).isEqualTo(String.valueOf(c));
    }
  }
}
