package org.mevflow.core.sketch;

/** Writes an unsigned 64-bit value as ASCII decimal digits, without allocating. */
final class UnsignedDecimal {
  private UnsignedDecimal() {}

  /** Writes {@code v} at {@code out[at]}; returns the number of bytes written (1 to 20). */
  static int write(long v, byte[] out, int at) {
    int w = at;
    if (v < 0) {
      // above 2^63: peel the last digit off with one unsigned division; the rest fits a long
      long q = Long.divideUnsigned(v, 10);
      out[w++] = (byte) ('0' + (v - q * 10));
      v = q;
    }
    do {
      out[w++] = (byte) ('0' + (v % 10));
      v /= 10;
    } while (v != 0);
    for (int i = at, j = w - 1; i < j; i++, j--) {
      byte t = out[i];
      out[i] = out[j];
      out[j] = t;
    }
    return w - at;
  }
}
