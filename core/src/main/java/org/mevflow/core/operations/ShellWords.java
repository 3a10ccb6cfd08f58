package org.mevflow.core.operations;

import java.util.ArrayList;
import java.util.List;

/**
 * A command line split into words as Python's {@code shlex.split} (POSIX mode) splits it: WebMEV
 * runs its {@code docker run ... <entrypoint>} line through that, so the rendered entrypoint
 * reaches the container as these words. Quotes group and are removed, a backslash escapes outside
 * single quotes (inside double quotes only before {@code \} and {@code "}); {@code #} is an
 * ordinary character, as {@code shlex.split} does not read comments by default.
 */
public final class ShellWords {
  private ShellWords() {}

  /** The words; an unclosed quote or a trailing backslash is an IllegalArgumentException. */
  public static List<String> split(String line) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    int i = 0;
    int n = line.length();
    while (i < n) {
      char c = line.charAt(i);
      if (c == '\'') {
        int end = line.indexOf('\'', i + 1);
        if (end < 0) {
          throw new IllegalArgumentException("No closing quotation");
        }
        word.append(line, i + 1, end);
        inWord = true;
        i = end + 1;
      } else if (c == '"') {
        i++;
        boolean closed = false;
        while (i < n) {
          char d = line.charAt(i);
          if (d == '"') {
            closed = true;
            i++;
            break;
          }
          if (d == '\\' && i + 1 < n && "\\\"".indexOf(line.charAt(i + 1)) >= 0) {
            word.append(line.charAt(i + 1));
            i += 2;
          } else {
            word.append(d);
            i++;
          }
        }
        if (!closed) {
          throw new IllegalArgumentException("No closing quotation");
        }
        inWord = true;
      } else if (c == '\\') {
        if (i + 1 >= n) {
          throw new IllegalArgumentException("No escaped character");
        }
        word.append(line.charAt(i + 1));
        inWord = true;
        i += 2;
      } else if (Character.isWhitespace(c)) {
        if (inWord) {
          words.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
        i++;
      } else {
        word.append(c);
        inWord = true;
        i++;
      }
    }
    if (inWord) {
      words.add(word.toString());
    }
    return words;
  }
}
