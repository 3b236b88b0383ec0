package dev.logdex.readers;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** Opens inputs: plain or gzip (by content, not by name), files or {@code -} for standard input. */
public final class InputFiles {
  private InputFiles() {}

  /** Opens {@code path} ({@code -} is standard input) as UTF-8 text, gunzipping when it is gzip. */
  public static Reader open(String path) throws IOException {
    InputStream raw = path.equals("-") ? System.in : Files.newInputStream(Path.of(path));
    BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
    in.mark(2);
    int b1 = in.read();
    int b2 = in.read();
    in.reset();
    InputStream body = b1 == 0x1f && b2 == 0x8b ? new GZIPInputStream(in, 1 << 16) : in;
    // Logs hold whatever bytes applications sent: malformed UTF-8 becomes U+FFFD instead of stopping the read.
    var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
        .onUnmappableCharacter(CodingErrorAction.REPLACE);
    return new java.io.BufferedReader(new InputStreamReader(body, decoder), 1 << 16);
  }
}
