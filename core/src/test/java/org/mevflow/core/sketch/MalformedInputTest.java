package org.mevflow.core.sketch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/**
 * Malformed input never yields a sketch: each fails with a clear reason and, where known, a line.
 */
class MalformedInputTest {

  private static Sketcher.Result sketch(byte[] input, int threads) throws IOException {
    return new Sketcher(List.of(SketchParams.scaled(21, 1, true)), threads)
        .sketch(new ByteArrayInputStream(input), Sketcher.Progress.NONE);
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(data);
    }
    return out.toByteArray();
  }

  private static final String READS =
      "@r1\nACGTACGTACGTACGTACGTACGTAC\n+\nIIIIIIIIIIIIIIIIIIIIIIIIII\n"
          + "@r2\nTTGCAACGTGGCATACGATCAGCTAG\n+\nIIIIIIIIIIIIIIIIIIIIIIIIII\n";

  @Test
  void wellFormedInputSketches() throws IOException {
    assertThat(sketch(ascii(READS), 1).sketches().get(0).size()).isPositive();
    assertThat(sketch(gzip(ascii(READS)), 2).records()).isEqualTo(2);
  }

  @Test
  void crlfLineEndsAreAcceptedEvenAcrossBufferRefills() throws IOException {
    String lf = READS.repeat(30_000); // several MiB: line ends fall on every buffer boundary
    String crlf = lf.replace("\n", "\r\n");
    MinHash a = sketch(ascii(lf), 1).sketches().get(0);
    MinHash b = sketch(ascii(crlf), 2).sketches().get(0);
    assertThat(SketchComparison.of(a, b).identical()).isTrue();
    String fasta = ">x\r\nACGTTGCAACGTGGCATACGATCAGCTAGGCT\r\nTTGCAACGTGGCATACGATCAGCTAG\r\n";
    assertThat(sketch(ascii(fasta.repeat(50_000)), 1).sketches().get(0).size()).isPositive();
  }

  @Test
  void emptyInputIsItsOwnError() {
    assertThatThrownBy(() -> sketch(new byte[0], 1)).isInstanceOf(EmptyInputException.class);
    assertThatThrownBy(() -> sketch(ascii("\n\n\r\n"), 1)).isInstanceOf(EmptyInputException.class);
    assertThatThrownBy(() -> sketch(gzip(new byte[0]), 2)).isInstanceOf(EmptyInputException.class);
  }

  @Test
  void truncatedGzip() throws IOException {
    byte[] whole = gzip(ascii(READS.repeat(2000)));
    byte[] cut = Arrays.copyOf(whole, whole.length / 2);
    assertThatThrownBy(() -> sketch(cut, 1))
        .isInstanceOf(SequenceFormatException.class)
        .hasMessageContaining("truncated gzip");
  }

  @Test
  void fastqWithAMissingQualityLine() {
    String broken =
        "@r1\nACGTACGTACGTACGTACGTACGTAC\n+\nIIIIIIIIIIIIIIIIIIIIIIIIII\n"
            + "@r2\nTTGCAACGTGGCATACGATCAGCTAG\n+\n"
            + "@r3\nTTGCAACGTGGCATACGATCAGCTAG\n+\nIIIIIIIIIIIIIIIIIIIIIIIIII\n";
    assertThatThrownBy(() -> sketch(ascii(broken), 1))
        .isInstanceOf(SequenceFormatException.class)
        .hasMessageStartingWith("line 8: ")
        .hasMessageContaining("quality line has 3 characters but the sequence has 26");
    String endsEarly = "@r1\nACGTACGTACGTACGTACGTACGTAC\n+\n";
    assertThatThrownBy(() -> sketch(ascii(endsEarly), 1))
        .isInstanceOf(SequenceFormatException.class)
        .hasMessageContaining("missing quality line");
    String noPlus = "@r1\nACGTACGTACGTACGTACGTACGTAC\n";
    assertThatThrownBy(() -> sketch(ascii(noPlus), 1)).hasMessageContaining("no '+' line");
  }

  @Test
  void binaryJunk() {
    byte[] junk = new byte[4096];
    new java.util.Random(7).nextBytes(junk);
    junk[0] = 0x03;
    assertThatThrownBy(() -> sketch(junk, 1))
        .isInstanceOf(SequenceFormatException.class)
        .hasMessageContaining("not FASTA or FASTQ")
        .hasMessageContaining("byte 0x03");
  }

  @Test
  void junkInsideASequenceNamesItsLine() {
    byte[] input = ascii(">a\nACGTACGTAC\nACGT\u0001ACGT\n");
    assertThatThrownBy(() -> sketch(input, 1))
        .isInstanceOf(SequenceFormatException.class)
        .hasMessage("line 3: unexpected byte 0x01 in a FASTA sequence line");
  }

  @Test
  void aFastaFileMustStartWithAHeader() {
    assertThatThrownBy(() -> sketch(ascii("ACGTACGT\n>a\nACGT\n"), 1))
        .hasMessageContaining("line 1: not FASTA or FASTQ: expected '>' or '@' but found 'A'");
  }

  @Test
  void aCorruptGzipStreamIsReportedAsSuch() throws IOException {
    byte[] data = gzip(ascii(READS.repeat(500)));
    for (int i = 20; i < 60; i++) {
      data[i] ^= (byte) 0x5a;
    }
    assertThatThrownBy(() -> sketch(data, 1))
        .isInstanceOf(SequenceFormatException.class)
        .hasMessageContaining("gzip");
  }
}
