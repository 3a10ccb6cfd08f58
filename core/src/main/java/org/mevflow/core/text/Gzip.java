package org.mevflow.core.text;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/** Input that may be gzipped, told by its first two bytes (never by a file name). */
public final class Gzip {
  private Gzip() {}

  /** Decompressed bytes allowed before a {@link Budget}'s ratio applies (headers, small files). */
  static final long RATIO_GRACE = 1 << 20;

  /** {@code in} decompressed (one gzip member or several) when it starts with gzip's magic. */
  public static InputStream plain(InputStream in) throws IOException {
    return bounded(in, Budget.NONE);
  }

  /**
   * How much a gzipped input may expand: at most {@code maxBytes} once decompressed, and at most
   * {@code maxRatio} times the compressed bytes read so far (after the first MiB), so that a bomb
   * is refused after reading a little of it, not after decompressing it. {@code what} names the
   * input in the refusal ("the signature"), {@code why} says why the ratio is what it is.
   */
  public record Budget(long maxBytes, long maxRatio, String what, String why) {
    /** No limit: inputs of unbounded size by design (a run streamed from NCBI). */
    public static final Budget NONE = new Budget(Long.MAX_VALUE, Long.MAX_VALUE, "the input", "");
  }

  /** The input exceeded its {@link Budget}: refused, with the reason. */
  public static final class TooLarge extends IOException {
    public TooLarge(String message) {
      super(message);
    }
  }

  /**
   * {@code in} decompressed when it starts with gzip's magic, within {@code budget}: reading past
   * the budget fails with {@link TooLarge}. Plain input is held to the budget's bytes only.
   */
  public static InputStream bounded(InputStream in, Budget budget) throws IOException {
    BufferedInputStream buffered = new BufferedInputStream(in, 1 << 16);
    buffered.mark(2);
    int a = buffered.read();
    int b = buffered.read();
    buffered.reset();
    if (a == 0x1f && b == 0x8b) {
      Counted compressed = new Counted(buffered);
      return budget == Budget.NONE
          ? new GZIPInputStream(compressed, 1 << 16)
          : new Limited(new GZIPInputStream(compressed, 1 << 16), budget, compressed);
    }
    return budget == Budget.NONE ? buffered : new Limited(buffered, budget, null);
  }

  /** Counts the bytes read through it (the compressed side of a gzip stream). */
  private static final class Counted extends FilterInputStream {
    long count;

    Counted(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        count += n;
      }
      return n;
    }
  }

  /** Fails once the budget's bytes or ratio are exceeded. */
  private static final class Limited extends FilterInputStream {
    private final Budget budget;
    private final Counted compressed;
    private long bytes;

    Limited(InputStream in, Budget budget, Counted compressed) {
      super(in);
      this.budget = budget;
      this.compressed = compressed;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        spend(1);
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        spend(n);
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      long skipped = super.skip(n);
      spend(skipped);
      return skipped;
    }

    private void spend(long n) throws TooLarge {
      bytes += n;
      if (bytes > budget.maxBytes()) {
        throw new TooLarge(
            budget.what() + " is larger than " + budget.maxBytes() + " bytes once decompressed");
      }
      if (compressed != null
          && bytes > RATIO_GRACE
          && bytes / Math.max(1, compressed.count) > budget.maxRatio()) {
        throw new TooLarge(
            "the gzip data expands more than "
                + budget.maxRatio()
                + " times"
                + (budget.why().isEmpty() ? "" : " (" + budget.why() + ")")
                + ": refused as a decompression bomb");
      }
    }
  }
}
