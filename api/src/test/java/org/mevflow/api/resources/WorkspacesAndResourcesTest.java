package org.mevflow.api.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mevflow.api.testing.Http.bearer;
import static org.mevflow.db.jooq.Tables.RESOURCES;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mevflow.api.testing.ApiTest;
import org.mevflow.api.testing.Http;
import org.mevflow.core.storage.ObjectRef;
import org.mevflow.core.storage.ObjectStorage;
import org.mevflow.db.UserRepository;
import org.mevflow.db.type.ResourceStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.password.PasswordEncoder;

/** The calls WebMEV's front end makes for workspaces and files, in its order, with its shapes. */
@ApiTest
class WorkspacesAndResourcesTest {
  @LocalServerPort int port;
  @Autowired UserRepository users;
  @Autowired PasswordEncoder passwords;
  @Autowired ObjectStorage storage;
  @Autowired DSLContext db;

  Http http;
  String auth;
  String email;

  private String login(String mail) {
    Http.Response r =
        http.postJson(
            "/api/token/", null, "{\"email\":\"" + mail + "\",\"password\":\"pw-12345\"}");
    assertThat(r.status()).isEqualTo(200);
    return bearer(r.json().get("access").asText());
  }

  private String newUser() {
    String name = "f" + UUID.randomUUID().toString().substring(0, 8);
    users.create(name, name + "@example.org", passwords.encode("pw-12345"), false);
    return name + "@example.org";
  }

  @BeforeEach
  void frontEndLogsIn() {
    http = Http.local(port);
    email = newUser();
    auth = login(email);
    assertThat(http.get("/api/users/", auth).json().get(0).get("email").asText()).isEqualTo(email);
  }

  private JsonNode upload(String name, String text) {
    Http.Response r =
        http.postFile(
            "/api/resources/upload/",
            auth,
            "datafile",
            name,
            text.getBytes(StandardCharsets.UTF_8));
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    return r.json();
  }

  private JsonNode workspace(String name) {
    Http.Response r =
        http.postJson("/api/workspaces/", auth, "{\"workspace_name\":\"" + name + "\"}");
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    return r.json();
  }

