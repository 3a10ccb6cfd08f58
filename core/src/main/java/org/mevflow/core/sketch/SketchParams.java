package org.mevflow.core.sketch;

/**
 * The parameters of one MinHash sketch. Exactly one of {@code num} (keep the N smallest hashes) and
 * {@code scaled} (keep hashes up to {@code maxHash}) is non-zero.
 */
public record SketchParams(int ksize, long seed, long scaled, int num, boolean trackAbundance) {
  public static final long DEFAULT_SEED = 42;

  public SketchParams {
    if (ksize < 1 || ksize > 1 << 16) {
      throw new IllegalArgumentException("ksize must be between 1 and 65536, got " + ksize);
    }
    if (num < 0 || scaled < 0) {
      throw new IllegalArgumentException("num and scaled cannot be negative");
    }
    if ((num == 0) == (scaled == 0)) {
      throw new IllegalArgumentException(
          "a sketch takes exactly one of num and scaled (got num="
              + num
              + ", scaled="
              + scaled
              + ")");
    }
  }

  public static SketchParams scaled(int ksize, long scaled, boolean abund) {
    return new SketchParams(ksize, DEFAULT_SEED, scaled, 0, abund);
  }

  public static SketchParams num(int ksize, int num, boolean abund) {
    return new SketchParams(ksize, DEFAULT_SEED, 0, num, abund);
  }

  /** The largest hash a scaled sketch keeps, as sourmash computes it (unsigned). */
  public long maxHash() {
    return maxHashFor(scaled);
  }

  /**
   * sourmash's {@code max_hash_for_scaled}: 0 for 0, 2^64-1 for 1, else {@code (u64)(2^64-1 as f64
   * / scaled)} in double precision, truncated.
   */
  public static long maxHashFor(long scaled) {
    if (scaled == 0) {
      return 0;
    }
    if (scaled == 1) {
      return -1L;
    }
    double max = 18446744073709551615.0 / scaled;
    return new java.math.BigDecimal(max).toBigInteger().longValue();
  }
}
