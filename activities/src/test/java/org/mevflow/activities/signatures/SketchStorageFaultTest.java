package org.mevflow.activities.signatures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.client.WorkflowFailedException;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mevflow.core.sketch.MinHash;
import org.mevflow.core.sketch.Signature;
import org.mevflow.core.storage.CuttingProxy;
import org.mevflow.core.storage.FaultyS3;
import org.mevflow.core.storage.ObjectRef;
import org.mevflow.core.storage.ObjectStorage;
import org.mevflow.core.storage.S3ObjectStorage;
import org.mevflow.core.storage.StoredObject;
import org.mevflow.db.jooq.tables.records.DatasetsRecord;
import org.mevflow.db.type.DatasetStatus;
import org.mevflow.db.type.PublicDb;
import org.mevflow.workflows.signatures.SketchOutcome;

/**
 * Storage failing mid-upload inside the sketch activity: the real S3 client against a real
 * S3-protocol server (S3Mock), with the network between them cutting the signature's upload partway
 * through the body. What a user may see is the whole signature or none of it.
 */
class SketchStorageFaultTest extends SignatureWorkflowFixture {
  /** Past the request's headers, inside the signature's body (checked below: it is bigger). */
  private static final long CUT_AFTER = 8 << 10;

  private static FaultyS3 s3;
  private static CuttingProxy network;
  private S3ObjectStorage client;

  @BeforeAll
  static void startS3() throws Exception {
    s3 = FaultyS3.start("wort-sra", "wort-genomes");
    network = s3.network;
  }

  @AfterAll
  static void stopS3() throws Exception {
    s3.close();
  }

  @Override
  ObjectStorage storage() {
    client = s3.client();
    return client;
  }

  @AfterEach
  void heal() {
    network.cut(0, Long.MAX_VALUE);
    client.close();
  }

  @Test
  void anUploadCutOnEveryClientAttemptIsRetriedByTheActivityAndLandsWhole() throws IOException {
    ncbi.runSizes.put("SRR0000001", 298L);
    workers(fasta("genome-s10.fa.gz"), null);
    int before = network.cuts();
    network.cut(S3ObjectStorage.ATTEMPTS, CUT_AFTER);

    SketchOutcome outcome = run("sra", "SRR0000001", false);

    assertThat(network.cuts() - before)
        .as("the first activity attempt's every upload was cut")
        .isEqualTo(S3ObjectStorage.ATTEMPTS);
    assertThat(fastqDumpCalls()).as("the activity ran again").isEqualTo(2);
    assertThat(outcome.status()).isEqualTo(SketchOutcome.Status.COMPUTED);
    StoredObject object =
        storage.head(new ObjectRef("wort-sra", "sigs/SRR0000001.sig")).orElseThrow();
    assertThat(object.size()).as("the cut fell inside the body").isGreaterThan(CUT_AFTER);
    Signature sig = stored("wort-sra", "SRR0000001");
    List<MinHash> expected = expectedSketches("genome-s10.fa.gz");
    assertThat(sig.sketches())
        .extracting(MinHash::md5sum)
        .containsExactlyElementsOf(expected.stream().map(MinHash::md5sum).toList());
    DatasetsRecord row = row(PublicDb.SRA, "SRR0000001");
    assertThat(row.getStatus()).isEqualTo(DatasetStatus.COMPUTED);
    assertThat(row.getSignatureUri()).isEqualTo("s3://wort-sra/sigs/SRR0000001.sig");
    assertThat(storage.list("wort-sra", "sigs/SRR0000001")).hasSize(1);
  }

  @Test
  void storageThatNeverTakesTheUploadFailsTheSketchWithItsReasonAndStoresNothing()
      throws IOException {
    ncbi.runSizes.put("SRR0000002", 298L);
    workers(fasta("genome-s10.fa.gz"), null);
    network.cut(Integer.MAX_VALUE, CUT_AFTER);

    assertThatThrownBy(() -> run("sra", "SRR0000002", false))
        .isInstanceOf(WorkflowFailedException.class);

    assertThat(fastqDumpCalls()).as("every activity attempt was made").isEqualTo(4);
    DatasetsRecord row = row(PublicDb.SRA, "SRR0000002");
    assertThat(row.getStatus()).isEqualTo(DatasetStatus.FAILED);
    assertThat(row.getLastError())
        .contains("storing the signature of SRR0000002 failed")
        .contains("S3 put of wort-sra/sigs/SRR0000002.sig failed");
    assertThat(row.getSignatureUri()).isNull();
    network.cut(0, Long.MAX_VALUE);
    assertThat(storage.list("wort-sra", "sigs/SRR0000002")).isEmpty();
  }
}