  @Test
  void uploadListAndReadAResourceInTheFrontEndsShape() throws Exception {
    JsonNode up = upload("../../matrix.tsv", "gene\ts1\ts2\nA\t1\t2\n");
    String id = up.get("id").asText();
    assertThat(up.get("name").asText()).isEqualTo("matrix.tsv");
    assertThat(up.get("url").asText()).endsWith("/api/resources/" + id + "/");
    assertThat(up.get("owner_email").asText()).isEqualTo(email);
    assertThat(up.get("size").asLong()).isEqualTo("gene\ts1\ts2\nA\t1\t2\n".length());
    assertThat(up.get("status").asText()).isEqualTo("Resource type not set");
    assertThat(up.get("is_active").asBoolean()).isTrue();
    assertThat(up.get("is_public").asBoolean()).isFalse();
    assertThat(up.get("workspaces").isArray()).isTrue();
    assertThat(up.has("resource_type")).isTrue();
    assertThat(up.has("readable_resource_type")).isTrue();
    assertThat(up.has("file_format")).isTrue();
    assertThat(up.get("created").asText()).matches("\\d{4}-\\d{2}-\\d{2}T.*");

    JsonNode list = http.get("/api/resources/", auth).json();
    assertThat(list).extracting(n -> n.get("id").asText()).contains(id);
    assertThat(http.get("/api/resources/" + id + "/", auth).status()).isEqualTo(200);
    assertThat(http.get("/api/resources/" + id, auth).status()).isEqualTo(200);

    // bytes are in storage as uploaded
    String uri =
        db.select(RESOURCES.STORAGE_URI)
            .from(RESOURCES)
            .where(RESOURCES.ID.eq(UUID.fromString(id)))
            .fetchOne()
            .value1();
    try (var in = storage.get(ObjectRef.fromUri(java.net.URI.create(uri)))) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
          .isEqualTo("gene\ts1\ts2\nA\t1\t2\n");
    }
  }

  @Test
  void uploadsOverTheLimitAre413AndMissingFieldsAre400() {
    Http.Response big =
        http.postFile("/api/resources/upload/", auth, "datafile", "big.bin", new byte[1_000_001]);
    assertThat(big.status()).isEqualTo(413);
    assertThat(big.contentType()).startsWith("application/problem+json");
    Http.Response wrongField =
        http.postFile("/api/resources/upload/", auth, "file", "x.tsv", new byte[] {1});
    assertThat(wrongField.status()).isEqualTo(400);
    assertThat(wrongField.json().get("detail").asText()).contains("'datafile'");
    assertThat(
            http.postFile("/api/resources/upload/", null, "datafile", "x", new byte[] {1}).status())
        .isEqualTo(401);
  }

  @Test
  void resourceTypesListTheTablesAndSequences() {
    JsonNode types = http.get("/api/resource-types/", auth).json();
    assertThat(types)
        .extracting(t -> t.get("resource_type_key").asText())
        .contains(
            "MTX",
            "I_MTX",
            "EXP_MTX",
            "RNASEQ_COUNT_MTX",
            "ANN",
            "FT",
            "BED3",
            "BED6",
            "FA",
            "FQ",
            "JSON",
            "*",
            "ALN",
            "BAI",
            "NS",
            "NRWPK",
            "WIG",
            "BIGWIG",
            "BEDGRAPH");
    JsonNode exp =
        types.findParents("resource_type_key").stream()
            .filter(t -> t.get("resource_type_key").asText().equals("EXP_MTX"))
            .findFirst()
            .orElseThrow();
    assertThat(exp.get("resource_type_title").asText()).isEqualTo("Expression matrix");
    // the front end's type dialog reads [{key, description}], as WebMEV serves them
    assertThat(exp.get("acceptable_formats"))
        .extracting(f -> f.get("key").asText())
        .containsExactly("tsv", "csv");
    assertThat(exp.get("acceptable_formats"))
        .allSatisfy(f -> assertThat(f.get("description").asText()).isNotBlank());
    // the type dialog shows an example table for table types, none for the others
    assertThat(exp.at("/example/0/rowname").asText()).isNotBlank();
    assertThat(exp.at("/example/0/values").size()).isPositive();
    JsonNode fastq =
        types.findParents("resource_type_key").stream()
            .filter(t -> t.get("resource_type_key").asText().equals("FQ"))
            .findFirst()
            .orElseThrow();
    assertThat(fastq.get("example").isNull()).isTrue();
  }

  @Test
  void aResourceInAWorkspaceCannotBeDeletedUntilRemoved() {
    String rid = upload("m.tsv", "g\ts\nA\t1\n").get("id").asText();
    String wid = workspace("w-" + UUID.randomUUID()).get("id").asText();

    Http.Response untyped =
        http.postJson(
            "/api/workspaces/" + wid + "/resources/add/",
            auth,
            "{\"resource_uuid\":\"" + rid + "\"}");
    assertThat(untyped.status()).isEqualTo(400);
    assertThat(untyped.json().get("detail").asText()).contains("no validated type yet");

    db.update(RESOURCES)
        .set(RESOURCES.STATUS, ResourceStatus.VALID)
        .set(RESOURCES.RESOURCE_TYPE, "EXP_MTX")
        .set(RESOURCES.FILE_FORMAT, "tsv")
        .where(RESOURCES.ID.eq(UUID.fromString(rid)))
        .execute();
    Http.Response added =
        http.postJson(
            "/api/workspaces/" + wid + "/resources/add/",
            auth,
            "{\"resource_uuid\":\"" + rid + "\"}");
    assertThat(added.status()).isEqualTo(201);
    assertThat(added.json().get("readable_resource_type").asText()).isEqualTo("Expression matrix");
    assertThat(added.json().get("workspaces").get(0).get("id").asText()).isEqualTo(wid);

    JsonNode inWs = http.get("/api/workspaces/" + wid + "/resources/", auth).json();
    assertThat(inWs)
        .singleElement()
        .satisfies(
            n -> {
              assertThat(n.get("id").asText()).isEqualTo(rid);
              assertThat(n.get("workspace").asText()).isEqualTo(wid);
              assertThat(n.get("resource_type").asText()).isEqualTo("EXP_MTX");
              assertThat(n.get("owner_email").asText()).isEqualTo(email);
            });

    // the caller's list names every workspace a resource is in (read for all rows at once)
    String other = workspace("a-" + UUID.randomUUID()).get("id").asText();
    http.postJson(
        "/api/workspaces/" + other + "/resources/add/",
        auth,
        "{\"resource_uuid\":\"" + rid + "\"}");
    JsonNode mine = http.get("/api/resources/", auth).json();
    assertThat(mine)
        .filteredOn(n -> n.get("id").asText().equals(rid))
        .singleElement()
        .satisfies(
            n -> {
              assertThat(n.get("owner_email").asText()).isEqualTo(email);
              assertThat(n.get("workspaces"))
                  .extracting(ws -> ws.get("id").asText())
                  .containsExactly(other, wid);
            });
    assertThat(
            http.get("/api/workspaces/" + other + "/resources/" + rid + "/remove/", auth).status())
        .isEqualTo(200);

    Http.Response refused = http.delete("/api/resources/" + rid + "/", auth);
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.json().get("detail").asText()).contains("in use");

    String someone = login(newUser());
    assertThat(
            http.get("/api/workspaces/" + wid + "/resources/" + rid + "/remove/", someone).status())
        .isEqualTo(404);
    assertThat(http.get("/api/resources/" + rid + "/", someone).status()).isEqualTo(404);
    assertThat(
            http.postJson(
                    "/api/workspaces/" + wid + "/resources/add/",
                    someone,
                    "{\"resource_uuid\":\"" + rid + "\"}")
                .status())
        .isEqualTo(404);

    assertThat(http.get("/api/workspaces/" + wid + "/resources/" + rid + "/remove/", auth).status())
        .isEqualTo(200);
    assertThat(http.delete("/api/resources/" + rid + "/", auth).status()).isEqualTo(204);
    assertThat(http.get("/api/resources/" + rid + "/", auth).status()).isEqualTo(404);
  }

  private Http.Response patch(String id, String json) {
    return http.send(
        http.request("/api/resources/" + id + "/", auth)
            .header("Content-Type", "application/json")
            .method("PATCH", HttpRequest.BodyPublishers.ofString(json)));
  }

  @Test
  void settingATypeStartsValidationAndBadRequestsSayWhy() {
    String rid = upload("m.tsv", "g\ts\nA\t1\n").get("id").asText();
    assertThat(patch(rid, "{\"resource_type\":\"NOPE\"}").json().get("detail").asText())
        .contains("unknown resource_type 'NOPE'");
    assertThat(
            patch(rid, "{\"resource_type\":\"EXP_MTX\",\"file_format\":\"xlsx\"}")
                .json()
                .get("detail")
                .asText())
        .contains("file_format 'xlsx' is not one of [tsv, csv]");
    assertThat(patch(rid, "{}").status()).isEqualTo(400);
    assertThat(patch(rid, "{\"name\":\"renamed.tsv\"}").json().get("name").asText())
        .isEqualTo("renamed.tsv");

    Http.Response started = patch(rid, "{\"resource_type\":\"EXP_MTX\",\"file_format\":\"tsv\"}");
    assertThat(started.status()).isEqualTo(200);
    assertThat(started.json().get("status").asText()).isEqualTo("Validating...");
    Http.Response again = patch(rid, "{\"resource_type\":\"MTX\",\"file_format\":\"tsv\"}");
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.contentType()).startsWith("application/problem+json");
  }

  @Test
  void aResourceAnExecutionUsedStaysInItsWorkspace() {
    String rid = upload("used.tsv", "g\ts\nA\t1\n").get("id").asText();
    String wid = workspace("used-" + UUID.randomUUID()).get("id").asText();
    db.update(RESOURCES)
        .set(RESOURCES.STATUS, ResourceStatus.VALID)
        .set(RESOURCES.RESOURCE_TYPE, "MTX")
        .where(RESOURCES.ID.eq(UUID.fromString(rid)))
        .execute();
    assertThat(
            http.postJson(
                    "/api/workspaces/" + wid + "/resources/add/",
                    auth,
                    "{\"resource_uuid\":\"" + rid + "\"}")
                .status())
        .isEqualTo(201);

    // an execution in this workspace read the resource
    UUID op = UUID.randomUUID();
    UUID exec = UUID.randomUUID();
    long owner =
        db.select(RESOURCES.OWNER_ID)
            .from(RESOURCES)
            .where(RESOURCES.ID.eq(UUID.fromString(rid)))
            .fetchOne()
            .value1();
    db.insertInto(org.mevflow.db.jooq.Tables.OPERATIONS)
        .set(org.mevflow.db.jooq.Tables.OPERATIONS.ID, op)
        .set(org.mevflow.db.jooq.Tables.OPERATIONS.NAME, "x")
        .set(org.mevflow.db.jooq.Tables.OPERATIONS.SPEC, org.jooq.JSONB.valueOf("{}"))
        .set(org.mevflow.db.jooq.Tables.OPERATIONS.RUNNER, org.mevflow.db.type.Runner.LOCAL)
        .set(org.mevflow.db.jooq.Tables.OPERATIONS.BUNDLE_URI, "file://b/x/")
        .execute();
    db.insertInto(org.mevflow.db.jooq.Tables.EXECUTIONS)
        .set(org.mevflow.db.jooq.Tables.EXECUTIONS.ID, exec)
        .set(org.mevflow.db.jooq.Tables.EXECUTIONS.OPERATION_ID, op)
        .set(org.mevflow.db.jooq.Tables.EXECUTIONS.OWNER_ID, owner)
        .set(org.mevflow.db.jooq.Tables.EXECUTIONS.WORKSPACE_ID, UUID.fromString(wid))
        .set(org.mevflow.db.jooq.Tables.EXECUTIONS.JOB_NAME, "j")
        .set(org.mevflow.db.jooq.Tables.EXECUTIONS.RUNNER, org.mevflow.db.type.Runner.LOCAL)
        .set(org.mevflow.db.jooq.Tables.EXECUTIONS.INPUTS, org.jooq.JSONB.valueOf("{}"))
        .set(org.mevflow.db.jooq.Tables.EXECUTIONS.WORKFLOW_ID, "analysis-" + exec)
        .execute();
    db.insertInto(org.mevflow.db.jooq.Tables.EXECUTION_INPUTS)
        .set(org.mevflow.db.jooq.Tables.EXECUTION_INPUTS.EXECUTION_ID, exec)
        .set(org.mevflow.db.jooq.Tables.EXECUTION_INPUTS.RESOURCE_ID, UUID.fromString(rid))
        .set(org.mevflow.db.jooq.Tables.EXECUTION_INPUTS.INPUT_KEY, "matrix")
        .execute();

    Http.Response refused =
        http.get("/api/workspaces/" + wid + "/resources/" + rid + "/remove/", auth);
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.json().get("detail").asText()).contains("used by an analysis");
    assertThat(http.get("/api/workspaces/" + wid + "/resources/", auth).json()).hasSize(1);
  }
}
