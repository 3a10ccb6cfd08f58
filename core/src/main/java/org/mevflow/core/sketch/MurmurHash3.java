package org.mevflow.core.sketch;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * MurmurHash3 x64_128, first 64-bit half (h1): the hash sourmash keeps for DNA k-mers. Reads the
 * bytes in place (no copy of the k-mer) as little-endian 64-bit words.
 */
public final class MurmurHash3 {
  private static final VarHandle LE_LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long C1 = 0x87c37b91114253d5L;
  private static final long C2 = 0x4cf5ad432745937fL;

  private MurmurHash3() {}

  /** Bytes a buffer must have after its last k-mer for {@link #hash64Padded}. */
  static final int PADDING = 16;

  /** h1 of MurmurHash3_x64_128 over {@code data[off, off+len)} with the given seed. */
  public static long hash64(byte[] data, int off, int len, long seed) {
    if (off + len + PADDING <= data.length) {
      return hash64Padded(data, off, len, seed);
    }
    byte[] padded = new byte[len + PADDING];
    System.arraycopy(data, off, padded, 0, len);
    return hash64Padded(padded, 0, len, seed);
  }

  /**
   * The hash, reading the tail with whole 8-byte loads masked to its length: it reads up to 15
   * bytes past {@code off + len}, which the array must have ({@link #PADDING}). Kept small so the
   * JIT inlines it into the k-mer loop.
   */
  static long hash64Padded(byte[] data, int off, int len, long seed) {
    long h1 = seed;
    long h2 = seed;
    int i = off;
    int end = off + (len & ~15);
    for (; i < end; i += 16) {
      long k1 = (long) LE_LONG.get(data, i);
      long k2 = (long) LE_LONG.get(data, i + 8);
      h1 ^= Long.rotateLeft(k1 * C1, 31) * C2;
      h1 = (Long.rotateLeft(h1, 27) + h2) * 5 + 0x52dce729;
      h2 ^= Long.rotateLeft(k2 * C2, 33) * C1;
      h2 = (Long.rotateLeft(h2, 31) + h1) * 5 + 0x38495ab5;
    }
    int rem = len & 15;
    if (rem > 8) {
      long k2 = (long) LE_LONG.get(data, i + 8) & (-1L >>> (8 * (16 - rem)));
      h2 ^= Long.rotateLeft(k2 * C2, 33) * C1;
      h1 ^= Long.rotateLeft((long) LE_LONG.get(data, i) * C1, 31) * C2;
    } else if (rem > 0) {
      long k1 = (long) LE_LONG.get(data, i) & (-1L >>> (8 * (8 - rem)));
      h1 ^= Long.rotateLeft(k1 * C1, 31) * C2;
    }
    h1 ^= len;
    h2 ^= len;
    h1 += h2;
    h2 += h1;
    return fmix64(h1) + fmix64(h2);
  }

  private static long fmix64(long k) {
    k ^= k >>> 33;
    k *= 0xff51afd7ed558ccdL;
    k ^= k >>> 33;
    k *= 0xc4ceb9fe1a85ec53L;
    k ^= k >>> 33;
    return k;
  }
}
