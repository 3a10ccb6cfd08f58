package org.mevflow.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mevflow.api.testing.Http.bearer;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mevflow.api.testing.Http;

/**
 * The request sequence WebMEV's front end sends, against {@code ./mevflow dev}: log in, read the
 * user, create a workspace, upload a matrix, set its type, poll until validated, add it to the
 * workspace, and find "Row sums" among the workspace operations.
 */
class WebMevFrontEndIT {
  @TempDir Path dir;

  @Test
  void aNewUserGetsAValidatedMatrixIntoAWorkspaceOverHttpOnly() throws Exception {
    int apiPort = Launcher.freePort();
    Map<String, String> env =
        Map.of(
            "MEVFLOW_HOME", dir.resolve("home").toString(),
            "SERVER_PORT", Integer.toString(apiPort),
            "MEVFLOW_TEMPORAL_PORT", Integer.toString(Launcher.freePort()),
            "MEVFLOW_CORS_ORIGINS", "http://localhost:4200",
            "MEVFLOW_EXAMPLES", System.getProperty("mevflow.examples"));
    try (Launcher dev = Launcher.start(dir.resolve("dev.log"), env, "dev")) {
      dev.awaitHttp200("http://127.0.0.1:" + apiPort + "/actuator/health");
      Http http = Http.local(apiPort);

      // login, then the user list whose first item is the caller
      JsonNode tokens =
          http.postJson("/api/token/", null, "{\"email\":\"dev@localhost\",\"password\":\"dev\"}")
              .json();
      String auth = bearer(tokens.get("access").asText());
      assertThat(http.get("/api/users/", auth).json().get(0).get("email").asText())
          .isEqualTo("dev@localhost");

      JsonNode ws =
          http.postJson("/api/workspaces/", auth, "{\"workspace_name\":\"Tumor study\"}").json();
      String wid = ws.get("id").asText();

      String matrix =
          "gene\tS1\tS2\tS3\nTP53\t5.1\t3.2\t8.8\nBRCA1\t0.5\t1.5\t2.5\nEGFR\t7\t7.5\t6\n";
      JsonNode file =
          http.postFile(
                  "/api/resources/upload/",
                  auth,
                  "datafile",
                  "expression.tsv",
                  matrix.getBytes(StandardCharsets.UTF_8))
              .json();
      String rid = file.get("id").asText();

      Http.Response typed =
          http.send(
              http.request("/api/resources/" + rid + "/", auth)
                  .header("Content-Type", "application/json")
                  .method(
                      "PATCH",
                      HttpRequest.BodyPublishers.ofString(
                          "{\"resource_type\":\"EXP_MTX\",\"file_format\":\"tsv\"}")));
      assertThat(typed.status()).isEqualTo(200);

      // the front end polls GET /resources/ every few seconds while a status reads "Validating..."
      JsonNode resource = null;
      Instant deadline = Instant.now().plusSeconds(60);
      while (Instant.now().isBefore(deadline)) {
        for (JsonNode r : http.get("/api/resources/", auth).json()) {
          if (r.get("id").asText().equals(rid)) {
            resource = r;
          }
        }
        if (resource != null && !resource.get("status").asText().equals("Validating...")) {
          break;
        }
        Thread.sleep(300);
      }
      assertThat(resource).isNotNull();
      assertThat(resource.get("status").asText())
          .as(resource.toString())
          .isEqualTo("3 rows, 3 columns");
      assertThat(resource.get("resource_type").asText()).isEqualTo("EXP_MTX");
      assertThat(resource.get("readable_resource_type").asText()).isEqualTo("Expression matrix");

      Http.Response added =
          http.postJson(
              "/api/workspaces/" + wid + "/resources/add/",
              auth,
              "{\"resource_uuid\":\"" + rid + "\"}");
      assertThat(added.status()).as(added.toString()).isEqualTo(201);
      JsonNode inWorkspace = http.get("/api/workspaces/" + wid + "/resources/", auth).json();
      assertThat(inWorkspace)
          .singleElement()
          .satisfies(r -> assertThat(r.get("id").asText()).isEqualTo(rid));
      dev.stop();
    }
  }
}
