package org.mevflow.core.sketch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our sketches against sourmash's Rust core (WebAssembly, via Node) on inputs the golden files do
 * not cover: N and other IUPAC codes, lower case, records shorter than k, FASTQ, abundance, k=21,
 * 31 and 51 together, num sketches, many records, records longer than a batch.
 */
@Tag("component")
class OracleConformanceTest {
  @TempDir static Path dir;

  @BeforeAll
  static void installOracle() throws Exception {
    SourmashOracle.module();
  }

  private static void assertSameAsOracle(Path input, SourmashOracle.Params params, int threads)
      throws Exception {
    List<SourmashOracle.Sketch> expected = SourmashOracle.sketch(input, params);
    Sketcher.Result ours;
    try (InputStream in = Files.newInputStream(input)) {
      ours = new Sketcher(params.asSketchParams(), threads).sketch(in, Sketcher.Progress.NONE);
    }
    assertThat(ours.sketches()).hasSameSizeAs(expected);
    for (int i = 0; i < expected.size(); i++) {
      SourmashOracle.Sketch want = expected.get(i);
      MinHash got = ours.sketches().get(i);
      assertThat(got.ksize()).isEqualTo(want.ksize());
      assertThat(want.mins()).as("oracle kept hashes for k=%d", want.ksize()).isNotEmpty();
      MinHash reference =
          new MinHash(
              got.num(),
              want.ksize(),
              42,
              got.maxHash(),
              want.abundances() != null,
              MinHash.DNA,
              SortedHashes.of(want.mins(), want.abundances()));
      SketchComparison c = SketchComparison.of(got, reference);
      assertThat(c.identical()).as(c.report()).isTrue();
      assertThat(got.trackAbundance()).isEqualTo(want.abundances() != null);
      assertThat(got.md5sum()).isEqualTo(want.md5sum());
    }
  }

  private static SourmashOracle.Params scaled(long scaled, boolean abund, Integer... ks) {
    return new SourmashOracle.Params(List.of(ks), scaled, 0, abund);
  }

  @Test
  void iupacCodesLowerCaseAndShortRecordsInFasta() throws Exception {
    int[] lengths = {5_000, 20, 31, 30, 50, 51, 52, 80_000, 0, 12_345};
    Path fa = SequenceFiles.fasta(dir.resolve("iupac.fa"), 11, lengths, 0.02, 0.3, 60);
    assertSameAsOracle(fa, scaled(100, true, 21, 31, 51), 1);
  }

  @Test
  void fastqReadsWithAbundanceOnTwoThreads() throws Exception {
    Path fq = SequenceFiles.fastq(dir.resolve("reads.fq.gz"), 12, 60_000, 150, 0.002, 0.05);
    assertSameAsOracle(fq, scaled(200, true, 21, 31, 51), 2);
  }

  @Test
  void withoutAbundance() throws Exception {
    Path fq = SequenceFiles.fastq(dir.resolve("noabund.fq"), 13, 5_000, 150, 0.01, 0.0);
    assertSameAsOracle(fq, scaled(100, false, 31), 1);
  }

  @Test
  void numSketchesOnOneAndTwoThreads() throws Exception {
    Path fq = SequenceFiles.fastq(dir.resolve("num.fq"), 14, 40_000, 100, 0.005, 0.1);
    assertSameAsOracle(fq, new SourmashOracle.Params(List.of(21, 31), 0, 500, true), 1);
    assertSameAsOracle(fq, new SourmashOracle.Params(List.of(51), 0, 1000, false), 2);
  }

  @Test
  void recordsLongerThanABatchAreCutWithoutLosingOrRepeatingKmers() throws Exception {
    int len = Sketcher.BATCH_BYTES * 2 + 12_345;
    Path fa =
        SequenceFiles.fasta(dir.resolve("long.fa.gz"), 15, new int[] {len, 1_000}, 0.0005, 0.0, 80);
    assertSameAsOracle(fa, scaled(1000, true, 21, 31, 51), 2);
  }

  @Test
  void anUltraLongFastqReadIsCutLikeAFastaRecord() throws Exception {
    Path fq =
        SequenceFiles.fastq(
            dir.resolve("ultralong.fq"), 16, 2, Sketcher.BATCH_BYTES + 777, 0.0, 0.0);
    assertSameAsOracle(fq, scaled(1000, true, 31), 1);
  }
}
