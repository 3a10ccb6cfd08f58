package org.mevflow.core.sketch;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The kept hashes of a scaled sketch, held for size: hashes are spread by value over 4096 buckets,
 * each a sorted primitive array (8 bytes a hash, +4 for a count when abundance is tracked) with a
 * small unsorted intake that is merged in place when full. Growth happens one bucket at a time, so
 * the peak stays near the steady size (about 12-15 bytes per kept hash with abundance), and the
 * buckets read out in order are the sorted sketch.
 */
final class ScaledHashes implements SortedHashes {
  private static final int BUCKETS = 4096;
  private static final int MIN_INTAKE = 64;

  private final long width;
  private final boolean counted;
  private final long[][] keys = new long[BUCKETS][];
  private final int[][] counts;
  private final int[] size = new int[BUCKETS];
  private final long[][] intake = new long[BUCKETS][];
  private final int[] intakeSize = new int[BUCKETS];
  private long total;

  /** Counts beyond Integer.MAX_VALUE, for the rare hash seen more often than that. */
  private final Map<Long, Long> overflow = new HashMap<>();

  ScaledHashes(long maxHash, boolean counted) {
    this.width = Long.divideUnsigned(maxHash, BUCKETS) + 1;
    this.counted = counted;
    this.counts = counted ? new int[BUCKETS][] : null;
  }

  void add(long hash) {
    int b = (int) Long.divideUnsigned(hash, width);
    long[] in = intake[b];
    if (in == null) {
      in = intake[b] = new long[MIN_INTAKE];
      keys[b] = new long[0];
      if (counted) {
        counts[b] = new int[0];
      }
    } else if (intakeSize[b] == in.length) {
      merge(b);
      in = intake[b];
    }
    // stored with the sign bit flipped: signed order of the stored value = unsigned order of hash
    in[intakeSize[b]++] = hash ^ Long.MIN_VALUE;
  }

  /** Merges every bucket's intake; call before reading. */
  void flush() {
    for (int b = 0; b < BUCKETS; b++) {
      if (intakeSize[b] > 0) {
        merge(b);
      }
    }
  }

  private void merge(int b) {
    long[] in = intake[b];
    int m = intakeSize[b];
    Arrays.sort(in, 0, m);
    // collapse duplicates of the intake, counting them, in place (counts into a scratch array)
    int[] inCounts = counted ? new int[m] : null;
    int u = 0;
    for (int j = 0; j < m; j++) {
      if (u > 0 && in[u - 1] == in[j]) {
        if (counted) {
          inCounts[u - 1]++;
        }
      } else {
        in[u] = in[j];
        if (counted) {
          inCounts[u] = 1;
        }
        u++;
      }
    }
    long[] k = keys[b];
    int n = size[b];
    int fresh = 0;
    for (int i = 0, j = 0; j < u; ) {
      if (i < n && k[i] < in[j]) {
        i++;
      } else {
        if (i >= n || k[i] != in[j]) {
          fresh++;
        }
        j++;
      }
    }
    int total = n + fresh;
    if (total > k.length) {
      int capacity = Math.max(total, n + (n >> 3));
      k = keys[b] = Arrays.copyOf(k, capacity);
      if (counted) {
        counts[b] = Arrays.copyOf(counts[b], capacity);
      }
    }
    int[] c = counted ? counts[b] : null;
    int i = n - 1;
    int j = u - 1;
    int w = total - 1;
    while (j >= 0) {
      if (i >= 0 && k[i] > in[j]) {
        k[w] = k[i];
        if (counted) {
          c[w] = c[i];
        }
        i--;
      } else if (i >= 0 && k[i] == in[j]) {
        k[w] = k[i];
        if (counted) {
          c[w] = addCount(k[i], c[i], inCounts[j]);
        }
        i--;
        j--;
      } else {
        k[w] = in[j];
        if (counted) {
          c[w] = inCounts[j];
        }
        j--;
      }
      w--;
    }
    size[b] = total;
    this.total += fresh;
    intakeSize[b] = 0;
    // the intake grows with its bucket, keeping each merge's copying proportional to its intake
    int wanted = Math.max(MIN_INTAKE, total >> 3);
    if (wanted > in.length * 2) {
      intake[b] = new long[wanted];
    }
  }

  private int addCount(long key, int current, int more) {
    long sum = (long) current + more;
    if (sum > Integer.MAX_VALUE) {
      overflow.merge(key, sum - Integer.MAX_VALUE, Long::sum);
      return Integer.MAX_VALUE;
    }
    return (int) sum;
  }

  @Override
  public long size() {
    return total;
  }

  /** Bytes held by the arrays (for the benchmark's bytes-per-hash figure). */
  long retainedBytes() {
    long bytes = 0;
    for (int b = 0; b < BUCKETS; b++) {
      if (keys[b] != null) {
        bytes += keys[b].length * 8L + intake[b].length * 8L;
        if (counted) {
          bytes += counts[b].length * 4L;
        }
      }
    }
    return bytes;
  }

  @Override
  public Cursor cursor() {
    return new Cursor() {
      int b;
      int i = -1;

      @Override
      public boolean next() {
        i++;
        while (b < BUCKETS && i >= size[b]) {
          b++;
          i = 0;
        }
        return b < BUCKETS;
      }

      @Override
      public long hash() {
        return keys[b][i] ^ Long.MIN_VALUE;
      }

      @Override
      public long count() {
        if (!counted) {
          return 1;
        }
        int c = counts[b][i];
        return c == Integer.MAX_VALUE ? c + overflow.getOrDefault(hash(), 0L) : c;
      }
    };
  }
}
