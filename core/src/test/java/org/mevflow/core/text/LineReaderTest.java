package org.mevflow.core.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Lines as BufferedReader has them, and a line past the bound refused before it is held. */
class LineReaderTest {
  private static List<String> lines(LineReader in) throws IOException {
    List<String> out = new ArrayList<>();
    String line;
    while ((line = in.readLine()) != null) {
      out.add(line);
    }
    return out;
  }

  private static List<String> buffered(String text) throws IOException {
    return new BufferedReader(new StringReader(text)).lines().toList();
  }

  @Test
  void endsOfLineAsBufferedReaderReadsThem() throws IOException {
    for (String text :
        List.of(
            "",
            "a",
            "a\n",
            "a\nb",
            "a\r\nb\r\n",
            "a\rb\r",
            "\n\n",
            "\r\n\r\n",
            "a\r\r\nb",
            "x".repeat(200_000) + "\r\n" + "y".repeat(70_000))) {
      assertThat(lines(new LineReader(new StringReader(text), 1 << 20)))
          .as(text.length() > 20 ? text.length() + " chars" : text)
          .isEqualTo(buffered(text));
    }
  }

  @Test
  void aCrLfSplitAcrossReadsIsOneLineEnd() throws IOException {
    // a reader that hands out one character at a time
    Reader slow =
        new StringReader("a\r\nb\r\nc") {
          @Override
          public int read(char[] cbuf, int off, int len) throws IOException {
            return super.read(cbuf, off, Math.min(1, len));
          }
        };
    LineReader in = new LineReader(slow, 10);
    assertThat(lines(in)).containsExactly("a", "b", "c");
    assertThat(in.number()).isEqualTo(3);
  }

  @Test
  void aLineOverTheBoundIsRefusedNamingIt() throws IOException {
    String text = "header\nshort\n" + "z".repeat(1000) + "\n";
    LineReader in = new LineReader(new StringReader(text), 999);
    assertThatThrownBy(() -> lines(in))
        .isInstanceOf(LineReader.LineTooLongException.class)
        .hasMessageStartingWith("line 3 is longer than 999 characters");
    assertThat(lines(new LineReader(new StringReader(text), 1000))).hasSize(3);
  }

  @Test
  void aFileWithoutLineBreaksStopsAtTheBoundNotAtItsEnd() {
    // an endless line: the reader gives up at the bound, whatever follows
    Reader endless =
        new Reader() {
          long served;

          @Override
          public int read(char[] cbuf, int off, int len) {
            java.util.Arrays.fill(cbuf, off, off + len, '1');
            served += len;
            return len;
          }

          @Override
          public void close() {}
        };
    assertThatThrownBy(() -> new LineReader(endless, 1 << 20).readLine())
        .isInstanceOf(LineReader.LineTooLongException.class)
        .hasMessageStartingWith("line 1 is longer than 1048576 characters");
  }
}
