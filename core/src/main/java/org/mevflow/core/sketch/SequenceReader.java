package org.mevflow.core.sketch;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.zip.ZipException;
import org.mevflow.core.text.Errors;
import org.mevflow.core.text.Gzip;

/**
 * Streams FASTA or FASTQ, plain or gzip (told apart by their first bytes, never by a file name),
 * into {@link SequenceBatch}es. Records of any length: a record longer than a batch continues in
 * the next one with an overlap of {@code maxK - 1} bases. Sequence bytes are upper-cased as they
 * are copied. Anything that is not FASTA/FASTQ fails with the line it was found on. Long for a
 * class because it is one hand-written scanner over a byte buffer (the sketcher's hot loop); split,
 * its state would have to be passed between classes on every byte.
 */
final class SequenceReader implements AutoCloseable {
  enum Format {
    FASTA,
    FASTQ
  }

  /** 0: not allowed in a sequence line; otherwise the byte stored (upper case). */
  private static final byte[] SEQUENCE_BYTE = new byte[256];

  static {
    for (int c = 'A'; c <= 'Z'; c++) {
      SEQUENCE_BYTE[c] = (byte) c;
      SEQUENCE_BYTE[c + ('a' - 'A')] = (byte) c;
    }
    // gaps, stops and blanks are accepted as sequence (they break k-mers, as in sourmash)
    for (char c : new char[] {'-', '.', '*', ' ', '\t'}) {
      SEQUENCE_BYTE[c] = (byte) c;
    }
  }

  private static final int BUFFER = 1 << 20;
  private static final VarHandle LE_LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long NEWLINES = 0x0a0a0a0a0a0a0a0aL;
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;

  private final InputStream in;
  private final int carry;
  private final byte[] buf = new byte[BUFFER];
  private int pos;
  private int limit;
  private boolean eof;
  private long line = 1;
  private Format format;
  private boolean started;

  /** The record being copied continues into the next batch (it was cut at a batch end). */
  private boolean inRecord;

  private boolean atLineStart = true;
  private long recordLine;
  private long recordBases;

  private byte[] carried = new byte[0];
  private int carriedLength;

  private SequenceReader(InputStream in, int maxK) {
    this.in = in;
    this.carry = Math.max(0, maxK - 1);
  }

  /** Opens {@code raw}, unwrapping gzip if its first two bytes say so. */
  static SequenceReader open(InputStream raw, int maxK) throws IOException {
    return open(raw, maxK, Gzip.Budget.NONE);
  }

  /**
   * Opens {@code raw}, unwrapping gzip if its first two bytes say so, within {@code budget}
   * (reading past it fails with {@link Gzip.TooLarge}).
   */
  static SequenceReader open(InputStream raw, int maxK, Gzip.Budget budget) throws IOException {
    try {
      return new SequenceReader(Gzip.bounded(raw, budget), maxK);
    } catch (ZipException e) {
      throw new SequenceFormatException(0, "corrupt gzip header: " + Errors.describe(e));
    }
  }

  Format format() {
    return format;
  }

  /**
   * Fills {@code batch} (cleared first); false once the input is exhausted and nothing was added.
   */
  boolean next(SequenceBatch batch) throws IOException {
    batch.clear();
    if (!started) {
      detectFormat();
      started = true;
    }
    if (inRecord) {
      // continue the cut record: its last maxK-1 bytes open the new segment
      System.arraycopy(carried, 0, batch.data, 0, carriedLength);
      batch.used = carriedLength;
      inRecord = copySequence(batch, carriedLength);
      if (!inRecord && format == Format.FASTQ) {
        fastqQuality();
      }
    }
    while (!inRecord && batch.free() > carry + 1 && record(batch)) {
      // one more record
    }
    return batch.segments > 0;
  }

  private void detectFormat() throws IOException {
    int b = skipBlankLines();
    if (b < 0) {
      throw new EmptyInputException();
    }
    if (b == '>') {
      format = Format.FASTA;
    } else if (b == '@') {
      format = Format.FASTQ;
    } else {
      throw new SequenceFormatException(
          line,
          "not FASTA or FASTQ: expected '>' or '@' but found "
              + describe(b)
              + " (binary or unsupported input?)");
    }
  }

  /** Reads one record from its header on; false at end of input. */
  private boolean record(SequenceBatch batch) throws IOException {
    int b = skipBlankLines();
    if (b < 0) {
      return false;
    }
    char header = format == Format.FASTA ? '>' : '@';
    if (b != header) {
      throw new SequenceFormatException(
          line, "expected a " + format + " '" + header + "' header, found " + describe(b));
    }
    recordLine = line;
    recordBases = 0;
    skipLine();
    batch.records++;
    inRecord = copySequence(batch, 0);
    if (!inRecord && format == Format.FASTQ) {
      fastqQuality();
    }
    return true;
  }

