package org.mevflow.core.text;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/** Input that may be gzipped, told by its first two bytes (never by a file name). */
public final class Gzip {
  private Gzip() {}

  /** {@code in} decompressed (one gzip member or several) when it starts with gzip's magic. */
  public static InputStream plain(InputStream in) throws IOException {
    BufferedInputStream buffered = new BufferedInputStream(in, 1 << 16);
    buffered.mark(2);
    int a = buffered.read();
    int b = buffered.read();
    buffered.reset();
    return a == 0x1f && b == 0x8b ? new GZIPInputStream(buffered, 1 << 16) : buffered;
  }
}
