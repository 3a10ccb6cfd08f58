package org.mevflow.core.sketch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real sourmash (installed by scripts/setup) driven as the verifier's second opinion drives it:
 * gzipped input, which sourmash cannot read from a pipe, is handed over decompressed; its refusals
 * come back with its own words; a missing executable is told apart from a failure.
 */
@Tag("component")
class SourmashCliTest {
  static final Path GOLDEN =
      Path.of(System.getProperty("mevflow.shared", "../../shared")).resolve("testdata/sourmash");

  @TempDir Path dir;

  private static SourmashCli cli() {
    Path exe = SourmashCli.installed().orElseThrow(() -> new AssertionError("run scripts/setup"));
    return new SourmashCli(exe, Duration.ofMinutes(2));
  }

  private List<Signature> read(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return SignatureJson.read(in);
    }
  }

  @Test
  void gzippedInputIsSketchedAsWortsZcatPipeSketchesItAndEqualsOurSketcher() throws IOException {
    Path out = dir.resolve("s.sig");
    AtomicLong fed = new AtomicLong();
    try (InputStream in = Files.newInputStream(GOLDEN.resolve("genome-s10.fa.gz"))) {
      cli().sketchDna(in, "k=21,k=31,scaled=1000,abund", "genome s10", out, fed::set);
    }
    // the decompressed text went to sourmash: 500,006 bytes
    assertThat(fed.get()).isEqualTo(500_006);
    Signature theirs = read(out).get(0);
    assertThat(theirs.name()).isEqualTo("genome s10");
    List<MinHash> ours;
    try (InputStream in = Files.newInputStream(GOLDEN.resolve("genome-s10.fa.gz"))) {
      ours =
          new Sketcher(ParamString.parse("k=21,k=31,scaled=1000,abund"), 1)
              .sketch(in, Sketcher.Progress.NONE)
              .sketches();
    }
    assertThat(theirs.sketches()).hasSize(2);
    for (int i = 0; i < 2; i++) {
      assertThat(theirs.sketches().get(i).ksize()).isEqualTo(ours.get(i).ksize());
      assertThat(theirs.sketches().get(i).md5sum()).isEqualTo(ours.get(i).md5sum());
      assertThat(theirs.sketches().get(i).size()).isEqualTo(ours.get(i).size());
    }
  }

  @Test
  void noSequenceAtAllLeavesNoSignature() throws IOException {
    Path out = dir.resolve("empty.sig");
    Files.deleteIfExists(out);
    Files.createFile(out);
    cli().sketchDna(new ByteArrayInputStream(new byte[0]), "k=31,scaled=1000", "x", out, n -> {});
    assertThat(Files.size(out)).isZero();
  }

  @Test
  void inputSourmashRefusesFailsWithItsOwnWords() {
    byte[] junk = "this is not FASTA\n".repeat(10).getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(
            () ->
                cli()
                    .sketchDna(
                        new ByteArrayInputStream(junk),
                        "k=31,scaled=1000",
                        "x",
                        dir.resolve("junk.sig"),
                        n -> {}))
        .isInstanceOf(SourmashCli.Failed.class)
        .hasMessageStartingWith("sourmash sketch dna exited with")
        .satisfies(e -> assertThat(((SourmashCli.Failed) e).notRunnable()).isFalse());
  }

  @Test
  void aMissingExecutableIsNotRunnableAndTheVersionIsSourmashsOwn() throws IOException {
    SourmashCli missing = new SourmashCli(dir.resolve("nope"), Duration.ofSeconds(10));
    assertThatThrownBy(missing::version)
        .isInstanceOf(SourmashCli.Failed.class)
        .satisfies(e -> assertThat(((SourmashCli.Failed) e).notRunnable()).isTrue());
    assertThat(cli().version()).isEqualTo("sourmash 4.9.4");
  }
}
