package org.mevflow.activities.analyses;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.worker.WorkerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mevflow.activities.testing.AnalysisFixture;
import org.mevflow.core.docker.DockerCli;
import org.mevflow.core.operations.LocalGitRepo;
import org.mevflow.core.storage.ObjectRef;
import org.mevflow.db.type.ExecutionStatus;
import org.mevflow.db.type.Runner;
import org.mevflow.simulators.docker.DockerStandIn;
import org.mevflow.workflows.TaskQueues;
import org.mevflow.workflows.analyses.AnalysisWorkflow;
import org.mevflow.workflows.analyses.AnalysisWorkflowImpl;

/**
 * WebMEV's local_docker mode end to end through the Docker CLI stand-in (no Docker daemon runs
 * here; the stand-in checks the CLI's arguments and runs the command on the host with the image's
 * files in place): a repository in the shape of web-mev/pca, ingested from git at its commit, its
 * image built from its Dockerfile as the registry's would be, run with converted inputs.
 */
class LocalDockerExecutionTest extends AnalysisFixture {
  private static final ObjectMapper JSON = new ObjectMapper();
  private Path docker;
  private Path executionDir;
  private boolean withDocker = true;

  @BeforeEach
  void startWorker() throws IOException {
    docker = DockerStandIn.install(dir.resolve("bin"));
    executionDir = Files.createDirectories(dir.resolve("executions"));
  }

  private void start() {
    var worker = env.newWorker(TaskQueues.ANALYSES);
    worker.registerWorkflowImplementationTypes(AnalysisWorkflowImpl.class);
    worker.registerActivitiesImplementations(
        executionActivities(Duration.ofHours(1), Duration.ofMinutes(5)),
        localRunner(
            withDocker
                ? Optional.of(new DockerCli(docker, executionDir, Duration.ofSeconds(30)))
                : Optional.empty()));
    env.start();
  }

  @AfterEach
  void tearDown() {
    env.close();
  }

