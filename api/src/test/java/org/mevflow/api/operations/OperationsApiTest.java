package org.mevflow.api.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mevflow.api.testing.Http.bearer;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mevflow.api.security.WortTokens;
import org.mevflow.api.testing.ApiTest;
import org.mevflow.api.testing.Http;
import org.mevflow.core.operations.LocalGitRepo;
import org.mevflow.db.UserRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The catalog routes: an admin adds from git; everyone lists, reads, and browses categories. */
@ApiTest
class OperationsApiTest {
  @LocalServerPort int port;
  @Autowired UserRepository users;
  @Autowired WortTokens tokens;

  Http http;
  String user;
  String admin;

  @BeforeEach
  void users() {
    http = Http.local(port);
    String a = "o" + UUID.randomUUID().toString().substring(0, 8);
    user = bearer(tokens.issue(users.create(a, a + "@example.org", "x", false).getId()));
    String b = "p" + UUID.randomUUID().toString().substring(0, 8);
    admin = bearer(tokens.issue(users.create(b, b + "@example.org", "x", true).getId()));
  }

  @Test
  void anAdminAddsAnOperationFromGitAndEveryoneSeesIt() throws Exception {
    Path examples = Path.of(System.getProperty("mevflow.examples", "../examples/operations"));
    Path repo = Files.createTempDirectory("op-repo");
    String sha = LocalGitRepo.create(examples.resolve("row-means-cromwell"), repo.resolve("r"));
    String body =
        "{\"repository_url\":\"" + repo.resolve("r").toUri() + "\",\"commit_id\":\"" + sha + "\"}";

    assertThat(http.postJson("/api/operations/add/", user, body).status()).isEqualTo(403);
    Http.Response added = http.postJson("/api/operations/add/", admin, body);
    assertThat(added.status()).as(added.toString()).isEqualTo(201);
    String id = added.json().get("id").asText();
    assertThat(added.json().get("git_hash").asText()).isEqualTo(sha);
    assertThat(http.postJson("/api/operations/add/", admin, body).status()).isEqualTo(200);

    JsonNode list = http.get("/api/operations/", user).json();
    assertThat(list).extracting(n -> n.get("id").asText()).contains(id);
    JsonNode detail = http.get("/api/operations/" + id + "/", user).json();
    assertThat(detail.get("name").asText()).isEqualTo("Row means (Cromwell)");
    assertThat(detail.get("mode").asText()).isEqualTo("cromwell");
    assertThat(detail.get("workspace_operation").asBoolean()).isTrue();
    assertThat(detail.at("/inputs/RowMeans.matrix/required").asBoolean()).isTrue();
    assertThat(detail.at("/outputs/RowMeans.means/spec/resource_type").asText()).isEqualTo("FT");
    assertThat(detail.get("repository_url").asText())
        .isEqualTo(repo.resolve("r").toUri().toString());
    assertThat(detail.get("repository_name").asText()).isEqualTo("r");
    JsonNode categories = http.get("/api/operation-categories/", user).json();
    assertThat(categories.get(0).get("name").asText()).isEqualTo("Utilities");
    // each child is the whole operation, as the front end's Tools tab reads it
    JsonNode child =
        categories.get(0).get("children").findParents("id").stream()
            .filter(c -> c.get("id").asText().equals(id))
            .findFirst()
            .orElseThrow();
    assertThat(child.at("/inputs/RowMeans.matrix/spec/attribute_type").asText())
        .isEqualTo("VariableDataResource");
  }

  @Test
  void anAdminFilesAnOperationUnderACategoryAsWebMevsAdminsDo() throws Exception {
    Path examples = Path.of(System.getProperty("mevflow.examples", "../examples/operations"));
    Path repo = Files.createTempDirectory("op-repo");
    String sha = LocalGitRepo.create(examples.resolve("row-sums"), repo.resolve("sums"));
    String id =
        http.postJson(
                "/api/operations/add/",
                admin,
                "{\"repository_url\":\""
                    + repo.resolve("sums").toUri()
                    + "\",\"commit_id\":\""
                    + sha
                    + "\"}")
            .json()
            .get("id")
            .asText();
    String category = "Clustering " + UUID.randomUUID().toString().substring(0, 6);
    String body = "{\"operation_id\":\"" + id + "\",\"category\":\"" + category + "\"}";
    assertThat(http.postJson("/api/operation-categories-add/", user, body).status()).isEqualTo(403);
    assertThat(http.postJson("/api/operation-categories-add/", admin, body).status())
        .isEqualTo(201);
    JsonNode filed = http.get("/api/operation-categories/", user).json();
    assertThat(filed.findParents("name").stream().map(c -> c.get("name").asText()))
        .contains(category);
    JsonNode one =
        http.get(
                "/api/operation-categories/"
                    + java.net.URLEncoder.encode(category, java.nio.charset.StandardCharsets.UTF_8)
                        .replace("+", "%20")
                    + "/",
                user)
            .json();
    assertThat(one).extracting(o -> o.get("id").asText()).containsExactly(id);

    Http.Response unknown =
        http.postJson(
            "/api/operation-categories-add/",
            admin,
            "{\"operation_id\":\"" + UUID.randomUUID() + "\",\"category\":\"x\"}");
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.json().get("operation_id").get(0).asText())
        .startsWith("Could not find Operation with id=");
    Http.Response missing =
        http.postJson("/api/operation-categories-add/", admin, "{\"operation_id\":\"" + id + "\"}");
    assertThat(missing.json().get("category").get(0).asText()).isEqualTo("This field is required.");
  }

  @Test
  void badRequestsSayWhy() {
    Http.Response url =
        http.postJson("/api/operations/add/", admin, "{\"repository_url\":\"nope\"}");
    assertThat(url.status()).isEqualTo(400);
    assertThat(url.json().get("detail").asText()).contains("not a git repository URL");
    assertThat(http.get("/api/operations/not-a-uuid/", user).status()).isEqualTo(404);
    assertThat(http.get("/api/operations/" + UUID.randomUUID() + "/", user).status())
        .isEqualTo(404);
    assertThat(http.get("/api/operations/", null).status()).isEqualTo(401);
  }
}