  /**
   * Copies the current record's sequence into the batch, upper-cased: FASTA lines up to the next
   * header, or the single FASTQ sequence line. True if the batch filled up first: the record is cut
   * there and continues in the next batch.
   */
  private boolean copySequence(SequenceBatch batch, int overlap) throws IOException {
    int start = batch.used - overlap;
    byte[] out = batch.data;
    int w = batch.used;
    boolean fasta = format == Format.FASTA;
    while (true) {
      if (pos == limit && !refill()) {
        if (!fasta) {
          throw new SequenceFormatException(
              line, "truncated FASTQ record (started at line " + recordLine + "): no '+' line");
        }
        break;
      }
      if (atLineStart && fasta && buf[pos] == '>') {
        break;
      }
      // the rest of this line that is in the buffer, up to the batch's free space
      int end = newline(pos, Math.min(limit, pos + (batch.capacity - w)));
      if (end == pos && end < limit && buf[end] != '\n') {
        // batch full: cut here, the record continues in the next batch
        batch.used = w;
        endSegment(batch, start, overlap, true);
        return true;
      }
      // translate in one tight pass; a zero in the table marks a byte no sequence may hold
      int invalid = 0;
      for (int r = pos; r < end; r++) {
        byte t = SEQUENCE_BYTE[buf[r] & 0xff];
        out[w++] = t;
        invalid |= t == 0 ? 1 : 0;
      }
      if (invalid != 0) {
        w = rejectOrStripCarriageReturns(out, w - (end - pos), end);
      }
      pos = end;
      atLineStart = false;
      if (pos < limit && buf[pos] == '\n') {
        pos++;
        line++;
        atLineStart = true;
        if (!fasta) {
          break;
        }
      }
    }
    atLineStart = true;
    batch.used = w;
    endSegment(batch, start, overlap, false);
    return false;
  }

  /**
   * The slow path of a line holding a byte the table marks: carriage returns are dropped (CRLF
   * files), anything else is an error naming the byte. Returns the new write position.
   */
  private int rejectOrStripCarriageReturns(byte[] out, int from, int end) throws IOException {
    int w = from;
    for (int r = pos; r < end; r++) {
      int c = buf[r] & 0xff;
      if (c == '\r') {
        continue;
      }
      byte t = SEQUENCE_BYTE[c];
      if (t == 0) {
        throw new SequenceFormatException(
            line, "unexpected " + describe(c) + " in a " + format + " sequence line");
      }
      out[w++] = t;
    }
    return w;
  }

  private void endSegment(SequenceBatch batch, int start, int overlap, boolean cut) {
    int len = batch.used - start;
    batch.bases += len - overlap;
    recordBases += len - overlap;
    batch.addSegment(start, len, overlap);
    if (cut) {
      int keep = Math.min(carry, len);
      if (carried.length < keep) {
        carried = new byte[keep];
      }
      System.arraycopy(batch.data, batch.used - keep, carried, 0, keep);
      carriedLength = keep;
    }
  }

  /** The '+' line and the quality line of a FASTQ record, checked against its sequence. */
  private void fastqQuality() throws IOException {
    int plus = nextByte();
    if (plus != '+') {
      throw new SequenceFormatException(
          line,
          plus < 0
              ? "truncated FASTQ record (started at line " + recordLine + "): no '+' line"
              : "expected the FASTQ '+' line, found " + describe(plus));
    }
    skipLine();
    long qualityLine = line;
    long quality = 0;
    boolean sawAny = false;
    boolean endsInCr = false; // a CRLF line end may straddle two buffer fills
    while (pos < limit || refill()) {
      sawAny = true;
      int nl = newline(pos, limit);
      if (nl > pos) {
        quality += nl - pos;
        endsInCr = buf[nl - 1] == '\r';
      }
      pos = nl;
      if (nl < limit) {
        pos++;
        line++;
        break;
      }
    }
    if (endsInCr) {
      quality--;
    }
    if (!sawAny) {
      throw new SequenceFormatException(
          qualityLine,
          "truncated FASTQ record (started at line " + recordLine + "): missing quality line");
    }
    if (quality != recordBases) {
      throw new SequenceFormatException(
          qualityLine,
          "FASTQ quality line has "
              + quality
              + " characters but the sequence has "
              + recordBases
              + " (a missing or broken quality line?)");
    }
  }

  private int skipBlankLines() throws IOException {
    int b;
    while ((b = peekByte()) == '\n' || b == '\r') {
      nextByte();
      if (b == '\n') {
        line++;
      }
    }
    return b;
  }

  // ---- bytes

  private void skipLine() throws IOException {
    while (true) {
      if (pos == limit && !refill()) {
        return;
      }
      int nl = newline(pos, limit);
      if (nl < limit) {
        pos = nl + 1;
        line++;
        return;
      }
      pos = limit;
    }
  }

  /** The index of the first '\n' in {@code buf[from, to)}, or {@code to}; eight bytes a step. */
  private int newline(int from, int to) {
    int i = from;
    for (; i + 8 <= to; i += 8) {
      long x = (long) LE_LONG.get(buf, i) ^ NEWLINES;
      long zero = (x - ONES) & ~x & HIGHS;
      if (zero != 0) {
        return i + (Long.numberOfTrailingZeros(zero) >>> 3);
      }
    }
    while (i < to && buf[i] != '\n') {
      i++;
    }
    return i;
  }

  private int peekByte() throws IOException {
    if (pos == limit && !refill()) {
      return -1;
    }
    return buf[pos] & 0xff;
  }

  private int nextByte() throws IOException {
    if (pos == limit && !refill()) {
      return -1;
    }
    return buf[pos++] & 0xff;
  }

  private boolean refill() throws IOException {
    if (eof) {
      return false;
    }
    int n;
    try {
      n = in.read(buf, 0, buf.length);
    } catch (EOFException e) {
      throw new SequenceFormatException(line, "truncated gzip input (it ends mid-stream)");
    } catch (ZipException e) {
      throw new SequenceFormatException(line, "corrupt gzip data: " + Errors.describe(e));
    }
    if (n <= 0) {
      eof = true;
      return false;
    }
    pos = 0;
    limit = n;
    return true;
  }

  private static String describe(int b) {
    return b >= 0x20 && b < 0x7f ? "'" + (char) b + "'" : String.format("byte 0x%02x", b);
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
