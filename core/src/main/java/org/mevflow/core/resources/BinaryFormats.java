package org.mevflow.core.resources;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Binary genomics files recognised by their magic numbers (from the formats' published
 * specifications): BAM (BGZF-compressed, starting {@code BAM\1}), its index ({@code BAI\1}), and
 * bigWig ({@code 0x888FFC26}). Reads a few bytes, never the whole file.
 */
final class BinaryFormats {
  private static final byte[] BAM = {'B', 'A', 'M', 1};
  private static final byte[] BAI = {'B', 'A', 'I', 1};
  private static final int BIGWIG = 0x888FFC26;

  private BinaryFormats() {}

  static Validation bam(Path file) throws IOException {
    try (InputStream raw = Files.newInputStream(file)) {
      byte[] head = raw.readNBytes(2);
      if (head.length < 2 || (head[0] & 0xff) != 0x1f || (head[1] & 0xff) != 0x8b) {
        return Validation.invalid(
            "not a BAM file: it is not BGZF-compressed (a SAM text file must be converted to BAM)");
      }
    }
    try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
      byte[] magic = in.readNBytes(4);
      return Arrays.equals(magic, BAM)
          ? Validation.ok("BAM alignments (header checked)", 0, 0)
          : Validation.invalid("not a BAM file: the compressed data does not start with BAM\\1");
    } catch (ZipException | java.io.EOFException e) {
      return Validation.invalid("not a BAM file: its compressed data is broken");
    }
  }

  static Validation bai(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return Arrays.equals(in.readNBytes(4), BAI)
          ? Validation.ok("BAM index (header checked)", 0, 0)
          : Validation.invalid("not a BAM index: it does not start with BAI\\1");
    }
  }

  static Validation bigWig(Path file) throws IOException {
    byte[] b;
    try (InputStream in = Files.newInputStream(file)) {
      b = in.readNBytes(4);
    }
    if (b.length == 4) {
      int little = (b[0] & 0xff) | (b[1] & 0xff) << 8 | (b[2] & 0xff) << 16 | (b[3] & 0xff) << 24;
      int big = (b[3] & 0xff) | (b[2] & 0xff) << 8 | (b[1] & 0xff) << 16 | (b[0] & 0xff) << 24;
      if (little == BIGWIG || big == BIGWIG) {
        return Validation.ok("bigWig (header checked)", 0, 0);
      }
    }
    return Validation.invalid("not a bigWig file: it does not start with bigWig's magic number");
  }
}
