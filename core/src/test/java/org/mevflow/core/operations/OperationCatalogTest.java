package org.mevflow.core.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mevflow.core.storage.LocalObjectStorage;
import org.mevflow.db.OperationRepository;
import org.mevflow.db.type.Runner;
import org.mevflow.testing.TestPostgres;

/** Ingesting the example catalog (the real folders in examples/operations) into a real database. */
class OperationCatalogTest {
  @TempDir Path dir;
  OperationCatalog catalog;
  OperationRepository operations;
  LocalObjectStorage storage;
  Path examples;

  @BeforeEach
  void setUp() throws Exception {
    examples = Path.of(System.getProperty("mevflow.examples", "../examples/operations"));
    operations =
        new OperationRepository(
            DSL.using(TestPostgres.newDatabase().dataSource(), SQLDialect.POSTGRES));
    storage = new LocalObjectStorage(dir.resolve("storage"));
    catalog = new OperationCatalog(operations, storage, "mevflow-operations");
  }

  @Test
  void theExamplesAreIngestedOnceWithTheirRunnerAndFiles() throws Exception {
    OperationCatalog.Ingested rowSums = catalog.ingest(examples.resolve("row-sums"), null, null);
    assertThat(rowSums.created()).isTrue();
    assertThat(rowSums.operation().getName()).isEqualTo("Row sums");
    assertThat(rowSums.operation().getRunner()).isEqualTo(Runner.LOCAL);
    assertThat(rowSums.operation().getGitCommit()).startsWith("sha256:");
    assertThat(
            storage.list("mevflow-operations", "operations/" + rowSums.operation().getId() + "/"))
        .extracting(o -> o.ref().key().substring(o.ref().key().lastIndexOf('/') + 1))
        .containsExactlyInAnyOrder("operation_spec.json", "run.sh");

    OperationCatalog.Ingested again = catalog.ingest(examples.resolve("row-sums"), null, null);
    assertThat(again.created()).isFalse();
    assertThat(again.operation().getId()).isEqualTo(rowSums.operation().getId());

    OperationCatalog.Ingested wdl =
        catalog.ingest(examples.resolve("row-means-cromwell"), null, null);
    assertThat(wdl.operation().getRunner()).isEqualTo(Runner.CROMWELL);
    assertThat(operations.active()).hasSize(2);
    assertThat(operations.categories()).extracting(c -> c.getCategory()).containsOnly("Utilities");

    OperationCatalog.Ingested dge =
        catalog.ingest(examples.resolve("two-group-fold-change"), null, null);
    // the spec keeps its inputs in their written order (the front end lays its form out so)
    OperationSpec spec = OperationSpec.parse(OperationRepository.specAsWritten(dge.operation()));
    assertThat(spec.inputs().values())
        .extracting(i -> i.spec().type())
        .containsExactly(
            AttributeType.DataResource,
            AttributeType.ObservationSet,
            AttributeType.ObservationSet,
            AttributeType.String,
            AttributeType.String,
            AttributeType.BoundedFloat,
            AttributeType.OptionString);
  }

  @Test
  void foldersThatCouldNotRunAreRefused() throws Exception {
    Path local = Files.createDirectory(dir.resolve("local"));
    Files.copy(
        examples.resolve("row-sums/operation_spec.json"), local.resolve("operation_spec.json"));
    assertThatThrownBy(() -> catalog.ingest(local, null, null))
        .hasMessageContaining("needs run.sh");

    Path cromwell = Files.createDirectory(dir.resolve("cromwell"));
    Files.copy(
        examples.resolve("row-means-cromwell/operation_spec.json"),
        cromwell.resolve("operation_spec.json"));
    assertThatThrownBy(() -> catalog.ingest(cromwell, null, null))
        .hasMessageContaining("needs main.wdl");

    assertThatThrownBy(
            () -> catalog.ingest(Files.createDirectory(dir.resolve("empty")), null, null))
        .hasMessageContaining("no operation_spec.json");

    // WebMEV's modes that do not run here are refused, naming the mode and those that do
    Path nextflow = Files.createDirectory(dir.resolve("nextflow"));
    Files.writeString(
        nextflow.resolve("operation_spec.json"),
        Files.readString(examples.resolve("row-sums/operation_spec.json"))
            .replace("\"mode\": \"local\"", "\"mode\": \"nf_batch\""));
    Files.writeString(nextflow.resolve("main.nf"), "workflow {}\n");
    assertThatThrownBy(() -> catalog.ingest(nextflow, null, null))
        .hasMessageContaining("mode 'nf_batch' is not run here")
        .hasMessageContaining("cromwell or local");
    assertThat(operations.active()).isEmpty();
  }

  @Test
  void anOperationIsIngestedFromAGitRepositoryAtACommit() throws Exception {
    Path repo = dir.resolve("repo");
    String sha = LocalGitRepo.create(examples.resolve("row-sums"), repo);
    String url = repo.toUri().toString();

    OperationCatalog.Ingested head = catalog.ingestGit(url, null);
    assertThat(head.created()).isTrue();
    assertThat(head.operation().getRepositoryUrl()).isEqualTo(url);
    assertThat(head.operation().getGitCommit()).isEqualTo(sha);

    OperationCatalog.Ingested same = catalog.ingestGit(url, sha.substring(0, 10));
    assertThat(same.created()).isFalse();
    assertThat(same.operation().getId()).isEqualTo(head.operation().getId());

    assertThatThrownBy(() -> catalog.ingestGit("not a url", null))
        .hasMessageContaining("not a git repository URL");
    assertThatThrownBy(() -> catalog.ingestGit(url, "zzz"))
        .hasMessageContaining("not a commit hash");
    assertThatThrownBy(() -> catalog.ingestGit(url, "abcdef1234"))
        .hasMessageContaining("git checkout failed");
    assertThatThrownBy(() -> catalog.ingestGit(dir.resolve("nowhere").toUri().toString(), null))
        .hasMessageContaining("git clone failed");
  }
}
