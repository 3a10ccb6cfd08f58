package org.mevflow.core.sketch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Conformance with files the real sourmash wrote: the compact ones byte for byte, the
 * pretty-printed ones as parsed JSON (same hashes, same md5sum).
 */
class GoldenFilesTest {

  private static Sketcher.Result sketch(String input, int k, long scaled, int threads)
      throws IOException {
    try (InputStream in = Files.newInputStream(Golden.file(input))) {
      return new Sketcher(List.of(SketchParams.scaled(k, scaled, false)), threads)
          .sketch(in, Sketcher.Progress.NONE);
    }
  }

  @ParameterizedTest(name = "{1} from {0}, {4} thread(s)")
  @CsvSource({
    "genome-s10-small.fa.gz, genome-s10-small.k31.scaled10000.sig, 31, 10000, 1",
    "genome-s10.fa.gz, genome-s10.k31.scaled10000.sig, 31, 10000, 1",
    "genome-s11.fa.gz, genome-s11.k31.scaled10000.sig, 31, 10000, 1",
    "genome-s10+s11.fa.gz, genome-s10+s11.k31.scaled10000.sig, 31, 10000, 1",
    "genome-s10+s11.fa.gz, genome-s10+s11.k31.scaled10000.sig, 31, 10000, 2"
  })
  void compactFilesAreReproducedByteForByte(
      String input, String golden, int k, long scaled, int threads) throws IOException {
    byte[] expected = Files.readAllBytes(Golden.file(golden));
    // those files were written by an older sourmash: molecule "dna", filename as typed then
    String filename =
        SignatureJson.read(new java.io.ByteArrayInputStream(expected)).get(0).filename();
    Sketcher.Result result = sketch(input, k, scaled, threads);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    SignatureJson.write(
        List.of(new Signature(null, filename, result.sketches())),
        out,
        SignatureJson.MoleculeName.LEGACY);
    assertThat(out.toString()).isEqualTo(new String(expected));
  }

  @ParameterizedTest(name = "{1} from {0}")
  @CsvSource({
    "genome-s10.fa.gz, genome-s10.k21.scaled1000.sig, 21, 1000",
    "genome-s11.fa.gz, genome-s11.k21.scaled1000.sig, 21, 1000"
  })
  void prettyPrintedFilesMatchAsParsedJson(String input, String golden, int k, long scaled)
      throws IOException {
    MinHash expected;
    try (InputStream in = Files.newInputStream(Golden.file(golden))) {
      expected = SignatureJson.read(in).get(0).sketches().get(0);
    }
    MinHash ours = sketch(input, k, scaled, 2).sketches().get(0);
    assertThat(ours.size()).isEqualTo(expected.size());
    assertThat(ours.md5sum()).isEqualTo(expected.md5sum());
    assertThat(ours.maxHash()).isEqualTo(expected.maxHash());
    assertThat(SketchComparison.of(ours, expected).identical()).isTrue();
  }
}
