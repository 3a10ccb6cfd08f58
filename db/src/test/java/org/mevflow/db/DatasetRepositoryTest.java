package org.mevflow.db;

import static org.assertj.core.api.Assertions.assertThat;

import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.mevflow.db.type.DatasetStatus;
import org.mevflow.db.type.PublicDb;
import org.mevflow.testing.TestPostgres;

/**
 * A failed sketch reopened for a reset, and put back when the reset is refused; what a new run
 * records of the one it replaces.
 */
class DatasetRepositoryTest {
  private final DSLContext db =
      DSL.using(TestPostgres.newDatabase().dataSource(), SQLDialect.POSTGRES);
  private final DatasetRepository datasets = new DatasetRepository(db);

  @Test
  void aFailedSketchIsComputingAgainWhileItsResetRunsAndKeepsItsReason() {
    datasets.markComputing(PublicDb.SRA, "SRR1", "sketch-small", 10, "sketch-sra-SRR1", "r1");
    datasets.markFailed(PublicDb.SRA, "SRR1", "fastq-dump exited with 1");

    assertThat(datasets.reopen(PublicDb.SRA, "SRR1")).contains(DatasetStatus.FAILED);

    var row = datasets.find(PublicDb.SRA, "SRR1").orElseThrow();
    assertThat(row.getStatus()).isEqualTo(DatasetStatus.COMPUTING);
    assertThat(row.getLastError()).isEqualTo("fastq-dump exited with 1");
    assertThat(row.getWorkflowId()).isEqualTo("sketch-sra-SRR1");

    datasets.restore(PublicDb.SRA, "SRR1", DatasetStatus.FAILED);
    assertThat(datasets.find(PublicDb.SRA, "SRR1").orElseThrow().getStatus())
        .isEqualTo(DatasetStatus.FAILED);
  }

  @Test
  void aRunReplacingAnotherRecordsHowThatOneEnded() {
    // replacing a success (a recompute): no error to report
    datasets.markComputing(PublicDb.SRA, "SRR3", "sketch-small", 10, "sketch-sra-SRR3", "r1");
    datasets.markComputed(PublicDb.SRA, "SRR3", "s3://b/sigs/SRR3.sig", 10, java.util.List.of());
    datasets.markComputing(PublicDb.SRA, "SRR3", "sketch-small", 10, "sketch-sra-SRR3", "r2");
    var recomputing = datasets.find(PublicDb.SRA, "SRR3").orElseThrow();
    assertThat(recomputing.getPreviousRunId()).isEqualTo("r1");
    assertThat(recomputing.getPreviousError()).isNull();
    assertThat(recomputing.getStatus()).isEqualTo(DatasetStatus.COMPUTED);
    // the same run's next attempt changes nothing of that
    datasets.markComputing(PublicDb.SRA, "SRR3", "sketch-small", 10, "sketch-sra-SRR3", "r2");
    assertThat(datasets.find(PublicDb.SRA, "SRR3").orElseThrow().getPreviousRunId())
        .isEqualTo("r1");

    // replacing a failure: its reason
    datasets.markFailed(PublicDb.SRA, "SRR3", "fastq-dump exited with 1");
    datasets.markComputing(PublicDb.SRA, "SRR3", "sketch-small", 10, "sketch-sra-SRR3", "r3");
    var afterFailure = datasets.find(PublicDb.SRA, "SRR3").orElseThrow();
    assertThat(afterFailure.getPreviousRunId()).isEqualTo("r2");
    assertThat(afterFailure.getPreviousError()).isEqualTo("fastq-dump exited with 1");

    // a run lost before it ended: JobRepositoryTest
  }

  @Test
  void onlyAnEndedDatasetWithoutASignatureIsReopened() {
    datasets.markComputing(PublicDb.SRA, "SRR2", "sketch-small", 10, "sketch-sra-SRR2", "r2");
    assertThat(datasets.reopen(PublicDb.SRA, "SRR2")).isEmpty();
    datasets.markComputed(PublicDb.SRA, "SRR2", "s3://b/sigs/SRR2.sig", 10, java.util.List.of());
    assertThat(datasets.reopen(PublicDb.SRA, "SRR2")).isEmpty();
    assertThat(datasets.find(PublicDb.SRA, "SRR2").orElseThrow().getStatus())
        .isEqualTo(DatasetStatus.COMPUTED);
    assertThat(datasets.reopen(PublicDb.SRA, "SRR-none")).isEmpty();

    datasets.markMissing(PublicDb.GENOMES, "GCA_1.1", "not in NCBI");
    assertThat(datasets.reopen(PublicDb.GENOMES, "GCA_1.1")).contains(DatasetStatus.MISSING);
    // a run that got further in the meantime is not put back
    datasets.markComputed(
        PublicDb.GENOMES, "GCA_1.1", "s3://b/sigs/g.sig", 10, java.util.List.of());
    datasets.restore(PublicDb.GENOMES, "GCA_1.1", DatasetStatus.MISSING);
    assertThat(datasets.find(PublicDb.GENOMES, "GCA_1.1").orElseThrow().getStatus())
        .isEqualTo(DatasetStatus.COMPUTED);
  }
}
