package dev.logdex.readers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The byte-level line reader gives exactly what a BufferedReader over a replacing UTF-8 decoder gives, line by line
 * and char by char, whatever the bytes and wherever its buffer ends.
 */
class Utf8LineReaderTest {

  /** Pieces that make the hard cases likely: terminators, multi-byte and four-byte characters, broken sequences. */
  private static final byte[][] PIECES = {
      "a".getBytes(StandardCharsets.UTF_8), "SELECT 1".getBytes(StandardCharsets.UTF_8), {'\n'}, {'\r'},
      {'\r', '\n'}, "é".getBytes(StandardCharsets.UTF_8), "€".getBytes(StandardCharsets.UTF_8),
      "😀".getBytes(StandardCharsets.UTF_8), {(byte) 0xE2, (byte) 0x82}, {(byte) 0xF0, (byte) 0x9F},
      {(byte) 0xFF}, {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0x80}, {0},
      {(byte) 0xE2, '\n'}, {' '}, {'\t'}};

  private static byte[] randomText(Random random) {
    return randomText(random, 60);
  }

  private static byte[] randomText(Random random, int pieces) {
    var out = new java.io.ByteArrayOutputStream();
    int n = random.nextInt(pieces);
    for (int i = 0; i < n; i++) {
      out.writeBytes(PIECES[random.nextInt(PIECES.length)]);
    }
    return out.toByteArray();
  }

  private static BufferedReader reference(byte[] bytes) {
    var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
        .onUnmappableCharacter(CodingErrorAction.REPLACE);
    return new BufferedReader(new InputStreamReader(new ByteArrayInputStream(bytes), decoder), 3);
  }

  /** A stream that hands out at most a few bytes per read, as a pipe or a gzip stream may. */
  private static InputStream trickle(byte[] bytes, Random random) {
    return trickle(bytes, random, 5);
  }

  private static InputStream trickle(byte[] bytes, Random random, int most) {
    return new ByteArrayInputStream(bytes) {
      @Override
      public synchronized int read(byte[] b, int off, int len) {
        return super.read(b, off, Math.min(len, 1 + random.nextInt(most)));
      }
    };
  }

  private static List<String> lines(BufferedReader r) throws IOException {
    List<String> out = new ArrayList<>();
    for (String line; (line = r.readLine()) != null; ) {
      out.add(line);
    }
    return out;
  }

  @Test
  void linesAreThoseOfABufferedReaderForAnyBytesAndAnyBufferSize() throws IOException {
    Random random = new Random(17);
    for (int round = 0; round < 5_000; round++) {
      byte[] bytes = randomText(random);
      List<String> expected = lines(reference(bytes));
      try (Utf8LineReader r = new Utf8LineReader(trickle(bytes, random), 1 + random.nextInt(8))) {
        assertThat(lines(r)).as(java.util.HexFormat.of().formatHex(bytes)).isEqualTo(expected);
      }
    }
  }

  /** Buffers of whole words and more: the scan for a line's end reads eight bytes at a time where it can. */
  @Test
  void linesAreThoseOfABufferedReaderWhereTheScanReadsWholeWords() throws IOException {
    Random random = new Random(23);
    for (int round = 0; round < 3_000; round++) {
      byte[] bytes = randomText(random, 400);
      List<String> expected = lines(reference(bytes));
      try (Utf8LineReader r = new Utf8LineReader(trickle(bytes, random, 200), 8 + random.nextInt(120))) {
        assertThat(lines(r)).as(java.util.HexFormat.of().formatHex(bytes)).isEqualTo(expected);
      }
    }
  }

  @Test
  void charsAreThoseOfABufferedReaderWhateverTheReadSizes() throws IOException {
    Random random = new Random(23);
    for (int round = 0; round < 3_000; round++) {
      byte[] bytes = randomText(random);
      StringBuilder expected = new StringBuilder();
      BufferedReader ref = reference(bytes);
      for (int c; (c = ref.read()) >= 0; ) {
        expected.append((char) c);
      }
      StringBuilder got = new StringBuilder();
      try (Utf8LineReader r = new Utf8LineReader(trickle(bytes, random), 1 + random.nextInt(8))) {
        char[] chunk = new char[8];
        for (int n; (n = r.read(chunk, 0, 1 + random.nextInt(chunk.length))) >= 0; ) {
          got.append(chunk, 0, n);
        }
      }
      assertThat(got.toString()).as(java.util.HexFormat.of().formatHex(bytes)).isEqualTo(expected.toString());
    }
  }

  @Test
  void linesAndSingleCharsMixedAsABufferedReaderMixesThem() throws IOException {
    Random random = new Random(31);
    for (int round = 0; round < 3_000; round++) {
      byte[] bytes = randomText(random);
      long seed = random.nextLong();
      assertThat(mixed(new Utf8LineReader(trickle(bytes, random), 1 + random.nextInt(8)), new Random(seed)))
          .as(java.util.HexFormat.of().formatHex(bytes)).isEqualTo(mixed(reference(bytes), new Random(seed)));
    }
  }

  /** Alternates readLine and read() at random until the end, recording what each returned. */
  private static List<String> mixed(BufferedReader r, Random choice) throws IOException {
    List<String> out = new ArrayList<>();
    while (true) {
      if (choice.nextBoolean()) {
        String line = r.readLine();
        out.add("line:" + line);
        if (line == null) {
          return out;
        }
      } else {
        int c = r.read();
        out.add("char:" + c);
        if (c < 0) {
          return out;
        }
      }
    }
  }

  @Test
  void aLongLineGrowsTheBufferAndComesBackWhole() throws IOException {
    String longLine = "SELECT " + "x, ".repeat(50_000) + "1";
    byte[] bytes = (longLine + "\r\nSELECT 2\n").getBytes(StandardCharsets.UTF_8);
    try (Utf8LineReader r = new Utf8LineReader(new ByteArrayInputStream(bytes), 16)) {
      assertThat(lines(r)).containsExactly(longLine, "SELECT 2");
    }
  }
}
