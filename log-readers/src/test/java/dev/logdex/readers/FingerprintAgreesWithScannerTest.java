package dev.logdex.readers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logdex.core.Corpus;
import dev.logdex.core.fingerprint.Fingerprinter;
import dev.logdex.core.lex.SqlScanner;
import dev.logdex.core.model.Dialect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The fingerprinter keeps its own one-pass scanner for speed; this keeps it in agreement with the lexer everything
 * else reads SQL with. Over every statement of every corpus log: the fingerprint holds no literal the lexer would
 * find, and names exactly the identifiers the statement names (a quoted name that needs no quotes is the same name
 * unquoted; a MySQL charset introducer belongs to its literal). The fingerprint is written in one canonical form,
 * names in double quotes, which the PostgreSQL lexer reads.
 */
class FingerprintAgreesWithScannerTest {

  @Test
  void fingerprintsKeepEveryNameAndNoLiteralOfEveryCorpusStatement() throws Exception {
    List<String> disagreements = new ArrayList<>();
    int statements = 0;
    try (Stream<Path> files = Files.walk(Corpus.root())) {
      for (Path p : files.filter(Files::isRegularFile).sorted().toList()) {
        Optional<LogReader> reader = FormatDetector.detect(p.toString());
        if (reader.isEmpty()) {
          continue;
        }
        boolean mysql = reader.get().dialect().map(d -> d == Dialect.MYSQL).orElse(false);
        SqlScanner lexer = mysql ? SqlScanner.mysql() : SqlScanner.postgres();
        Fingerprinter fingerprinter = mysql ? Fingerprinter.mysql() : Fingerprinter.standard();
        List<String> texts = new ArrayList<>();
        try (var in = InputFiles.open(p.toString())) {
          reader.get().read(in, p.toString(), e -> texts.add(e.text()), new SkipAccount(p.toString()));
        }
        for (String text : texts) {
          statements++;
          String normalized = fingerprinter.fingerprint(text).normalized();
          Names original = Names.of(text, lexer);
          Names fingerprint = Names.of(normalized, SqlScanner.postgres());
          if (!fingerprint.literals().isEmpty() || !original.words().equals(fingerprint.words())
              || !original.quoted().equals(fingerprint.quoted())) {
            disagreements.add(p.getFileName() + ": " + text.replace('\n', ' ') + "\n  -> " + normalized);
          }
        }
      }
    }
    assertThat(statements).isGreaterThan(5_000);
    assertThat(disagreements).isEmpty();
  }

  /** The words (lower case), the names that need their quotes, and the string literals of a text. */
  private record Names(Set<String> words, Set<String> quoted, Set<String> literals) {
    static Names of(String sql, SqlScanner lexer) throws SqlScanner.UnterminatedException {
      Set<String> words = new TreeSet<>();
      Set<String> quoted = new TreeSet<>();
      Set<String> literals = new TreeSet<>();
      List<SqlScanner.Token> tokens = lexer.tokens(sql);
      for (int i = 0; i < tokens.size(); i++) {
        SqlScanner.Token t = tokens.get(i);
        String x = t.text(sql);
        switch (t.kind()) {
          case WORD -> {
            boolean introducer = x.startsWith("_") && i + 1 < tokens.size()
                && tokens.get(i + 1).kind() == SqlScanner.Kind.STRING && tokens.get(i + 1).start() == t.end();
            if (!introducer) {
              words.add(x.toLowerCase(Locale.ROOT));
            }
          }
          case QUOTED_NAME -> {
            String inner = x.substring(1, x.length() - 1);
            boolean plain = inner.matches("[a-z_][a-z0-9_$]*")
                || lexer.dialect() == Dialect.MYSQL && inner.matches("[A-Za-z_][A-Za-z0-9_$]*");
            if (plain) {
              words.add(inner.toLowerCase(Locale.ROOT));
            } else {
              quoted.add(inner);
            }
          }
          case STRING -> literals.add(x);
          default -> { }
        }
      }
      return new Names(words, quoted, literals);
    }
  }
}
