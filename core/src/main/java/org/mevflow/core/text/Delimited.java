package org.mevflow.core.text;

import java.util.ArrayList;
import java.util.List;

/** Lines of delimited text: tab-separated as is, comma-separated with RFC 4180 quoting. */
public final class Delimited {
  private Delimited() {}

  /** Splits a line; CSV fields may be quoted ("a,b" and "" for a quote). */
  public static List<String> split(String line, char sep) {
    List<String> out = new ArrayList<>();
    if (sep == '\t') {
      for (String s : line.split("\t", -1)) {
        out.add(s.strip());
      }
      return out;
    }
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          cur.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          cur.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == sep) {
        out.add(cur.toString().strip());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    out.add(cur.toString().strip());
    return out;
  }
}
