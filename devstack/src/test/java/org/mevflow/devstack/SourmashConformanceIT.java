package org.mevflow.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mevflow.core.ToolCache;
import org.mevflow.core.sketch.SequenceFiles;

/**
 * {@code ./mevflow sketch dna} against the real {@code sourmash sketch dna} (sourmash 4.9.4 from
 * PyPI, the command wort runs; {@code scripts/install-sourmash}) on generated corpora, one case per
 * thing the sketcher claims. Each case runs both with the same arguments in the same folder and
 * compares as sourmash compares: the JSON files are equal (sourmash's output is deterministic), and
 * sourmash itself describes both alike and finds them identical ({@code sourmash compare}: 1.0 for
 * every k).
 */
class SourmashConformanceIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir static Path dir;
  static Path sourmash;

  @BeforeAll
  static void corpora() throws Exception {
    sourmash = ToolCache.dir().resolve("bin").resolve("sourmash");
    assertThat(sourmash).as("the real sourmash (scripts/setup installs it)").isExecutable();
    assertThat(run(dir, sourmash.toString(), "--version")).contains("sourmash 4.9.4");
    // IUPAC codes, lower case, records shorter than k and empty ones, a record longer than a batch
    SequenceFiles.fasta(
        dir.resolve("iupac.fa"),
        21,
        new int[] {5_000, 20, 0, 31, 30, 50, 51, 52, 3_000_000, 0, 12_345},
        0.02,
        0.3,
        60);
    SequenceFiles.fasta(dir.resolve("plain.fa.gz"), 22, new int[] {200_000, 150_000}, 0, 0, 80);
    SequenceFiles.fastq(dir.resolve("reads.fq.gz"), 23, 40_000, 150, 0.003, 0.05);
    SequenceFiles.fastq(dir.resolve("reads.fq"), 24, 10_000, 100, 0.0, 0.0);
  }

  private static String run(Path in, String... command) throws Exception {
    Process p =
        new ProcessBuilder(command).directory(in.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(10, TimeUnit.MINUTES)).isTrue();
    assertThat(p.exitValue()).as(String.join(" ", command) + "\n" + out).isZero();
    return out;
  }

  /** Both sketchers with {@code args}, in the corpora's folder; then sourmash's own comparison. */
  private static void sameAsSourmash(String name, List<Integer> ks, String... args)
      throws Exception {
    Path theirs = dir.resolve(name + ".sourmash.sig");
    Path ours = dir.resolve(name + ".mevflow.sig");
    List<String> sm = new ArrayList<>(List.of(sourmash.toString(), "sketch", "dna"));
    sm.addAll(List.of(args));
    sm.addAll(List.of("-o", theirs.toString()));
    run(dir, sm.toArray(String[]::new));
    List<String> mf = new ArrayList<>(List.of("sketch", "dna"));
    mf.addAll(List.of(args));
    mf.addAll(List.of("-o", ours.toString()));
    Launcher.Result r = Launcher.runIn(dir, new byte[0], Map.of(), mf.toArray(String[]::new));
    assertThat(r.exitCode()).as(r.output()).isZero();

    JsonNode want = JSON.readTree(Files.readAllBytes(theirs));
    JsonNode got = JSON.readTree(Files.readAllBytes(ours));
    assertThat(want.toString()).as("sourmash kept hashes").contains("\"mins\":[");
    assertThat(got).as(name + ": the same signatures, field for field").isEqualTo(want);

    String describedTheirs = run(dir, sourmash.toString(), "sig", "describe", theirs.toString());
    String describedOurs = run(dir, sourmash.toString(), "sig", "describe", ours.toString());
    assertThat(describedOurs.replace(ours.toString(), "X"))
        .isEqualTo(describedTheirs.replace(theirs.toString(), "X"));
    // sourmash's own comparison, Jaccard (abundances are in the JSON above): each signature of
    // ours against the one sourmash made at the same place
    int n = want.size();
    for (int k : ks) {
      Path csv = dir.resolve(name + "." + k + ".csv");
      run(
          dir,
          sourmash.toString(),
          "-q",
          "compare",
          "--ignore-abundance",
          "-k",
          Integer.toString(k),
          theirs.toString(),
          ours.toString(),
          "--csv",
          csv.toString());
      List<String> rows = Files.readAllLines(csv);
      int sketched = rows.size() - 1;
      assertThat(sketched).as(name + " k=" + k + ": " + rows).isEqualTo(2 * (sketched / 2));
      for (int i = 0; i < sketched / 2; i++) {
        String[] cells = rows.get(1 + i).split(",");
        assertThat(Double.parseDouble(cells[sketched / 2 + i]))
            .as(name + " k=" + k + " signature " + i + ": " + rows)
            .isEqualTo(1.0);
      }
    }
    assertThat(n).isPositive();
  }

  @Test
  void iupacLowerCaseShortEmptyAndLongRecordsAtThreeKsWithAbundance() throws Exception {
    sameAsSourmash(
        "iupac", List.of(21, 31, 51), "-p", "k=21,k=31,k=51,scaled=100,abund", "iupac.fa");
  }

  @Test
  void gzippedFastqWithoutAbundance() throws Exception {
    sameAsSourmash("fastq", List.of(31), "-p", "k=31,scaled=200", "reads.fq.gz");
  }

  @Test
  void numSketches() throws Exception {
    sameAsSourmash("num", List.of(21, 31), "-p", "k=21,k=31,num=500", "reads.fq");
  }

  @Test
  void severalFilesEachItsOwnSignature() throws Exception {
    sameAsSourmash(
        "several", List.of(31), "-p", "k=31,scaled=1000,abund", "plain.fa.gz", "reads.fq");
  }

  @Test
  void severalFilesUnderOneName() throws Exception {
    sameAsSourmash(
        "named",
        List.of(21, 51),
        "-p",
        "k=21,k=51,scaled=500",
        "--name",
        "SRR000001 merged",
        "plain.fa.gz",
        "reads.fq.gz");
  }

  @Test
  void twoParameterSetsAndTheDefaults() throws Exception {
    sameAsSourmash(
        "params",
        List.of(31, 21),
        "-p",
        "k=31,scaled=1000",
        "-p",
        "k=21,num=200,abund",
        "plain.fa.gz");
    sameAsSourmash("defaults", List.of(31), "plain.fa.gz");
  }
}
