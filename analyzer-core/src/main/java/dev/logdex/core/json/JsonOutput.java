package dev.logdex.core.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.logdex.core.lex.ShownText;

/**
 * JSON as logdex writes it, to standard output or a file someone may {@code cat}: indented, and safe to print. Jackson
 * escapes C0 controls, which JSON requires; this escapes too what a terminal would act on or show in another order
 * (DEL, C1 controls such as U+009B, the CSI of an escape sequence, bidirectional overrides and isolates, line
 * and paragraph separators), as backslash-u escapes, which every JSON reader turns back into the same text. Log text
 * is hostile: a statement's literal must not reach a terminal as a control, in any format.
 */
public final class JsonOutput {
  private JsonOutput() {}

  /**
   * An indented mapper whose generators escape every {@link ShownText#unsafe} character and leave their target
   * open.
   */
  public static ObjectMapper mapper() {
    JsonFactory factory = new JsonFactoryBuilder().characterEscapes(TerminalEscapes.INSTANCE).build();
    return new ObjectMapper(factory).enable(SerializationFeature.INDENT_OUTPUT)
        .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
  }

  /** JSON's own escapes, and a backslash-u escape for every other {@link ShownText#unsafe} character. */
  private static final class TerminalEscapes extends CharacterEscapes {
    static final TerminalEscapes INSTANCE = new TerminalEscapes();

    private final int[] ascii;

    private TerminalEscapes() {
      ascii = CharacterEscapes.standardAsciiEscapesForJSON();
      ascii[0x7f] = CharacterEscapes.ESCAPE_STANDARD;
    }

    @Override
    public int[] getEscapeCodesForAscii() {
      return ascii;
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
      return ch <= 0xffff && ShownText.unsafe((char) ch)
          ? new SerializedString(String.format("\\u%04x", ch)) : null;
    }
  }
}