  private String dockerCli(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(docker.toString()));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return out;
  }

  /** The fixture as a git repository; its image built and tagged as WebMEV's registry tags it. */
  private UUID ingest(String entrypoint, boolean build) throws Exception {
    Path repo = dir.resolve("git/matrix-summary");
    String sha =
        LocalGitRepo.create(
            Path.of(System.getProperty("mevflow.fixtures", "../testdata/operations"))
                .resolve("matrix-summary"),
            repo);
    if (entrypoint != null) {
      Files.writeString(repo.resolve("entrypoint.txt"), entrypoint);
      sha = LocalGitRepo.commit(repo, "another entrypoint");
    }
    var op = catalog.ingestGit(repo.toUri().toString(), sha).operation();
    assertThat(op.getImage()).isEqualTo("ghcr.io/web-mev/matrix-summary:sha-" + sha);
    if (build) {
      dockerCli("build", "-t", op.getImage(), repo.resolve("docker").toString());
    }
    return op.getId();
  }

  private UUID execution(UUID op, UUID matrix, String statistics, boolean log) {
    UUID id = UUID.randomUUID();
    String inputs =
        "{\"input_matrix\": \""
            + matrix
            + "\", \"samples\": {\"multiple\": true, \"elements\": [{\"id\": \"S1\"},"
            + " {\"id\": \"S3\"}]}, \"statistics\": "
            + statistics
            + ", \"log_transform\": "
            + log
            + "}";
    executions.create(
        id,
        op,
        owner,
        workspace,
        "summary",
        Runner.LOCAL_DOCKER,
        inputs,
        Map.of(matrix, "input_matrix"));
    return id;
  }

  private AnalysisWorkflow stub(UUID id) {
    return env.getWorkflowClient()
        .newWorkflowStub(
            AnalysisWorkflow.class,
            WorkflowOptions.newBuilder()
                .setTaskQueue(TaskQueues.ANALYSES)
                .setWorkflowId("analysis-" + id)
                .build());
  }

  private String content(String resourceId) throws IOException {
    var r = resources.find(UUID.fromString(resourceId)).orElseThrow();
    try (InputStream in = storage.get(ObjectRef.fromUri(URI.create(r.getStorageUri())))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void theImageRunsTheRenderedEntrypointAndItsOutputsComeBackThroughTheConverters()
      throws Exception {
    start();
    UUID op = ingest(null, true);
    UUID m = matrix("gene\tS1\tS2\tS3\nTP53\t1\t2\t3\nEGFR\t4\t5\t6\n");
    UUID exec = execution(op, m, "[\"mean\", \"max\"]", false);

    assertThat(stub(exec).run(exec.toString())).isEqualTo(ExecutionStatus.SUCCEEDED);

    JsonNode outputs = JSON.readTree(executions.find(exec).orElseThrow().getOutputs().data());
    // the value output, checked as a PositiveInteger
    assertThat(outputs.get("n_samples").asInt()).isEqualTo(2);
    // the DataResource output, validated as a feature table
    var summary = resources.find(UUID.fromString(outputs.get("summary").asText())).orElseThrow();
    assertThat(summary.getResourceType()).isEqualTo("FT");
    assertThat(content(outputs.get("summary").asText()))
        .isEqualTo("gene\tmean\tmax\nTP53\t2\t3\nEGFR\t5\t6\n");
    // the VariableDataResource output has the type the tool named
    var subset = resources.find(UUID.fromString(outputs.get("subset").asText())).orElseThrow();
    assertThat(subset.getResourceType()).isEqualTo("EXP_MTX");
    assertThat(content(outputs.get("subset").asText()))
        .isEqualTo("gene\tS1\tS3\nTP53\t1\t3\nEGFR\t4\t6\n");
    assertThat(workspaces.resources(workspace)).contains(summary.getId(), subset.getId());
    // the container is removed and its folder cleared once the outputs are in
    assertThat(dockerCli("ps", "-a", "-q")).isBlank();
    assertThat(executionDir.resolve(exec.toString())).doesNotExist();
  }

  @Test
  void aToolErrorEndsTheExecutionWithTheContainersLog() throws Exception {
    start();
    UUID op = ingest(null, true);
    UUID m = matrix("gene\tS1\tS2\tS3\nTP53\t1\t2\t3\n");
    UUID exec = execution(op, m, "[\"mean\", \"mode\"]", true);

    assertThat(stub(exec).run(exec.toString())).isEqualTo(ExecutionStatus.FAILED);
    assertThat(executions.find(exec).orElseThrow().getErrorMessages().data())
        .contains("the container exited with 1")
        .contains("unknown statistics: mode");
    assertThat(dockerCli("ps", "-a", "-q")).isBlank();
  }

  @Test
  void anImageThatWasNeverPublishedFailsWithTheClisWords() throws Exception {
    start();
    UUID op = ingest(null, false);
    UUID exec = execution(op, matrix("gene\tS1\tS2\tS3\nTP53\t1\t2\t3\n"), "[\"mean\"]", false);

    assertThat(stub(exec).run(exec.toString())).isEqualTo(ExecutionStatus.FAILED);
    assertThat(executions.find(exec).orElseThrow().getErrorMessages().data())
        .contains("the container could not start")
        .contains("Unable to find image 'ghcr.io/web-mev/matrix-summary:sha-");
  }

  @Test
  void cancellingStopsAndRemovesTheContainer() throws Exception {
    start();
    // a sleep of its own length, so that only this test's process can match it below
    String sleep = "sleep 300." + ThreadLocalRandom.current().nextInt(100_000, 1_000_000);
    UUID op = ingest("sh -c 'echo started > \"$WORKDIR/started\"; exec " + sleep + "'\n", true);
    UUID exec = execution(op, matrix("gene\tS1\tS2\tS3\nTP53\t1\t2\t3\n"), "[\"mean\"]", false);
    AnalysisWorkflow workflow = stub(exec);
    WorkflowClient.start(workflow::run, exec.toString());

    Path started = executionDir.resolve(exec.toString()).resolve("started");
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!Files.exists(started) && System.nanoTime() < until) {
      Thread.sleep(100);
    }
    assertThat(started).exists();
    assertThat(dockerCli("ps", "-q")).isNotBlank();

    WorkflowStub.fromTyped(workflow).cancel();
    until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (executions.find(exec).orElseThrow().getStatus() != ExecutionStatus.ABORTED
        && System.nanoTime() < until) {
      Thread.sleep(100);
    }
    assertThat(executions.find(exec).orElseThrow().getStatus()).isEqualTo(ExecutionStatus.ABORTED);
    assertThat(dockerCli("ps", "-a", "-q")).isBlank();
    assertThat(
            ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().orElse("").contains(sleep))
                .filter(ProcessHandle::isAlive)
                .count())
        .isZero();
  }

  @Test
  void withoutDockerTheExecutionFailsSayingSo() throws Exception {
    withDocker = false;
    start();
    UUID op = ingest(null, false);
    UUID exec = execution(op, matrix("gene\tS1\tS2\tS3\nTP53\t1\t2\t3\n"), "[\"mean\"]", false);
    assertThat(stub(exec).run(exec.toString())).isEqualTo(ExecutionStatus.FAILED);
    assertThat(executions.find(exec).orElseThrow().getErrorMessages().data())
        .contains("no Docker is configured");
  }

  /**
   * The worker dies while the container runs (its workers stopped at once, no cache, so nothing of
   * the run is kept in memory): the container goes on; the activity's retry, on a new worker, finds
   * it by its name and waits for it instead of starting it again, and its outputs come back once.
   */
  @Test
  void aWorkerThatDiesMidRunLeavesTheContainerToTheNextWhichFindsItByName() throws Exception {
    Path runs = dir.resolve("container-runs");
    UUID op =
        ingest(
            "sh -c 'echo run >> "
                + runs
                + "; sleep 3; exec python3 /usr/local/bin/summarize.py -i {{input_matrix}}"
                + " -t \"{{statistics}}\" -l {{log_transform}}'\n",
            true);
    UUID m = matrix("gene\tS1\tS2\nTP53\t1\t3\nEGFR\t4\t6\n");
    UUID exec = execution(op, m, "[\"mean\"]", false);
    String queue = "analyses-dying";
    env.newWorker(queue).registerWorkflowImplementationTypes(AnalysisWorkflowImpl.class);
    env.start();
    WorkerFactory first = activityWorker(queue);
    AnalysisWorkflow workflow =
        env.getWorkflowClient()
            .newWorkflowStub(
                AnalysisWorkflow.class,
                WorkflowOptions.newBuilder()
                    .setTaskQueue(queue)
                    .setWorkflowId("analysis-" + exec)
                    .build());
    WorkflowClient.start(workflow::run, exec.toString());
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!Files.exists(runs) && System.nanoTime() < until) {
      Thread.sleep(50);
    }
    assertThat(runs).as("the container started").exists();
    first.shutdownNow(); // the worker is gone; its container is not
    first.awaitTermination(30, TimeUnit.SECONDS);
    assertThat(dockerCli("ps", "-q")).isNotBlank();

    WorkerFactory second = activityWorker(queue);
    try {
      assertThat(WorkflowStub.fromTyped(workflow).getResult(ExecutionStatus.class))
          .isEqualTo(ExecutionStatus.SUCCEEDED);
    } finally {
      second.shutdownNow();
    }
    assertThat(Files.readAllLines(runs)).as("the container ran once").containsExactly("run");
    JsonNode outputs = JSON.readTree(executions.find(exec).orElseThrow().getOutputs().data());
    assertThat(content(outputs.get("summary").asText()))
        .isEqualTo("gene\tmean\nTP53\t2\nEGFR\t5\n");
    assertThat(resources.producedBy(exec)).hasSize(2);
    assertThat(dockerCli("ps", "-a", "-q")).isBlank();
  }

  /** A worker of its own for the analyses' activities on {@code queue}, started. */
  private WorkerFactory activityWorker(String queue) {
    WorkerFactory factory = WorkerFactory.newInstance(env.getWorkflowClient());
    var worker = factory.newWorker(queue);
    worker.registerActivitiesImplementations(
        executionActivities(Duration.ofHours(1), Duration.ofMinutes(5)),
        localRunner(Optional.of(new DockerCli(docker, executionDir, Duration.ofSeconds(30)))));
    factory.start();
    return factory;
  }
}
