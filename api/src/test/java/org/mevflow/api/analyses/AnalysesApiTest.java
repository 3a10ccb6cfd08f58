package org.mevflow.api.analyses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mevflow.api.testing.Http.bearer;

import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mevflow.api.security.WortTokens;
import org.mevflow.api.testing.ApiTest;
import org.mevflow.api.testing.Http;
import org.mevflow.core.operations.OperationCatalog;
import org.mevflow.core.storage.ObjectStorage;
import org.mevflow.db.ExecutionRepository;
import org.mevflow.db.OperationRepository;
import org.mevflow.db.UserRepository;
import org.mevflow.db.WorkspaceRepository;
import org.mevflow.db.type.ExecutionStatus;
import org.mevflow.db.type.Runner;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The run and execution routes' refusals (no worker here: runs are not carried out). */
@ApiTest
class AnalysesApiTest {
  @LocalServerPort int port;
  @Autowired UserRepository users;
  @Autowired WortTokens tokens;
  @Autowired OperationRepository operations;
  @Autowired ExecutionRepository executions;
  @Autowired WorkspaceRepository workspaces;
  @Autowired ObjectStorage storage;

  Http http;
  String auth;
  long owner;
  String rowSums;
  String cromwell;
  String localDocker;
  @org.junit.jupiter.api.io.TempDir Path dir;

  @BeforeEach
  void setUp() throws Exception {
    http = Http.local(port);
    String name = "e" + UUID.randomUUID().toString().substring(0, 8);
    owner = users.create(name, name + "@example.org", "x", false).getId();
    auth = bearer(tokens.issue(owner));
    Path examples = Path.of(System.getProperty("mevflow.examples", "../examples/operations"));
    OperationCatalog catalog = new OperationCatalog(operations, storage, "mevflow-operations");
    rowSums =
        catalog.ingest(examples.resolve("row-sums"), null, null).operation().getId().toString();
    cromwell =
        catalog
            .ingest(examples.resolve("row-means-cromwell"), null, null)
            .operation()
            .getId()
            .toString();
    // a local_docker operation ingests without Docker (it is only needed to run)
    Path repo = dir.resolve("matrix-summary");
    String sha =
        org.mevflow.core.operations.LocalGitRepo.create(
            Path.of(System.getProperty("mevflow.fixtures", "../testdata/operations"))
                .resolve("matrix-summary"),
            repo);
    localDocker = catalog.ingestGit(repo.toUri().toString(), sha).operation().getId().toString();
  }

  private Http.Response run(String op, String workspace, String inputs) {
    return http.postJson(
        "/api/operations/run/",
        auth,
        "{\"operation_id\":\""
            + op
            + "\",\"workspace_id\":\""
            + workspace
            + "\",\"inputs\":"
            + inputs
            + "}");
  }

  @Test
  void runRefusalsSayWhat() {
    String ws = workspaces.create(owner, "w").getId().toString();
    assertThat(run(UUID.randomUUID().toString(), ws, "{}").json().get("detail").asText())
        .contains("no operation");
    assertThat(run(rowSums, UUID.randomUUID().toString(), "{}").json().get("detail").asText())
        .contains("'workspace_id' names none of yours");
    Http.Response inputs =
        run(rowSums, ws, "{\"matrix\":\"" + UUID.randomUUID() + "\",\"job_name\":\"x\"}");
    assertThat(inputs.status()).isEqualTo(400);
    assertThat(inputs.contentType()).startsWith("application/problem+json");
    assertThat(inputs.json().at("/inputs/matrix").asText()).contains("of yours");
    // keys that are no input (the front end's job_name) are ignored, as WebMEV ignores them
    assertThat(inputs.json().at("/inputs").has("job_name")).isFalse();
    // WebMEV's front end shows the body's "error" member
    assertThat(inputs.json().get("error").asText())
        .startsWith("some inputs are not valid: matrix:");
    // this test server names no Cromwell: the operation cannot run here, and says why
    Http.Response noCromwell = run(cromwell, ws, "{}");
    assertThat(noCromwell.status()).isEqualTo(503);
    assertThat(noCromwell.json().get("detail").asText()).contains("no Cromwell configured");
    assertThat(run(localDocker, ws, "{}").json().get("detail").asText())
        .contains("no Docker configured")
        .contains("local_docker");
    assertThat(http.postJson("/api/operations/run/", null, "{}").status()).isEqualTo(401);
  }

