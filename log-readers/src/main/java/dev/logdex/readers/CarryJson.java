package dev.logdex.readers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.function.BiConsumer;

/** The carries and effects of {@link RangeReading}s as JSON text: small objects, read and written here. */
final class CarryJson {
  private CarryJson() {}

  static final ObjectMapper JSON = new ObjectMapper();

  /** {@code text} read back; a carry or an effect logdex did not write is an {@link IllegalArgumentException}. */
  static JsonNode read(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new IllegalArgumentException("not a range's carry or effect: " + e.getMessage(), e);
    }
  }

  /** The carry after a range: {@code apply} changes a copy of {@code carry} by {@code effect}. */
  static String after(String carry, String effect, BiConsumer<ObjectNode, JsonNode> apply) {
    ObjectNode c = (ObjectNode) read(carry);
    apply.accept(c, read(effect));
    return c.toString();
  }
}
