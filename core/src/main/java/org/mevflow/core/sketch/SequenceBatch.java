package org.mevflow.core.sketch;

import java.util.Arrays;

/**
 * A run of upper-cased sequence bytes cut into segments, each hashed on its own: a whole record, or
 * a piece of a long record that begins with the last {@code overlap} bytes of the piece before it
 * (so no k-mer is lost at the cut, and none is counted twice).
 */
final class SequenceBatch {
  final byte[] data;
  int used;
  int segments;
  int[] offset = new int[64];
  int[] length = new int[64];
  int[] overlap = new int[64];

  /** Records that start in this batch, and bases that are new in it (overlaps excluded). */
  long records;

  long bases;

  /** Usable bytes; the array has {@link MurmurHash3#PADDING} more so hashing may over-read. */
  final int capacity;

  SequenceBatch(int capacity) {
    this.capacity = capacity;
    this.data = new byte[capacity + MurmurHash3.PADDING];
  }

  void clear() {
    used = 0;
    segments = 0;
    records = 0;
    bases = 0;
  }

  int free() {
    return capacity - used;
  }

  void addSegment(int start, int len, int overlapBytes) {
    if (segments == offset.length) {
      offset = Arrays.copyOf(offset, segments * 2);
      length = Arrays.copyOf(length, segments * 2);
      overlap = Arrays.copyOf(overlap, segments * 2);
    }
    offset[segments] = start;
    length[segments] = len;
    overlap[segments] = overlapBytes;
    segments++;
  }
}