  @Test
  void executionsAnswerWithWebMevsStatusCodesAndOnlyToTheirOwner() {
    UUID id = UUID.randomUUID();
    executions.create(
        id, UUID.fromString(rowSums), owner, null, "job", Runner.LOCAL, "{}", Map.of());
    String path = "/api/executed-operations/" + id + "/";
    assertThat(http.get(path, auth).status()).isEqualTo(204);
    executions.status(id, ExecutionStatus.FINALIZING);
    assertThat(http.get(path, auth).status()).isEqualTo(208);
    executions.finish(id, ExecutionStatus.FAILED, null, "[\"tool said no\"]");
    Http.Response done = http.get(path, auth);
    assertThat(done.status()).isEqualTo(200);
    assertThat(done.json().get("status").asText()).isEqualTo("Failed");
    assertThat(done.json().get("job_failed").asBoolean()).isTrue();
    assertThat(done.json().get("error_messages").get(0).asText()).isEqualTo("tool said no");
    assertThat(done.json().at("/operation/operation_name").asText()).isEqualTo("Row sums");
    assertThat(http.postJson(path + "cancel/", auth, "{}").status()).isEqualTo(409);
    assertThat(http.get("/api/non-workspace-executed-operations/", auth).json()).hasSize(1);

    String other = "f" + UUID.randomUUID().toString().substring(0, 8);
    String otherAuth =
        bearer(tokens.issue(users.create(other, other + "@example.org", "x", false).getId()));
    assertThat(http.get(path, otherAuth).status()).isEqualTo(404);
    assertThat(http.get("/api/executed-operations/not-a-uuid/", auth).status()).isEqualTo(404);
  }

  @Test
  void cancellingAnExecutionWhoseWorkflowNeverStartedEndsIt() {
    UUID id = UUID.randomUUID();
    executions.create(
        id, UUID.fromString(rowSums), owner, null, "stranded", Runner.LOCAL, "{}", Map.of());
    Http.Response cancel = http.postJson("/api/executed-operations/" + id + "/cancel/", auth, "{}");
    assertThat(cancel.status()).isEqualTo(202);
    Http.Response done = http.get("/api/executed-operations/" + id + "/", auth);
    assertThat(done.status()).isEqualTo(200);
    assertThat(done.json().get("status").asText()).isEqualTo("Aborted");
  }

  @Autowired org.mevflow.db.ResourceRepository resources;

  @Test
  void aFailedExecutionIsRetriedFromItsRecordedInputsAndBothShowTheLink() {
    UUID ws = workspaces.create(owner, "retry-" + UUID.randomUUID()).getId();
    UUID matrix = UUID.randomUUID();
    resources.createUploaded(matrix, owner, "m.tsv", "file://mevflow-resources/m", 10, "sha256:x");
    resources.validated(matrix, "EXP_MTX", "tsv", null, null, "ok");
    workspaces.add(ws, matrix);
    UUID failed = UUID.randomUUID();
    executions.create(
        failed,
        UUID.fromString(rowSums),
        owner,
        ws,
        "sums",
        Runner.LOCAL,
        "{\"matrix\":\"" + matrix + "\"}",
        Map.of(matrix, "matrix"));
    executions.finish(failed, ExecutionStatus.FAILED, null, "[\"run.sh exited with 1\"]");

    Http.Response retried =
        http.postJson("/api/executed-operations/" + failed + "/retry/", auth, "{}");
    assertThat(retried.status()).as(retried.toString()).isEqualTo(200);
    assertThat(retried.json().get("retry_of").asText()).isEqualTo(failed.toString());
    String again = retried.json().get("executed_operation_id").asText();
    var row = executions.find(UUID.fromString(again)).orElseThrow();
    assertThat(row.getRetryOf()).isEqualTo(failed);
    assertThat(row.getInputs().data()).contains(matrix.toString());
    assertThat(row.getJobName()).isEqualTo("sums");
    assertThat(row.getWorkspaceId()).isEqualTo(ws);

    Http.Response old = http.get("/api/executed-operations/" + failed + "/", auth);
    assertThat(old.json().get("retried_by").get(0).asText()).isEqualTo(again);
    assertThat(http.postJson("/api/executed-operations/" + again + "/retry/", auth, "{}").status())
        .as("a running execution is not retried")
        .isEqualTo(409);

    // inputs are checked again: a resource deleted since is refused by key
    resources.markDeleted(matrix);
    Http.Response stale =
        http.postJson("/api/executed-operations/" + failed + "/retry/", auth, "{}");
    assertThat(stale.status()).isEqualTo(400);
    assertThat(stale.json().at("/inputs/matrix").asText()).isNotEmpty();
  }
}
