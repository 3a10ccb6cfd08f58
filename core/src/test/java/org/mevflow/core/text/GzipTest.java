package org.mevflow.core.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** Gzip told by its magic, and a budget that stops a bomb after reading a little of it. */
class GzipTest {
  private static final Gzip.Budget BUDGET =
      new Gzip.Budget(100L << 20, 50, "the test input", "test data does not compress that well");

  private static byte[] gzip(byte[] data, int copies) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      for (int i = 0; i < copies; i++) {
        gz.write(data);
      }
    }
    return out.toByteArray();
  }

  /** Counts what is read from it. */
  private static final class Counting extends ByteArrayInputStream {
    Counting(byte[] data) {
      super(data);
    }

    int consumed() {
      return pos;
    }
  }

  @Test
  void plainAndGzippedInputReadTheSame() throws IOException {
    byte[] text = "ACGT\n".repeat(1000).getBytes();
    assertThat(Gzip.plain(new ByteArrayInputStream(text)).readAllBytes()).isEqualTo(text);
    assertThat(Gzip.plain(new ByteArrayInputStream(gzip(text, 1))).readAllBytes()).isEqualTo(text);
    assertThat(Gzip.bounded(new ByteArrayInputStream(gzip(text, 1)), BUDGET).readAllBytes())
        .isEqualTo(text);
  }

  @Test
  void aBombIsRefusedAfterReadingALittleOfIt() throws IOException {
    byte[] zeros = new byte[1 << 20];
    byte[] bomb = gzip(zeros, 1024); // 1 GiB of zeros in about 1 MB
    Counting in = new Counting(bomb);
    InputStream read = Gzip.bounded(in, BUDGET);
    byte[] buf = new byte[1 << 16];
    assertThatThrownBy(
            () -> {
              while (read.read(buf) >= 0) {
                // read through
              }
            })
        .isInstanceOf(Gzip.TooLarge.class)
        .hasMessage(
            "the gzip data expands more than 50 times (test data does not compress that well):"
                + " refused as a decompression bomb");
    assertThat(in.consumed()).isLessThan(bomb.length / 4);
  }

  @Test
  void dataThatCompressesAsDataDoesIsReadToItsEnd() throws IOException {
    // random bases compress about 4 times: well within the ratio
    Random random = new Random(3);
    byte[] bases = new byte[8 << 20];
    for (int i = 0; i < bases.length; i++) {
      bases[i] = (byte) "ACGT".charAt(random.nextInt(4));
    }
    assertThat(Gzip.bounded(new ByteArrayInputStream(gzip(bases, 1)), BUDGET).readAllBytes())
        .hasSize(bases.length);
  }

  @Test
  void plainOrGzippedInputOverTheBytesIsRefused() throws IOException {
    Gzip.Budget small = new Gzip.Budget(1000, 1000, "the test input", "");
    byte[] data = new byte[1001];
    assertThatThrownBy(() -> Gzip.bounded(new ByteArrayInputStream(data), small).readAllBytes())
        .isInstanceOf(Gzip.TooLarge.class)
        .hasMessage("the test input is larger than 1000 bytes once decompressed");
    assertThatThrownBy(
            () -> Gzip.bounded(new ByteArrayInputStream(gzip(data, 1)), small).readAllBytes())
        .isInstanceOf(Gzip.TooLarge.class);
    assertThat(Gzip.bounded(new ByteArrayInputStream(new byte[1000]), small).readAllBytes())
        .hasSize(1000);
  }
}
