package org.mevflow.activities.signatures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.client.WorkflowFailedException;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mevflow.core.ncbi.Ncbi;
import org.mevflow.core.sketch.MinHash;
import org.mevflow.core.sketch.Signature;
import org.mevflow.core.sketch.SketchComparison;
import org.mevflow.core.storage.ObjectRef;
import org.mevflow.db.jooq.tables.records.DatasetsRecord;
import org.mevflow.db.type.DatasetStatus;
import org.mevflow.db.type.PublicDb;
import org.mevflow.workflows.TaskQueues;
import org.mevflow.workflows.signatures.SketchOutcome;

/** The sketch workflow end to end (see {@link SignatureWorkflowFixture} for what is real). */
class SketchWorkflowTest extends SignatureWorkflowFixture {
  @Test
  void anSraRunIsSketchedOnTheQueueForItsSizeStoredAndRecorded() throws IOException {
    ncbi.runSizes.put("SRR0000001", 298L);
    workers(fasta("genome-s10.fa.gz"), null);

    SketchOutcome outcome = run("sra", "SRR0000001", false);

    assertThat(outcome.status()).isEqualTo(SketchOutcome.Status.COMPUTED);
    Signature sig = stored("wort-sra", "SRR0000001");
    assertThat(sig.name()).isEqualTo("SRR0000001");
    assertThat(sig.filename()).isEmpty();
    List<MinHash> expected = expectedSketches("genome-s10.fa.gz");
    assertThat(sig.sketches()).hasSize(3);
    for (int i = 0; i < 3; i++) {
      SketchComparison c = SketchComparison.of(sig.sketches().get(i), expected.get(i));
      assertThat(c.identical()).as(c.report()).isTrue();
    }
    DatasetsRecord row = row(PublicDb.SRA, "SRR0000001");
    assertThat(row.getStatus()).isEqualTo(DatasetStatus.COMPUTED);
    assertThat(row.getTaskQueue()).isEqualTo(TaskQueues.SKETCH_SMALL);
    assertThat(row.getSizeMb()).isEqualTo(298);
    assertThat(row.getAttempts()).isEqualTo(1);
    assertThat(row.getSignatureUri()).isEqualTo("file://wort-sra/sigs/SRR0000001.sig");
    assertThat(datasets.sketches(row.getId()))
        .extracting(s -> s.getKsize(), s -> s.getMd5sum())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(21, expected.get(0).md5sum()),
            org.assertj.core.groups.Tuple.tuple(31, expected.get(1).md5sum()),
            org.assertj.core.groups.Tuple.tuple(51, expected.get(2).md5sum()));
  }

  @Test
  void exitCode3IsMissingRecordedAndNotRetried() throws IOException {
    ncbi.runSizes.put("SRR0000004", 10L);
    workers("echo 'item not found' >&2; exit 3", null);

    SketchOutcome outcome = run("sra", "SRR0000004", false);

    assertThat(outcome.status()).isEqualTo(SketchOutcome.Status.MISSING);
    assertThat(outcome.detail())
        .contains("SRR0000004")
        .contains("fastq-dump exit 3")
        .contains("item not found");
    assertThat(fastqDumpCalls()).isEqualTo(1);
    DatasetsRecord row = row(PublicDb.SRA, "SRR0000004");
    assertThat(row.getStatus()).isEqualTo(DatasetStatus.MISSING);
    assertThat(row.getLastError()).contains("fastq-dump exit 3");
    assertThat(row.getSignatureUri()).isNull();
  }

  @Test
  void aRunNcbiDoesNotKnowIsMissingWithoutRunningFastqDump() throws IOException {
    workers(fasta("genome-s10.fa.gz"), null);
    SketchOutcome outcome = run("sra", "SRR9999999", false);
    assertThat(outcome.status()).isEqualTo(SketchOutcome.Status.MISSING);
    assertThat(fastqDumpCalls()).isZero();
    var row = row(PublicDb.SRA, "SRR9999999");
    assertThat(row.getStatus()).isEqualTo(DatasetStatus.MISSING);
    // ended at its look-up, before sketching: the row still names its workflow for operators
    assertThat(row.getWorkflowId()).isEqualTo("sketch-sra-SRR9999999");
    assertThat(row.getWorkflowRunId()).isNotBlank();
  }

  @Test
  void aStreamThatDiesMidwayIsRetriedThenFailedAndNeverStored() throws IOException {
    ncbi.runSizes.put("SRR0000005", 10L);
    workers(
        fasta("genome-s10.fa.gz") + " | head -c 100000; echo 'connection reset' >&2; exit 1", null);

    assertThatThrownBy(() -> run("sra", "SRR0000005", false))
        .isInstanceOf(WorkflowFailedException.class);

    assertThat(fastqDumpCalls()).isEqualTo(4);
    DatasetsRecord row = row(PublicDb.SRA, "SRR0000005");
    assertThat(row.getStatus()).isEqualTo(DatasetStatus.FAILED);
    assertThat(row.getLastError())
        .contains("fastq-dump exited with 1")
        .contains("connection reset");
    assertThat(row.getAttempts()).isEqualTo(1);
    assertThat(storage.head(new ObjectRef("wort-sra", "sigs/SRR0000005.sig"))).isEmpty();
  }

  @Test
  void emptyOutputFailsAtOnceAndStoresNothing() throws IOException {
    ncbi.runSizes.put("SRR0000006", 1L);
    workers("exit 0", null);
    assertThatThrownBy(() -> run("sra", "SRR0000006", false))
        .isInstanceOf(WorkflowFailedException.class);
    assertThat(fastqDumpCalls()).isEqualTo(1);
    DatasetsRecord row = row(PublicDb.SRA, "SRR0000006");
    assertThat(row.getStatus()).isEqualTo(DatasetStatus.FAILED);
    assertThat(row.getLastError()).contains("no sequence at all");
    assertThat(storage.head(new ObjectRef("wort-sra", "sigs/SRR0000006.sig"))).isEmpty();
  }

  @Test
  void readsTooShortForAnyKmerMakeAnEmptySignatureThatIsRefused() throws IOException {
    ncbi.runSizes.put("SRR0000007", 1L);
    workers("printf '>r1\\nACGTACGTAC\\n>r2\\nTTTT\\n'", null);
    assertThatThrownBy(() -> run("sra", "SRR0000007", false))
        .isInstanceOf(WorkflowFailedException.class);
    assertThat(row(PublicDb.SRA, "SRR0000007").getLastError())
        .contains("would be empty")
        .contains("not stored");
    assertThat(storage.head(new ObjectRef("wort-sra", "sigs/SRR0000007.sig"))).isEmpty();
  }

  @Test
  void aGenomeFromAUrlTemplate() throws IOException {
    ncbi.files.put(
        "GCA_000000001.1.fna.gz", Files.readAllBytes(golden.resolve("genome-s11.fa.gz")));
    workers("exit 99", ncbi.base() + "/files/{accession}.fna.gz");

    SketchOutcome outcome = run("genomes", "GCA_000000001.1", false);

    assertThat(outcome.status()).isEqualTo(SketchOutcome.Status.COMPUTED);
    Signature sig = stored("wort-genomes", "GCA_000000001.1");
    assertThat(sig.name()).isEqualTo("GCA_000000001.1");
    assertThat(sig.filename()).isEqualTo("GCA_000000001.1.fna.gz");
    assertThat(
            SketchComparison.of(sig.sketches().get(1), expectedSketches("genome-s11.fa.gz").get(1))
                .identical())
        .isTrue();
    assertThat(row(PublicDb.GENOMES, "GCA_000000001.1").getTaskQueue())
        .isEqualTo(TaskQueues.SKETCH_GENOMES);
  }

  @Test
  void aGenomeResolvedThroughNcbisAssemblySummary() throws IOException {
    String accession = "GCA_016787465.1";
    ncbi.assemblyPaths.put(
        accession,
        "ftp://"
            + ncbi.base().substring("http://".length())
            + "/files/all/GCA_016787465.1_ASM1678746v1");
    ncbi.files.put(
        "all/GCA_016787465.1_ASM1678746v1/GCA_016787465.1_ASM1678746v1_genomic.fna.gz",
        Files.readAllBytes(golden.resolve("genome-s10.fa.gz")));
    // NCBI's paths are ftp:// and served over https://; the stand-in speaks http, so the
    // resolved URL is checked, then fetched through the template-free path with http.
    Ncbi client = new Ncbi(HttpClient.newHttpClient(), ncbi.eutils(), null, Duration.ofSeconds(5));
    assertThat(client.genomeUrl(accession))
        .contains(
            "https://"
                + ncbi.base().substring("http://".length())
                + "/files/all/GCA_016787465.1_ASM1678746v1/GCA_016787465.1_ASM1678746v1_genomic.fna.gz");
    assertThat(client.genomeUrl("GCA_999999999.1")).isEmpty();
  }

  @Test
  void aGenomeThatIsNotThereIsMissing() throws IOException {
    workers("exit 99", ncbi.base() + "/files/{accession}.fna.gz");
    SketchOutcome outcome = run("genomes", "GCA_000000009.1", false);
    assertThat(outcome.status()).isEqualTo(SketchOutcome.Status.MISSING);
    assertThat(row(PublicDb.GENOMES, "GCA_000000009.1").getLastError()).contains("HTTP 404");
  }

  @Test
  void aFailedRecomputeKeepsTheServedSignatureAndASuccessfulOneReplacesIt() throws IOException {
    ncbi.runSizes.put("SRR0000008", 5L);
    Path toggle = dir.resolve("mode");
    Files.writeString(toggle, "s10");
    workers(
        "case $(cat '"
            + toggle
            + "') in s10) "
            + fasta("genome-s10.fa.gz")
            + ";; s11) "
            + fasta("genome-s11.fa.gz")
            + ";; *) exit 1;; esac",
        null);

    run("sra", "SRR0000008", false);
    String firstMd5 = stored("wort-sra", "SRR0000008").sketches().get(0).md5sum();

    Files.writeString(toggle, "broken");
    assertThatThrownBy(() -> run("sra", "SRR0000008", true))
        .isInstanceOf(WorkflowFailedException.class);
    DatasetsRecord afterFailure = row(PublicDb.SRA, "SRR0000008");
    assertThat(afterFailure.getStatus()).isEqualTo(DatasetStatus.COMPUTED);
    assertThat(afterFailure.getLastError()).contains("fastq-dump exited with 1");
    assertThat(afterFailure.getAttempts()).isEqualTo(2);
    assertThat(stored("wort-sra", "SRR0000008").sketches().get(0).md5sum()).isEqualTo(firstMd5);

    Files.writeString(toggle, "s11");
    run("sra", "SRR0000008", true);
    DatasetsRecord replaced = row(PublicDb.SRA, "SRR0000008");
    assertThat(replaced.getLastError()).isNull();
    assertThat(replaced.getAttempts()).isEqualTo(3);
    assertThat(stored("wort-sra", "SRR0000008").sketches().get(0).md5sum())
        .isEqualTo(expectedSketches("genome-s11.fa.gz").get(0).md5sum())
        .isNotEqualTo(firstMd5);
  }
}
