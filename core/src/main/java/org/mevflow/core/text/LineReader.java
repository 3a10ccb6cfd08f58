package org.mevflow.core.text;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Lines of text with a bound on each line's length, so that one line (a file without line breaks, a
 * header of millions of columns) cannot take the heap: reading past the bound fails with {@link
 * LineTooLongException}, naming the line. Lines end at {@code \n}, {@code \r\n} or {@code \r}, as
 * {@link java.io.BufferedReader#readLine()} has them. Files are read as strict UTF-8 (malformed
 * input fails with {@link java.nio.charset.MalformedInputException}).
 */
public final class LineReader implements Closeable {
  /** The default bound: 4 Mi characters, a row of about a million numeric cells. */
  public static final int MAX_LINE = 4 << 20;

  private final Reader in;
  private final int maxChars;
  private final char[] buf = new char[1 << 16];
  private int pos;
  private int end;
  private boolean skipLf;
  private long number;

  public LineReader(Reader in, int maxChars) {
    this.in = in;
    this.maxChars = maxChars;
  }

  /** {@code file} as strict UTF-8, lines bounded by {@link #MAX_LINE}. */
  public static LineReader open(Path file) throws IOException {
    return new LineReader(
        new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8.newDecoder()),
        MAX_LINE);
  }

  /** {@code in}, lines bounded by {@link #MAX_LINE}. */
  public static LineReader of(Reader in) {
    return new LineReader(in, MAX_LINE);
  }

  /** How many lines were read so far. */
  public long number() {
    return number;
  }

  /** The next line without its end, or null at the end of the input. */
  public String readLine() throws IOException {
    StringBuilder partial = null;
    while (true) {
      if (pos >= end) {
        int n = in.read(buf, 0, buf.length);
        pos = 0;
        end = Math.max(n, 0);
        if (n <= 0) {
          if (partial == null) {
            return null;
          }
          number++;
          return partial.toString();
        }
      }
      if (skipLf) {
        skipLf = false;
        if (buf[pos] == '\n') {
          pos++;
          continue;
        }
      }
      int start = pos;
      while (pos < end && buf[pos] != '\n' && buf[pos] != '\r') {
        pos++;
      }
      int n = pos - start;
      if ((partial == null ? 0L : partial.length()) + n > maxChars) {
        throw new LineTooLongException(number + 1, maxChars);
      }
      if (pos < end) {
        skipLf = buf[pos++] == '\r';
        number++;
        if (partial == null) {
          return new String(buf, start, n);
        }
        return partial.append(buf, start, n).toString();
      }
      if (partial == null) {
        partial = new StringBuilder(Math.max(256, 2 * n));
      }
      partial.append(buf, start, n);
    }
  }

  @Override
  public void close() throws IOException {
    in.close();
  }

  /** A line longer than the bound: refused before it is held. */
  public static final class LineTooLongException extends IOException {
    public LineTooLongException(long line, int maxChars) {
      super(
          "line "
              + line
              + " is longer than "
              + maxChars
              + " characters: a text file's lines are limited to that (is it a text file with"
              + " line breaks?)");
    }
  }
}
