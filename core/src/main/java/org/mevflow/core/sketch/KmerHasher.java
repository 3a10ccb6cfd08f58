package org.mevflow.core.sketch;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Hashes every canonical k-mer of a batch's segments for each requested k, and hands on those at or
 * below a threshold. Canonical as in sourmash: the lexicographically smaller byte string of the
 * k-mer and its reverse complement (compared in place, never copied), hashed with MurmurHash3;
 * k-mers holding anything but A, C, G, T are skipped; a hash of 0 is dropped.
 */
final class KmerHasher {
  private static final byte[] COMPLEMENT = new byte[256];

  static {
    java.util.Arrays.fill(COMPLEMENT, (byte) 'N');
    COMPLEMENT['A'] = 'T';
    COMPLEMENT['T'] = 'A';
    COMPLEMENT['C'] = 'G';
    COMPLEMENT['G'] = 'C';
  }

  private final int[] ksizes;
  private final long[] seeds;

  /** For each sketch that does the hashing, the later sketches with the same k and seed. */
  private final int[][] twins;

  private byte[] reverse = new byte[1 << 16];
  private int[] invalid = new int[1024];

  /** One entry per sketch: its k and seed (sketches sharing both share the hashing). */
  KmerHasher(int[] ksizes, long[] seeds) {
    this.ksizes = ksizes;
    this.seeds = seeds;
    this.twins = new int[ksizes.length][];
    for (int s = 0; s < ksizes.length; s++) {
      final int sk = s;
      twins[s] =
          java.util.stream.IntStream.range(s + 1, ksizes.length)
              .filter(t -> ksizes[t] == ksizes[sk] && seeds[t] == seeds[sk])
              .toArray();
    }
  }

  /**
   * Hashes the batch; {@code out[s]} receives, for sketch s, every kept hash occurrence that is at
   * or below {@code thresholds[s]} (unsigned).
   */
  void hash(SequenceBatch batch, long[] thresholds, LongList[] out) {
    for (int seg = 0; seg < batch.segments; seg++) {
      hashSegment(
          batch.data, batch.offset[seg], batch.length[seg], batch.overlap[seg], thresholds, out);
    }
  }

  private void hashSegment(
      byte[] seq, int off, int len, int overlap, long[] thresholds, LongList[] out) {
    if (reverse.length < len + MurmurHash3.PADDING) {
      reverse = new byte[Math.max(len, reverse.length * 2) + MurmurHash3.PADDING];
    }
    byte[] rc = reverse;
    int bad = 0;
    for (int i = 0; i < len; i++) {
      byte b = seq[off + i];
      byte c = COMPLEMENT[b & 0xff];
      rc[len - 1 - i] = c;
      if (c == 'N') {
        if (bad == invalid.length) {
          invalid = java.util.Arrays.copyOf(invalid, bad * 2);
        }
        invalid[bad++] = i;
      }
    }
    for (int s = 0; s < ksizes.length; s++) {
      int k = ksizes[s];
      if (len < k) {
        continue;
      }
      if (sharesHashing(s)) {
        continue;
      }
      // k-mers wholly inside the overlap were hashed with the previous piece of the record
      int first = Math.max(0, overlap - k + 1);
      hashK(seq, off, len, rc, k, seeds[s], first, bad, s, thresholds, out);
    }
  }

  /** True if an earlier sketch has the same k and seed: its pass also feeds this one. */
  private boolean sharesHashing(int s) {
    for (int t = 0; t < s; t++) {
      if (ksizes[t] == ksizes[s] && seeds[t] == seeds[s]) {
        return true;
      }
    }
    return false;
  }

  private static final VarHandle BE_LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  /**
   * Is the k-mer at {@code seq[f]} lexicographically no greater than its reverse complement at
   * {@code rc[r]}? The first 8 bytes, compared as one big-endian word, almost always decide.
   */
  private static boolean forwardIsCanonical(byte[] seq, int f, byte[] rc, int r, int k) {
    int d = 0;
    if (k >= 8) {
      long a = (long) BE_LONG.get(seq, f);
      long b = (long) BE_LONG.get(rc, r);
      if (a != b) {
        return Long.compareUnsigned(a, b) < 0;
      }
      d = 8;
    }
    while (d < k && seq[f + d] == rc[r + d]) {
      d++;
    }
    return d == k || seq[f + d] < rc[r + d];
  }

  private void hashK(
      byte[] seq,
      int off,
      int len,
      byte[] rc,
      int k,
      long seed,
      int first,
      int badCount,
      int sketch,
      long[] thresholds,
      LongList[] out) {
    int[] bad = invalid;
    long threshold = thresholds[sketch];
    LongList kept = out[sketch];
    int[] twinsOf = twins[sketch];
    int b = 0;
    int i = first;
    while (i + k <= len) {
      while (b < badCount && bad[b] < i) {
        b++;
      }
      if (b < badCount && bad[b] < i + k) {
        i = bad[b] + 1;
        continue;
      }
      // every window from i up to the next invalid base is valid
      int last = (b < badCount ? bad[b] : len) - k;
      for (; i <= last; i++) {
        int f = off + i;
        int r = len - i - k;
        long h =
            forwardIsCanonical(seq, f, rc, r, k)
                ? MurmurHash3.hash64Padded(seq, f, k, seed)
                : MurmurHash3.hash64Padded(rc, r, k, seed);
        if (h != 0 && Long.compareUnsigned(h, threshold) <= 0) {
          kept.add(h);
        }
        if (twinsOf.length > 0 && h != 0) {
          for (int t : twinsOf) {
            if (Long.compareUnsigned(h, thresholds[t]) <= 0) {
              out[t].add(h);
            }
          }
        }
      }
    }
  }
}
