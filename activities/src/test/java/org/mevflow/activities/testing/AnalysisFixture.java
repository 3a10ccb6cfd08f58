package org.mevflow.activities.testing;

import io.temporal.testing.TestWorkflowEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.mevflow.core.operations.OperationCatalog;
import org.mevflow.core.storage.Content;
import org.mevflow.core.storage.LocalObjectStorage;
import org.mevflow.core.storage.ObjectRef;
import org.mevflow.core.storage.ObjectStorage;
import org.mevflow.db.ExecutionRepository;
import org.mevflow.db.OperationRepository;
import org.mevflow.db.ResourceRepository;
import org.mevflow.db.UserRepository;
import org.mevflow.db.WorkspaceRepository;
import org.mevflow.db.type.Runner;
import org.mevflow.testing.TestPostgres;
import org.mevflow.workflows.operators.Search;

/**
 * What an execution test stands on, before its workers: a fresh PostgreSQL database with an owner
 * and a workspace, local storage, the operation catalog, Temporal's test environment with the
 * search attributes; and validated matrices and execution rows as the API creates them. A test
 * registers its workers and starts {@link #env} in its own {@code @BeforeEach}, which runs after
 * this one.
 */
@Tag("component")
public abstract class AnalysisFixture {
  @TempDir protected Path dir;
  protected TestWorkflowEnvironment env;
  protected ObjectStorage storage;
  protected ExecutionRepository executions;
  protected OperationRepository operations;
  protected ResourceRepository resources;
  protected WorkspaceRepository workspaces;
  protected org.mevflow.db.ElementRepository elements;
  protected OperationCatalog catalog;
  protected long owner;
  protected UUID workspace;

  @BeforeEach
  void createWorld() throws IOException {
    DSLContext db = DSL.using(TestPostgres.newDatabase().dataSource(), SQLDialect.POSTGRES);
    executions = new ExecutionRepository(db);
    operations = new OperationRepository(db);
    resources = new ResourceRepository(db);
    workspaces = new WorkspaceRepository(db);
    elements = new org.mevflow.db.ElementRepository(db);
    owner = new UserRepository(db).create("a", "a@example.org", "x", false).getId();
    workspace = workspaces.create(owner, "w").getId();
    storage = newStorage();
    catalog = new OperationCatalog(operations, storage, "mevflow-operations");
    env = TestWorkflowEnvironment.newInstance();
    Search.registrations().forEach(env::registerSearchAttribute);
  }

  /** Where resources and outputs are stored: a local directory unless a test says otherwise. */
  protected ObjectStorage newStorage() throws IOException {
    return new LocalObjectStorage(dir.resolve("storage"));
  }

  /**
   * Registers the analysis workflow with the records' activities (an hour for Cromwell, 5 minutes
   * locally) and the local runner (no Docker) on the analyses queue, and starts the environment.
   */
  protected void startLocalWorker() {
    var worker = env.newWorker(org.mevflow.workflows.TaskQueues.ANALYSES);
    worker.registerWorkflowImplementationTypes(
        org.mevflow.workflows.analyses.AnalysisWorkflowImpl.class);
    worker.registerActivitiesImplementations(
        executionActivities(java.time.Duration.ofHours(1), java.time.Duration.ofMinutes(5)),
        localRunner(java.util.Optional.empty()));
    env.start();
  }

  /** The execution records' activities over this fixture's database and storage. */
  protected org.mevflow.activities.analyses.ExecutionActivitiesImpl executionActivities(
      java.time.Duration cromwellLimit, java.time.Duration localLimit) {
    return new org.mevflow.activities.analyses.ExecutionActivitiesImpl(
        executions,
        operations,
        resources,
        workspaces,
        elements,
        storage,
        new org.mevflow.activities.analyses.ExecutionActivitiesImpl.Limits(
            cromwellLimit, localLimit));
  }

  /**
   * The local runners' activities (run.sh, and local_docker through {@code docker} if given), with
   * scratch space in this fixture's folder and a 5-minute limit.
   */
  protected org.mevflow.activities.analyses.LocalRunnerActivitiesImpl localRunner(
      java.util.Optional<org.mevflow.core.docker.DockerCli> docker) {
    return new org.mevflow.activities.analyses.LocalRunnerActivitiesImpl(
        new org.mevflow.activities.analyses.LocalRunnerActivitiesImpl.Settings(
            dir.resolve("scratch"), java.time.Duration.ofMinutes(5), "mevflow-resources"),
        storage,
        executions,
        operations,
        resources,
        docker);
  }

  /**
   * Records an execution's workflow history for the replay guard (only when {@code
   * -Dmevflow.histories} names a folder: {@code scripts/record-histories}).
   */
  protected void recordHistory(UUID execution, String runner, org.junit.jupiter.api.TestInfo test) {
    if (execution != null) {
      Histories.record(
          env.getWorkflowClient(),
          "analysis-" + execution,
          "analysis-" + runner + "-" + test.getTestMethod().orElseThrow().getName());
    }
  }

  /** A validated expression matrix of the owner's, in the workspace. */
  protected UUID matrix(String tsv) throws IOException {
    UUID id = UUID.randomUUID();
    ObjectRef ref = new ObjectRef("mevflow-resources", "standard/" + id + "/EXP_MTX.tsv");
    storage.put(ref, Files.writeString(dir.resolve(id + ".tsv"), tsv), Content.OCTET_STREAM);
    resources.createUploaded(
        id, owner, "m.tsv", storage.uri(ref).toString(), tsv.length(), "sha256:x");
    resources.validated(id, "EXP_MTX", "tsv", null, null, "ok");
    workspaces.add(workspace, id);
    return id;
  }

  /** An execution row of the operation with the matrix as its one input, as the API queues it. */
  protected UUID execution(UUID op, Runner runner, String jobName, String inputKey, UUID input) {
    UUID id = UUID.randomUUID();
    executions.create(
        id,
        op,
        owner,
        workspace,
        jobName,
        runner,
        "{\"" + inputKey + "\":\"" + input + "\"}",
        Map.of(input, inputKey));
    return id;
  }
}
