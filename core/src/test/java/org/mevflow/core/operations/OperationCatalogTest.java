package org.mevflow.core.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mevflow.core.storage.LocalObjectStorage;
import org.mevflow.db.OperationRepository;
import org.mevflow.db.type.Runner;
import org.mevflow.testing.TestPostgres;

/** Ingesting the example catalog (the real folders in examples/operations) into a real database. */
@Tag("component")
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
  void aSpecOverAMebibyteIsRefusedBeforeItIsRead() throws Exception {
    Path big = Files.createDirectory(dir.resolve("big"));
    String spec = Files.readString(examples.resolve("row-sums/operation_spec.json"));
    // valid JSON, padded past the bound with spaces
    Files.writeString(big.resolve("operation_spec.json"), spec + " ".repeat(1 << 20));
    Files.copy(examples.resolve("row-sums/run.sh"), big.resolve("run.sh"));
    assertThatThrownBy(() -> catalog.ingest(big, null, null))
        .hasMessageStartingWith("operation_spec.json has ")
        .hasMessageEndingWith("bytes; an operation spec is limited to 1048576");
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
        .hasMessageContaining("cromwell, local_docker, local");
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
        .hasMessageContaining("commit abcdef1234 is not in " + url);
    assertThatThrownBy(() -> catalog.ingestGit(dir.resolve("nowhere").toUri().toString(), null))
        .hasMessageContaining("git fetch failed")
        .hasMessageContaining("does not appear to be a git repository");
  }

  private Path fixtures() {
    return Path.of(System.getProperty("mevflow.fixtures", "../testdata/operations"));
  }

  @Test
  void webMevRepositoriesAreIngestedWithTheirRunnerImageAndPinnedWdl() throws Exception {
    // local_docker: runs the image WebMEV's registry tags with the commit
    Path summary = dir.resolve("git/matrix-summary");
    String sha = LocalGitRepo.create(fixtures().resolve("matrix-summary"), summary);
    var docker = catalog.ingestGit(summary.toUri().toString(), sha);
    assertThat(docker.operation().getRunner()).isEqualTo(Runner.LOCAL_DOCKER);
    assertThat(docker.operation().getImage())
        .isEqualTo("ghcr.io/web-mev/matrix-summary:sha-" + sha);
    assertThat(storage.list("mevflow-operations", "operations/" + docker.operation().getId() + "/"))
        .extracting(o -> o.ref().key().substring(o.ref().key().indexOf('/', 12) + 1))
        .containsExactlyInAnyOrder(
            "operation_spec.json", "entrypoint.txt", "docker/Dockerfile", "docker/summarize.py");

    // cromwell: the repository's own untagged image is pinned to the commit in the stored WDL
    Path counts = dir.resolve("git/line-counts");
    String countsSha = LocalGitRepo.create(fixtures().resolve("line-counts"), counts);
    var wdl = catalog.ingestGit(counts.toUri().toString(), null);
    assertThat(wdl.operation().getRunner()).isEqualTo(Runner.CROMWELL);
    assertThat(wdl.operation().getGitCommit()).isEqualTo(countsSha);
    String stored;
    try (var in =
        storage.get(
            OperationBundle.files(storage, wdl.operation().getBundleUri()).get("main.wdl"))) {
      stored = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
    assertThat(stored)
        .contains("docker: \"ghcr.io/web-mev/line-counts:sha-" + countsSha + "\"")
        .contains("docker: \"docker.io/debian:bookworm-slim\"");

    // draft-2 with an external tagged image: kept as written
    Path concat = dir.resolve("git/concat-count");
    LocalGitRepo.create(fixtures().resolve("concat-count"), concat);
    assertThat(catalog.ingestGit(concat.toUri().toString(), null).operation().getRunner())
        .isEqualTo(Runner.CROMWELL);

    // a mode that does not run here is refused for that, before its ECS/Nextflow converters
    Path hcl = dir.resolve("git/hcl-nextflow");
    LocalGitRepo.create(fixtures().resolve("hcl-nextflow"), hcl);
    assertThatThrownBy(() -> catalog.ingestGit(hcl.toUri().toString(), null))
        .hasMessage(
            "mode 'nf_batch' is not run here; this mevflow runs operations of mode cromwell,"
                + " local_docker, local");
    assertThat(operations.active()).hasSize(3);
  }

  @Test
  void aLocalDockerOperationNeedsItsCommitAndItsFiles() throws Exception {
    // a folder outside git has no commit, so no image
    Path plain = dir.resolve("plain");
    LocalGitRepo.copyTree(fixtures().resolve("matrix-summary"), plain);
    assertThatThrownBy(() -> catalog.ingest(plain, null, null))
        .hasMessageContaining("runs the image built for its commit");
    Files.delete(plain.resolve("entrypoint.txt"));
    assertThatThrownBy(() -> catalog.ingest(plain, null, null))
        .hasMessage(
            "an operation of mode 'local_docker' needs entrypoint.txt and docker/Dockerfile;"
                + " entrypoint.txt is missing");
    Path cromwell = dir.resolve("no-inputs-json");
    LocalGitRepo.copyTree(fixtures().resolve("concat-count"), cromwell);
    Files.delete(cromwell.resolve("inputs.json"));
    assertThatThrownBy(() -> catalog.ingest(cromwell, null, null))
        .hasMessageContaining("inputs.json is missing");
  }

  @Test
  void aFolderThatIsAShallowCloneIsIngestedAtItsCommit() throws Exception {
    Path origin = dir.resolve("git/matrix-summary");
    LocalGitRepo.create(fixtures().resolve("matrix-summary"), origin);
    Files.writeString(origin.resolve("README.md"), "second commit\n");
    String head = LocalGitRepo.commit(origin, "a second commit");
    Path shallow = dir.resolve("shallow/matrix-summary");
    Files.createDirectories(shallow.getParent());
    LocalGitRepo.git(
        shallow.getParent(),
        "clone",
        "--quiet",
        "--depth",
        "1",
        origin.toUri().toString(),
        shallow.toString());
    assertThat(LocalGitRepo.git(shallow, "rev-parse", "--is-shallow-repository").strip())
        .isEqualTo("true");

    var ingested = catalog.ingest(shallow, null, null);
    assertThat(ingested.operation().getGitCommit()).isEqualTo(head);
    assertThat(ingested.operation().getRepositoryUrl()).isEqualTo(origin.toUri().toString());
    assertThat(ingested.operation().getImage())
        .isEqualTo("ghcr.io/web-mev/matrix-summary:sha-" + head);

    // and a shallow repository serves as a source at the commit it holds
    var fromShallow = catalog.ingestGit(shallow.toUri().toString(), head);
    assertThat(fromShallow.operation().getGitCommit()).isEqualTo(head);
    assertThatThrownBy(
            () ->
                catalog.ingestGit(
                    shallow.toUri().toString(), "0123456789abcdef0123456789abcdef01234567"))
        .hasMessageContaining("is not in");
  }
}
