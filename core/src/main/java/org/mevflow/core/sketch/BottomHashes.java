package org.mevflow.core.sketch;

import java.util.Arrays;

/** The kept hashes of a num sketch: the N smallest distinct hashes, with their counts. */
final class BottomHashes implements SortedHashes {
  private final int capacity;
  private final long[] keys; // sign bit flipped: signed order = unsigned order of the hash
  private final long[] counts;
  private int size;

  BottomHashes(int num) {
    this.capacity = num;
    this.keys = new long[num];
    this.counts = new long[num];
  }

  /** The largest hash that could still be kept (unsigned). */
  long threshold() {
    return size < capacity ? -1L : keys[size - 1] ^ Long.MIN_VALUE;
  }

  void add(long hash) {
    long key = hash ^ Long.MIN_VALUE;
    if (size == capacity && key > keys[size - 1]) {
      return;
    }
    int at = Arrays.binarySearch(keys, 0, size, key);
    if (at >= 0) {
      counts[at]++;
      return;
    }
    int insert = -at - 1;
    int moved = (size == capacity ? size - 1 : size) - insert;
    System.arraycopy(keys, insert, keys, insert + 1, moved);
    System.arraycopy(counts, insert, counts, insert + 1, moved);
    keys[insert] = key;
    counts[insert] = 1;
    if (size < capacity) {
      size++;
    }
  }

  @Override
  public long size() {
    return size;
  }

  @Override
  public Cursor cursor() {
    return new Cursor() {
      int i = -1;

      @Override
      public boolean next() {
        return ++i < size;
      }

      @Override
      public long hash() {
        return keys[i] ^ Long.MIN_VALUE;
      }

      @Override
      public long count() {
        return counts[i];
      }
    };
  }
}
