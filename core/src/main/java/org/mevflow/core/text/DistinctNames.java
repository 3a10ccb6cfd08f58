package org.mevflow.core.text;

import java.nio.charset.StandardCharsets;
import org.mevflow.core.sketch.MurmurHash3;

/**
 * Whether a name was seen before, in at most 32 bytes per name (16 for its hash, at a load of 3/4
 * to 3/8) (a 128-bit hash in an open-addressed table, not the strings): a table of millions of rows
 * checked for duplicate names does not hold its names. Two different names are taken for one only
 * if both 64-bit halves of their hashes agree (about one chance in 10^38 per pair).
 */
public final class DistinctNames {
  private long[] slots = new long[2 * 1024]; // pairs; (0, 0) is empty
  private int size;

  /** True if {@code name} was not seen before (and now is). */
  public boolean add(String name) {
    byte[] b = name.getBytes(StandardCharsets.UTF_8);
    long h1 = MurmurHash3.hash64(b, 0, b.length, 42);
    long h2 = MurmurHash3.hash64(b, 0, b.length, 0x9e3779b97f4a7c15L);
    if (h1 == 0 && h2 == 0) {
      h2 = 1;
    }
    if (4L * (size + 1) > 3L * (slots.length / 2)) { // load 3/4
      grow();
    }
    if (!insert(slots, h1, h2)) {
      return false;
    }
    size++;
    return true;
  }

  public int size() {
    return size;
  }

  private static boolean insert(long[] table, long h1, long h2) {
    int mask = table.length / 2 - 1;
    int i = (int) (h1 ^ (h1 >>> 32)) & mask;
    while (true) {
      long a = table[2 * i];
      long b = table[2 * i + 1];
      if (a == 0 && b == 0) {
        table[2 * i] = h1;
        table[2 * i + 1] = h2;
        return true;
      }
      if (a == h1 && b == h2) {
        return false;
      }
      i = (i + 1) & mask;
    }
  }

  private void grow() {
    long[] bigger = new long[slots.length * 2];
    for (int i = 0; i < slots.length; i += 2) {
      if (slots[i] != 0 || slots[i + 1] != 0) {
        insert(bigger, slots[i], slots[i + 1]);
      }
    }
    slots = bigger;
  }
}
