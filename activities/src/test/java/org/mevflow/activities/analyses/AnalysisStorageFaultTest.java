package org.mevflow.activities.analyses;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.temporal.client.WorkflowOptions;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mevflow.activities.testing.AnalysisFixture;
import org.mevflow.core.storage.CuttingProxy;
import org.mevflow.core.storage.FaultyS3;
import org.mevflow.core.storage.ObjectRef;
import org.mevflow.core.storage.ObjectStorage;
import org.mevflow.core.storage.S3ObjectStorage;
import org.mevflow.db.jooq.tables.records.ExecutionsRecord;
import org.mevflow.db.type.ExecutionStatus;
import org.mevflow.db.type.Runner;
import org.mevflow.workflows.TaskQueues;
import org.mevflow.workflows.analyses.AnalysisWorkflow;

/**
 * Storage failing mid-upload of an analysis's output: the real S3 client and a real S3-protocol
 * server (S3Mock), the network between them cutting the output's upload partway through its body on
 * every attempt the client makes. The run is made again and its output lands once, whole.
 */
class AnalysisStorageFaultTest extends AnalysisFixture {
  /** Past the request's headers, inside the output's body (checked below: it is bigger). */
  private static final long CUT_AFTER = 8 << 10;

  private static FaultyS3 s3;
  private static CuttingProxy network;
  private S3ObjectStorage client;

  @BeforeAll
  static void startS3() throws Exception {
    s3 = FaultyS3.start("mevflow-resources", "mevflow-operations");
    network = s3.network;
  }

  @AfterAll
  static void stopS3() throws Exception {
    s3.close();
  }

  @Override
  protected ObjectStorage newStorage() {
    client = s3.client();
    return client;
  }

  @BeforeEach
  void startWorker() {
    startLocalWorker();
  }

  @AfterEach
  void tearDown() {
    network.cut(0, Long.MAX_VALUE);
    env.close();
    client.close();
  }

  @Test
  void anOutputWhoseUploadIsCutIsMadeAgainAndRegisteredOnceWhole() throws Exception {
    Path examples = Path.of(System.getProperty("mevflow.examples", "../examples/operations"));
    StringBuilder tsv = new StringBuilder("gene\tS1\tS2\n");
    StringBuilder sums = new StringBuilder("gene\trow_sum\n");
    for (int i = 0; i < 3000; i++) {
      tsv.append("GENE").append(i).append('\t').append(i).append("\t1\n");
      sums.append("GENE").append(i).append('\t').append(i + 1).append('\n');
    }
    UUID input = matrix(tsv.toString());
    UUID op = catalog.ingest(examples.resolve("row-sums"), null, null).operation().getId();
    UUID exec = execution(op, Runner.LOCAL, "cut", "matrix", input);
    int before = network.cuts();
    network.cut(S3ObjectStorage.ATTEMPTS, CUT_AFTER);

    ExecutionStatus status =
        env.getWorkflowClient()
            .newWorkflowStub(
                AnalysisWorkflow.class,
                WorkflowOptions.newBuilder()
                    .setTaskQueue(TaskQueues.ANALYSES)
                    .setWorkflowId("analysis-" + exec)
                    .build())
            .run(exec.toString());

    assertThat(network.cuts() - before)
        .as("the first run's every upload was cut")
        .isEqualTo(S3ObjectStorage.ATTEMPTS);
    assertThat(status).isEqualTo(ExecutionStatus.SUCCEEDED);
    ExecutionsRecord row = executions.find(exec).orElseThrow();
    String outputId = new ObjectMapper().readTree(row.getOutputs().data()).get("row_sums").asText();
    var output = resources.find(UUID.fromString(outputId)).orElseThrow();
    assertThat(output.getProducedBy()).isEqualTo(exec);
    assertThat(output.getSizeBytes()).as("the cut fell inside the body").isGreaterThan(CUT_AFTER);
    try (InputStream in = storage.get(ObjectRef.fromUri(URI.create(output.getStorageUri())))) {
      assertThat(new String(in.readAllBytes())).isEqualTo(sums.toString());
    }
    assertThat(storage.list("mevflow-resources", "outputs/" + exec + "/"))
        .extracting(o -> o.ref().key())
        .as("the output and its standard copy, once each")
        .containsExactly(
            "outputs/" + exec + "/row_sums/row_sums.tsv",
            "outputs/" + exec + "/row_sums/row_sums.tsv.standard.FT.tsv");
    assertThat(resources.producedBy(exec)).hasSize(1);
  }
}
