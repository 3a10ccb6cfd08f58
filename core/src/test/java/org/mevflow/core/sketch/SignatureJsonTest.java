package org.mevflow.core.sketch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class SignatureJsonTest {

  private static List<Signature> read(String json) throws IOException {
    return SignatureJson.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
  }

  private static String write(Signature sig) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    SignatureJson.write(List.of(sig), out);
    return out.toString(StandardCharsets.UTF_8);
  }

  private static MinHash sketch(long[] hashes, long[] counts) {
    return new MinHash(
        0,
        21,
        42,
        SketchParams.maxHashFor(1000),
        counts != null,
        MinHash.DNA,
        SortedHashes.of(hashes, counts));
  }

  @Test
  void writesSourmashsKeyOrderCompactlyWithNameAndAbundances() throws IOException {
    long big = Long.parseUnsignedLong("18446744073709551000");
    MinHash mh =
        new MinHash(
            0,
            21,
            42,
            -1L,
            true,
            MinHash.DNA,
            SortedHashes.of(new long[] {5, 77, big}, new long[] {1, 3, 2}));
    String json = write(new Signature("SRR000001", "", List.of(mh)));
    assertThat(json)
        .isEqualTo(
            "[{\"class\":\"sourmash_signature\",\"email\":\"\",\"hash_function\":\"0.murmur64\","
                + "\"filename\":\"\",\"name\":\"SRR000001\",\"license\":\"CC0\",\"signatures\":"
                + "[{\"num\":0,\"ksize\":21,\"seed\":42,\"max_hash\":18446744073709551615,"
                + "\"mins\":[5,77,18446744073709551000],\"md5sum\":\""
                + mh.md5sum()
                + "\",\"abundances\":[1,3,2],\"molecule\":\"DNA\"}],\"version\":0.4}]");
    // and back
    MinHash again = read(json).get(0).sketches().get(0);
    assertThat(SketchComparison.of(again, mh).identical()).isTrue();
    assertThat(again.maxHash()).isEqualTo(-1L);
  }

  @Test
  void namesAreEscapedAsJson() throws IOException {
    String json = write(new Signature("a \"quoted\"\\name\n", "dir/f.fa", List.of()));
    assertThat(json).contains("\"name\":\"a \\\"quoted\\\"\\\\name\\n\"");
    assertThat(read(json).get(0).name()).isEqualTo("a \"quoted\"\\name\n");
  }

  @Test
  void readsGzipOldMoleculeNamesAndPrettyPrintedFiles() throws IOException {
    byte[] plain = Files.readAllBytes(Golden.file("genome-s10.k31.scaled10000.sig"));
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
      out.write(plain);
    }
    Signature sig = SignatureJson.read(new ByteArrayInputStream(gz.toByteArray())).get(0);
    assertThat(sig.filename()).isEqualTo("../genome-s10.fa.gz");
    assertThat(sig.sketches().get(0).molecule()).isEqualTo(MinHash.DNA);
    assertThat(sig.sketches().get(0).md5sum()).isEqualTo("684aa226f843eaa7e1e40fc5603d5f2a");
    try (InputStream in = Files.newInputStream(Golden.file("genome-s11.k21.scaled1000.sig"))) {
      assertThat(SignatureJson.read(in).get(0).sketches().get(0).size()).isEqualTo(470);
    }
    assertThat(read("{\"class\":\"sourmash_signature\",\"signatures\":[]}")).hasSize(1);
  }

  @Test
  void whatIsNotASignatureIsRefusedWithTheReason() {
    assertThatThrownBy(() -> read("[{\"class\":\"something_else\",\"signatures\":[]}]"))
        .hasMessageContaining("not a sourmash signature");
    assertThatThrownBy(() -> read("{\"class\":\"sourmash_signature\""))
        .isInstanceOf(SignatureJson.FormatException.class);
    assertThatThrownBy(() -> read("hello"))
        .isInstanceOf(SignatureJson.FormatException.class)
        .hasMessageContaining("not valid JSON");
    String sketch =
        "{\"class\":\"sourmash_signature\",\"signatures\":[{\"ksize\":21,\"num\":0,"
            + "\"max_hash\":18446744073709552,\"molecule\":\"DNA\",";
    assertThatThrownBy(() -> read(sketch + "\"mins\":[5,3]}]}"))
        .hasMessageContaining("not strictly ascending");
    assertThatThrownBy(() -> read(sketch + "\"mins\":[3,5],\"abundances\":[1]}]}"))
        .hasMessageContaining("1 abundances for 2 hashes");
    assertThatThrownBy(() -> read(sketch + "\"mins\":[3,5],\"md5sum\":\"0000\"}]}"))
        .hasMessageContaining("md5sum 0000 does not match");
    assertThatThrownBy(() -> read(sketch + "\"mins\":[-3]}]}"))
        .hasMessageContaining("cannot be negative");
    assertThatThrownBy(() -> read(sketch + "\"mins\":[18446744073709551616]}]}"))
        .hasMessageContaining("outside 0..2^64-1");
  }

  @Test
  void comparisonsCountAndNameTheDifferences() {
    MinHash ours = sketch(new long[] {10, 20, 30, 40}, new long[] {1, 2, 3, 4});
    MinHash sameButCounts = sketch(new long[] {10, 20, 30, 40}, new long[] {1, 2, 9, 4});
    MinHash oneChanged = sketch(new long[] {10, 20, 31, 40}, new long[] {1, 2, 3, 4});

    SketchComparison counts = SketchComparison.of(sameButCounts, ours);
    assertThat(counts.sameHashes()).isTrue();
    assertThat(counts.identical()).isFalse();
    assertThat(counts.abundanceMismatches()).isEqualTo(1);
    assertThat(counts.report())
        .contains("1 abundances differ")
        .contains("hash 30: abundance 9 vs 3");

    SketchComparison hash = SketchComparison.of(oneChanged, ours);
    assertThat(hash.sameHashes()).isFalse();
    assertThat(hash.onlyInA()).isEqualTo(1);
    assertThat(hash.onlyInB()).isEqualTo(1);
    assertThat(hash.jaccard()).isEqualTo(3.0 / 5.0);
    assertThat(hash.containmentOfAInB()).isEqualTo(0.75);
    assertThat(hash.report())
        .startsWith(
            "k=21: 2 hashes differ (1 only in the first sketch of 4, 1 only in the second sketch of 4)")
        .contains("Jaccard 0.6000")
        .contains("hash 30 only in the second sketch")
        .contains("hash 31 only in the first sketch");

    MinHash otherK =
        new MinHash(
            0,
            31,
            42,
            SketchParams.maxHashFor(1000),
            false,
            MinHash.DNA,
            SortedHashes.of(new long[] {10}, null));
    assertThat(SketchComparison.of(otherK, ours).report())
        .contains("cannot be compared (ksize 31 vs 21)");
    assertThat(SketchComparison.of(ours, ours).report())
        .isEqualTo("k=21: identical (4 hashes, same abundances)");
  }

  private static final java.nio.file.Path GOLDEN =
      java.nio.file.Path.of(System.getProperty("mevflow.shared", "../../shared"))
          .resolve("testdata/sourmash");

  private static final SignatureJson.Limits ROOMY =
      new SignatureJson.Limits(1L << 30, 50, 10_000_000, java.time.Duration.ofMinutes(1));

  @Test
  void aScanSeesWhatAReadSeesInTheFilesSourmashWroteWithoutKeepingHashes() throws IOException {
    for (String name :
        List.of("genome-s10.k21.scaled1000.sig", "genome-s10+s11.k31.scaled10000.sig")) {
      byte[] file = Files.readAllBytes(GOLDEN.resolve(name));
      Signature read = SignatureJson.read(new ByteArrayInputStream(file)).get(0);
      SignatureJson.SignatureSummary scanned =
          SignatureJson.scan(new ByteArrayInputStream(file), ROOMY).get(0);
      assertThat(scanned.name()).isEqualTo(read.name());
      assertThat(scanned.sketches()).hasSize(read.sketches().size());
      for (int i = 0; i < read.sketches().size(); i++) {
        MinHash m = read.sketches().get(i);
        SignatureJson.SketchSummary s = scanned.sketches().get(i);
        assertThat(s.size()).isEqualTo(m.size()).isPositive();
        assertThat(s.md5sum()).isEqualTo(m.md5sum());
        assertThat(s.scaled()).isEqualTo(m.scaled());
        assertThat(s.ksize()).isEqualTo(m.ksize());
      }
    }
  }

  @Test
  void keysInAnyOrderAreStillCheckedAgainstTheirMd5sum() throws IOException {
    String good = write(new Signature("x", "", List.of(sketch(new long[] {5, 9}, null))));
    String md5 = read(good).get(0).sketches().get(0).md5sum();
    String reordered =
        "{\"class\":\"sourmash_signature\",\"signatures\":[{\"mins\":[5,9],\"md5sum\":\""
            + md5
            + "\",\"ksize\":21,\"molecule\":\"DNA\",\"max_hash\":18446744073709552}]}";
    var in = new ByteArrayInputStream(reordered.getBytes(StandardCharsets.UTF_8));
    assertThat(SignatureJson.scan(in, ROOMY).get(0).sketches().get(0).size()).isEqualTo(2);
    String wrong = reordered.replace("[5,9]", "[5,10]");
    assertThatThrownBy(
            () ->
                SignatureJson.scan(
                    new ByteArrayInputStream(wrong.getBytes(StandardCharsets.UTF_8)), ROOMY))
        .hasMessageContaining("does not match the hashes");
  }

  @Test
  void theLimitsStopABombEarly() throws IOException {
    // 1 GiB of white space after '[': 1024 gzip members of 1 MiB each (gzip allows members
    // one after another), about 1 MB in all
    ByteArrayOutputStream member = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(member)) {
      byte[] spaces = new byte[1 << 20];
      java.util.Arrays.fill(spaces, (byte) ' ');
      out.write(spaces);
    }
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
      out.write('[');
    }
    for (int i = 0; i < 1024; i++) {
      gz.write(member.toByteArray());
    }
    assertThat(gz.size()).isLessThan(1_100_000);
    CountingStream counted = new CountingStream(gz.toByteArray());
    assertThatThrownBy(() -> SignatureJson.scan(counted, ROOMY))
        .hasMessageContaining("decompression bomb");
    // refused within its first few MB of expansion: a fraction of its first 200 KB read
    assertThat(counted.read).isLessThan(200_000);

    String many = write(new Signature("x", "", List.of(sketch(new long[] {1, 2, 3, 4}, null))));
    assertThatThrownBy(
            () ->
                SignatureJson.scan(
                    new ByteArrayInputStream(many.getBytes(StandardCharsets.UTF_8)),
                    new SignatureJson.Limits(1L << 30, 50, 3, null)))
        .hasMessageContaining("more than 3 hashes");
    assertThatThrownBy(
            () ->
                SignatureJson.scan(
                    new ByteArrayInputStream(many.getBytes(StandardCharsets.UTF_8)),
                    new SignatureJson.Limits(1L << 30, 50, 100, java.time.Duration.ZERO)))
        .hasMessageContaining("took longer than 0 s");
  }

  /** Counts the bytes a reader took from it. */
  private static final class CountingStream extends ByteArrayInputStream {
    long read;

    CountingStream(byte[] data) {
      super(data);
    }

    @Override
    public synchronized int read(byte[] b, int off, int len) {
      int n = super.read(b, off, len);
      if (n > 0) {
        read += n;
      }
      return n;
    }
  }
}
