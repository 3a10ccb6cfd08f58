package org.mevflow.activities.sketch;

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

  /** h1 of MurmurHash3_x64_128 over {@code data[off, off+len)} with the given seed. */
  public static long hash64(byte[] data, int off, int len, long seed) {
    long h1 = seed;
    long h2 = seed;
    int i = off;
    int end = off + (len & ~15);
    for (; i < end; i += 16) {
      long k1 = (long) LE_LONG.get(data, i);
      long k2 = (long) LE_LONG.get(data, i + 8);
      k1 *= C1;
      k1 = Long.rotateLeft(k1, 31);
      k1 *= C2;
      h1 ^= k1;
      h1 = Long.rotateLeft(h1, 27);
      h1 += h2;
      h1 = h1 * 5 + 0x52dce729;
      k2 *= C2;
      k2 = Long.rotateLeft(k2, 33);
      k2 *= C1;
      h2 ^= k2;
      h2 = Long.rotateLeft(h2, 31);
      h2 += h1;
      h2 = h2 * 5 + 0x38495ab5;
    }
    long k1 = 0;
    long k2 = 0;
    switch (len & 15) {
      case 15:
        k2 ^= (data[i + 14] & 0xffL) << 48;
      // fall through
      case 14:
        k2 ^= (data[i + 13] & 0xffL) << 40;
      // fall through
      case 13:
        k2 ^= (data[i + 12] & 0xffL) << 32;
      // fall through
      case 12:
        k2 ^= (data[i + 11] & 0xffL) << 24;
      // fall through
      case 11:
        k2 ^= (data[i + 10] & 0xffL) << 16;
      // fall through
      case 10:
        k2 ^= (data[i + 9] & 0xffL) << 8;
      // fall through
      case 9:
        k2 ^= data[i + 8] & 0xffL;
        k2 *= C2;
        k2 = Long.rotateLeft(k2, 33);
        k2 *= C1;
        h2 ^= k2;
        k1 = (long) LE_LONG.get(data, i);
        break;
      case 8:
        k1 = (long) LE_LONG.get(data, i);
        break;
      case 7:
        k1 ^= (data[i + 6] & 0xffL) << 48;
      // fall through
      case 6:
        k1 ^= (data[i + 5] & 0xffL) << 40;
      // fall through
      case 5:
        k1 ^= (data[i + 4] & 0xffL) << 32;
      // fall through
      case 4:
        k1 ^= (data[i + 3] & 0xffL) << 24;
      // fall through
      case 3:
        k1 ^= (data[i + 2] & 0xffL) << 16;
      // fall through
      case 2:
        k1 ^= (data[i + 1] & 0xffL) << 8;
      // fall through
      case 1:
        k1 ^= data[i] & 0xffL;
        break;
      default:
        break;
    }
    if ((len & 15) != 0) {
      k1 *= C1;
      k1 = Long.rotateLeft(k1, 31);
      k1 *= C2;
      h1 ^= k1;
    }
    h1 ^= len;
    h2 ^= len;
    h1 += h2;
    h2 += h1;
    h1 = fmix64(h1);
    h2 = fmix64(h2);
    h1 += h2;
    return h1;
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
