package org.mevflow.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mevflow.core.sketch.Signature;
import org.mevflow.core.sketch.SignatureJson;

/** {@code ./mevflow sketch dna} as users run it: the built jar, nothing else running. */
class SketchCliIT {
  @TempDir Path dir;
  Path golden;
  Path run;

  @BeforeEach
  void inputs() throws Exception {
    golden = Path.of(System.getProperty("mevflow.shared"), "testdata", "sourmash");
    Files.copy(golden.resolve("genome-s10.fa.gz"), dir.resolve("genome-s10.fa.gz"));
    Files.copy(golden.resolve("genome-s11.fa.gz"), dir.resolve("genome-s11.fa.gz"));
    run = Files.createDirectory(dir.resolve("run"));
  }

  private Launcher.Result sketch(byte[] stdin, String... args) throws Exception {
    String[] full = new String[args.length + 2];
    full[0] = "sketch";
    full[1] = "dna";
    System.arraycopy(args, 0, full, 2, args.length);
    return Launcher.runIn(run, stdin, Map.of(), full);
  }

  private static List<Signature> parse(byte[] bytes) throws Exception {
    return SignatureJson.read(new ByteArrayInputStream(bytes));
  }

  @Test
  void reproducesAGoldenFileByteForByte() throws Exception {
    Launcher.Result r =
        sketch(
            new byte[0],
            "-p",
            "k=31,scaled=10000",
            "--legacy-molecule",
            "-o",
            "out.sig",
            "../genome-s10.fa.gz");
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(run.resolve("out.sig"))
        .hasSameBinaryContentAs(golden.resolve("genome-s10.k31.scaled10000.sig"));
  }

  @Test
  void stdinGzipOutputAndDefaults() throws Exception {
    byte[] input = Files.readAllBytes(dir.resolve("genome-s11.fa.gz"));
    Launcher.Result r = sketch(input, "-o", "s11.sig.gz", "-");
    assertThat(r.exitCode()).as(r.output()).isZero();
    byte[] json;
    try (InputStream in = new GZIPInputStream(Files.newInputStream(run.resolve("s11.sig.gz")))) {
      json = in.readAllBytes();
    }
    assertThat(new String(json)).contains("\"filename\":\"\"").contains("\"molecule\":\"DNA\"");
    Signature sig = parse(json).get(0);
    assertThat(sig.name()).isNull();
    assertThat(sig.sketches()).hasSize(1);
    assertThat(sig.sketches().get(0).ksize()).isEqualTo(31);
    assertThat(sig.sketches().get(0).scaled()).isEqualTo(1000);
    assertThat(sig.sketches().get(0).trackAbundance()).isFalse();
  }

  @Test
  void severalParamStringsAndInputsAndAMergedName() throws Exception {
    Launcher.Result each =
        sketch(
            new byte[0],
            "-p",
            "k=21,k=31,scaled=1000,abund",
            "-p",
            "num=100,k=51",
            "-o",
            "each.sig",
            "../genome-s10.fa.gz",
            "../genome-s11.fa.gz");
    assertThat(each.exitCode()).as(each.output()).isZero();
    List<Signature> sigs = parse(Files.readAllBytes(run.resolve("each.sig")));
    assertThat(sigs)
        .extracting(Signature::filename)
        .containsExactly(
            "../genome-s10.fa.gz",
            "../genome-s10.fa.gz",
            "../genome-s11.fa.gz",
            "../genome-s11.fa.gz");
    assertThat(sigs.get(0).sketches()).extracting(m -> m.ksize()).containsExactly(21, 31);
    assertThat(sigs.get(1).sketches().get(0).num()).isEqualTo(100);

    Launcher.Result merged =
        sketch(
            new byte[0],
            "--name",
            "both",
            "-o",
            "merged.sig",
            "../genome-s10.fa.gz",
            "../genome-s11.fa.gz");
    assertThat(merged.exitCode()).as(merged.output()).isZero();
    Signature both = parse(Files.readAllBytes(run.resolve("merged.sig"))).get(0);
    assertThat(both.name()).isEqualTo("both");
    long s10 = sigs.get(0).sketches().get(1).size();
    long s11 = sigs.get(2).sketches().get(1).size();
    assertThat(both.sketches().get(0).size()).isBetween(Math.max(s10, s11), s10 + s11);
  }

  @Test
  void malformedInputWritesNothingAndSaysWhy() throws Exception {
    Files.writeString(run.resolve("bad.fq"), "@r1\nACGTACGTAC\n+\nIII\n");
    Launcher.Result r = sketch(new byte[0], "-o", "bad.sig", "bad.fq");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.output()).contains("bad.fq: line 4: FASTQ quality line has 3 characters");
    assertThat(run.resolve("bad.sig")).doesNotExist();
    try (var files = Files.list(run)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("bad.fq");
    }

    Launcher.Result empty = sketch(new byte[0], "-");
    assertThat(empty.exitCode()).isEqualTo(1);
    assertThat(empty.output()).contains("standard input: the input is empty");

    Launcher.Result params = sketch(new byte[0], "-p", "k=31,scaled=1000,num=10", "-");
    assertThat(params.exitCode()).isEqualTo(2);
    assertThat(params.output()).contains("sets both num and scaled");
  }
}
