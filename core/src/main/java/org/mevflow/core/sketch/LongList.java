package org.mevflow.core.sketch;

import java.util.Arrays;

/** A growable list of primitive longs (no boxing). */
final class LongList {
  long[] values;
  int size;

  LongList(int capacity) {
    values = new long[Math.max(4, capacity)];
  }

  void add(long v) {
    if (size == values.length) {
      values = Arrays.copyOf(values, size + (size >> 1) + 4);
    }
    values[size++] = v;
  }

  void clear() {
    size = 0;
  }
}
