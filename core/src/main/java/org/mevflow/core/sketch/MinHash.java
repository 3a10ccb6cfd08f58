package org.mevflow.core.sketch;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * One finished sketch: its parameters and its kept hashes in ascending order (with counts when
 * abundance is tracked). {@code molecule} is as read or written ("DNA").
 */
public final class MinHash {
  public static final String DNA = "DNA";

  private final int num;
  private final int ksize;
  private final long seed;
  private final long maxHash;
  private final boolean trackAbundance;
  private final String molecule;
  private final SortedHashes hashes;
  private String md5sum;

  public MinHash(
      int num,
      int ksize,
      long seed,
      long maxHash,
      boolean trackAbundance,
      String molecule,
      SortedHashes hashes) {
    this.num = num;
    this.ksize = ksize;
    this.seed = seed;
    this.maxHash = maxHash;
    this.trackAbundance = trackAbundance;
    this.molecule = molecule;
    this.hashes = hashes;
  }

  static MinHash of(SketchParams p, SortedHashes hashes) {
    return new MinHash(p.num(), p.ksize(), p.seed(), p.maxHash(), p.trackAbundance(), DNA, hashes);
  }

  public int num() {
    return num;
  }

  public int ksize() {
    return ksize;
  }

  public long seed() {
    return seed;
  }

  /** Unsigned; 0 for a num sketch. */
  public long maxHash() {
    return maxHash;
  }

  public boolean trackAbundance() {
    return trackAbundance;
  }

  public String molecule() {
    return molecule;
  }

  public SortedHashes hashes() {
    return hashes;
  }

  public long size() {
    return hashes.size();
  }

  public boolean isEmpty() {
    return hashes.size() == 0;
  }

  /** The scaled factor this sketch was made with (0 for a num sketch), as sourmash derives it. */
  public long scaled() {
    return scaledOf(maxHash);
  }

  /** The scaled factor of a sketch with this max_hash (0: a num sketch). */
  static long scaledOf(long maxHash) {
    if (maxHash == 0) {
      return 0;
    }
    if (maxHash == -1L) {
      return 1;
    }
    return (long) (18446744073709551615.0 / unsignedDouble(maxHash));
  }

  private static double unsignedDouble(long v) {
    return v >= 0 ? v : (double) (v >>> 1) * 2.0;
  }

  /**
   * sourmash's md5sum: MD5 over the decimal ksize followed by the decimal of each hash, ascending,
   * with no separators. Abundances, seed and scaled are not part of it.
   */
  public String md5sum() {
    if (md5sum == null) {
      MessageDigest md5;
      try {
        md5 = MessageDigest.getInstance("MD5");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("MD5 is part of every JDK", e);
      }
      md5.update(Integer.toString(ksize).getBytes(StandardCharsets.US_ASCII));
      SortedHashes.Cursor c = hashes.cursor();
      byte[] digits = new byte[20];
      while (c.next()) {
        int n = UnsignedDecimal.write(c.hash(), digits, 0);
        md5.update(digits, 0, n);
      }
      md5sum = HexFormat.of().formatHex(md5.digest());
    }
    return md5sum;
  }

  /**
   * This sketch at a coarser scale: only the hashes at or below {@code newMaxHash} (unsigned), and
   * without counts if {@code keepAbundance} is false. A scaled sketch downsampled this way is what
   * sourmash would have computed at that scale.
   */
  public MinHash downsample(long newMaxHash, boolean keepAbundance) {
    if (num != 0 || Long.compareUnsigned(newMaxHash, maxHash) > 0) {
      throw new IllegalArgumentException(
          "can only downsample a scaled sketch to a smaller max_hash");
    }
    long n = 0;
    SortedHashes.Cursor c = hashes.cursor();
    while (c.next() && Long.compareUnsigned(c.hash(), newMaxHash) <= 0) {
      n++;
    }
    long[] kept = new long[Math.toIntExact(n)];
    long[] counts = keepAbundance && trackAbundance ? new long[kept.length] : null;
    c = hashes.cursor();
    for (int i = 0; i < kept.length && c.next(); i++) {
      kept[i] = c.hash();
      if (counts != null) {
        counts[i] = c.count();
      }
    }
    return new MinHash(
        0, ksize, seed, newMaxHash, counts != null, molecule, SortedHashes.of(kept, counts));
  }

  /** The same parameters (k, seed, num, max_hash, abundance tracking)? */
  public boolean compatibleWith(MinHash other) {
    return ksize == other.ksize
        && seed == other.seed
        && num == other.num
        && maxHash == other.maxHash
        && trackAbundance == other.trackAbundance;
  }

  @Override
  public String toString() {
    return "MinHash(k="
        + ksize
        + (num > 0 ? ", num=" + num : ", scaled=" + scaled())
        + (trackAbundance ? ", abund" : "")
        + ", "
        + size()
        + " hashes)";
  }
}
