package org.mevflow.core.sketch;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;

/** Generated FASTA/FASTQ for tests and benchmarks: fixed seeds, so every run sees the same data. */
public final class SequenceFiles {
  private SequenceFiles() {}

  /** Random ACGT, with N and other IUPAC codes and lower case mixed in at the given rates. */
  static byte[] bases(SplittableRandom rnd, int n, double oddRate, double lowerRate) {
    byte[] acgt = "ACGT".getBytes(StandardCharsets.US_ASCII);
    byte[] odd = "NRYKMSWBDHVN".getBytes(StandardCharsets.US_ASCII);
    byte[] out = new byte[n];
    for (int i = 0; i < n; i++) {
      byte b = rnd.nextDouble() < oddRate ? odd[rnd.nextInt(odd.length)] : acgt[rnd.nextInt(4)];
      if (rnd.nextDouble() < lowerRate) {
        b = (byte) Character.toLowerCase(b);
      }
      out[i] = b;
    }
    return out;
  }

  public static Path fasta(
      Path file, long seed, int[] lengths, double oddRate, double lowerRate, int width)
      throws IOException {
    SplittableRandom rnd = new SplittableRandom(seed);
    try (OutputStream out = open(file)) {
      for (int r = 0; r < lengths.length; r++) {
        out.write((">record" + r + " generated\n").getBytes(StandardCharsets.US_ASCII));
        byte[] seq = bases(rnd, lengths[r], oddRate, lowerRate);
        for (int i = 0; i < seq.length; i += width) {
          out.write(seq, i, Math.min(width, seq.length - i));
          out.write('\n');
        }
      }
    }
    return file;
  }

  public static Path fastq(
      Path file, long seed, int reads, int length, double oddRate, double lowerRate)
      throws IOException {
    SplittableRandom rnd = new SplittableRandom(seed);
    byte[] quality = "I".repeat(length).getBytes(StandardCharsets.US_ASCII);
    try (OutputStream out = open(file)) {
      for (int r = 0; r < reads; r++) {
        out.write(("@read" + r + "/1\n").getBytes(StandardCharsets.US_ASCII));
        out.write(bases(rnd, length, oddRate, lowerRate));
        out.write("\n+\n".getBytes(StandardCharsets.US_ASCII));
        out.write(quality);
        out.write('\n');
      }
    }
    return file;
  }

  private static OutputStream open(Path file) throws IOException {
    OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
    return file.toString().endsWith(".gz") ? new GZIPOutputStream(out, 1 << 16) : out;
  }
}
