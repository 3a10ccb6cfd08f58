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

      runsADifferentialExpressionLikeAnalysis(http, auth, wid);
      dev.stop();
    }
  }

  /**
   * What a new user does next, with only the requests the front end sends: a count matrix and an
   * annotation table into the workspace, two sample groups built from the Metadata tab's
   * observations, the fold-change tool found in the Tools tab and run with them (the form posts
   * job_name inside inputs too, and the groups as the browser keeps them), polled as the front end
   * polls, and its output table previewed.
   */
  private static void runsADifferentialExpressionLikeAnalysis(Http http, String auth, String wid)
      throws Exception {
    StackClient stack = new StackClient(http, auth);
    String counts =
        stack.typed(
            "counts.tsv",
            "gene\tC1\tC2\tT1\tT2\nTP53\t10\t12\t40\t44\nEGFR\t5\t5\t5\t5\nMYC\t0\t2\t9\t7\n",
            "RNASEQ_COUNT_MTX");
    String annotations =
        stack.typed(
            "samples.tsv",
            "sample\tcondition\nC1\tcontrol\nC2\tcontrol\nT1\ttreated\nT2\ttreated\n",
            "ANN");
    for (String r : new String[] {counts, annotations}) {
      stack.add(wid, r);
    }
    assertThat(
            http.get("/api/resources/" + counts + "/", auth).json().get("resource_type").asText())
        .isEqualTo("RNASEQ_COUNT_MTX");

    // the Metadata tab: the workspace's observations, with the annotation's attributes
    JsonNode samples =
        http.get("/api/workspaces/" + wid + "/metadata/observations/?page_size=1000", auth).json();
    assertThat(samples.get("results"))
        .extracting(o -> o.get("id").asText())
        .contains("C1", "C2", "T1", "T2");
    StringBuilder control = new StringBuilder();
    StringBuilder treated = new StringBuilder();
    for (JsonNode o : samples.get("results")) {
      StringBuilder group =
          "control".equals(o.at("/attributes/condition/value").asText())
              ? control
              : "treated".equals(o.at("/attributes/condition/value").asText()) ? treated : null;
      if (group != null) {
        group.append(group.length() == 0 ? "" : ",").append(o.toString());
      }
    }
    // sets as the browser keeps them (name, type, color beside the elements)
    String controls =
        "{\"name\":\"controls\",\"type\":\"Observation set\",\"color\":\"#1f77b4\",\"elements\":["
            + control
            + "]}";
    String treatedSet =
        "{\"name\":\"treated\",\"type\":\"Observation set\",\"color\":\"#ff7f0e\",\"elements\":["
            + treated
            + "]}";
    JsonNode overlap =
        http.postJson(
                "/api/metadata/intersect/",
                auth,
                "{\"set_type\":\"observation_set\",\"sets\":[" + controls + "," + treatedSet + "]}")
            .json();
    assertThat(overlap.get("elements")).isEmpty();

    // the Tools tab: categories with whole operations, then the operation's form
    JsonNode categories = http.get("/api/operation-categories/", auth).json();
    String opId = null;
    for (JsonNode c : categories) {
      for (JsonNode op : c.get("children")) {
        if (op.get("name").asText().equals("Two-group fold change")) {
          opId = op.get("id").asText();
          assertThat(op.at("/inputs/base_condition_samples/spec/attribute_type").asText())
              .isEqualTo("ObservationSet");
        }
      }
    }
    assertThat(opId).as(categories.toString()).isNotNull();
    JsonNode form = http.get("/api/operations/" + opId + "/", auth).json();
    assertThat(form.get("inputs").fieldNames().next()).isEqualTo("raw_counts");

    String inputs =
        "{\"raw_counts\":\""
            + counts
            + "\",\"base_condition_samples\":"
            + controls
            + ",\"experimental_condition_samples\":"
            + treatedSet
            + ",\"base_condition_name\":\"control\",\"experimental_condition_name\":\"treated\""
            + ",\"pseudocount\":1,\"log_base\":\"2\",\"job_name\":\"my first DGE\"}";
    Http.Response run =
        http.postJson(
            "/api/operations/run/",
            auth,
            "{\"operation_id\":\""
                + opId
                + "\",\"workspace_id\":\""
                + wid
                + "\",\"job_name\":\"my first DGE\",\"inputs\":"
                + inputs
                + "}");
    assertThat(run.status()).as(run.toString()).isEqualTo(200);
    String exec = run.json().get("executed_operation_id").asText();

    // the front end polls every 3 s while the answer is 202, 204 or 208
    JsonNode done = null;
    Instant deadline = Instant.now().plusSeconds(90);
    while (Instant.now().isBefore(deadline)) {
      Http.Response r = http.get("/api/executed-operations/" + exec + "/", auth);
      if (r.status() == 200) {
        done = r.json();
        break;
      }
      assertThat(r.status()).isIn(202, 204, 208);
      Thread.sleep(500);
    }
    assertThat(done).as("the execution did not end in 90 s").isNotNull();
    assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("Completed successfully");
    assertThat(done.get("job_name").asText()).isEqualTo("my first DGE");
    assertThat(done.at("/outputs/genes_compared").asInt()).isEqualTo(3);
    String table = done.at("/outputs/dge_results").asText();

    JsonNode preview = http.get("/api/resources/" + table + "/contents/preview/", auth).json();
    JsonNode tp53 = null;
    for (JsonNode row : preview) {
      if (row.get("rowname").asText().equals("TP53")) {
        tp53 = row;
      }
    }
    assertThat(tp53).as(preview.toString()).isNotNull();
    assertThat(tp53.at("/values/control_mean").asDouble()).isEqualTo(11.0);
    assertThat(tp53.at("/values/treated_mean").asDouble()).isEqualTo(42.0);
    // log2((42 + 1) / (11 + 1))
    assertThat(tp53.at("/values/logFoldChange").asDouble())
        .isCloseTo(Math.log(43.0 / 12.0) / Math.log(2), org.assertj.core.data.Offset.offset(1e-4));
    // the output is in the workspace, typed as declared
    JsonNode inWorkspace = http.get("/api/workspaces/" + wid + "/resources/", auth).json();
    assertThat(inWorkspace).extracting(r -> r.get("id").asText()).contains(table);

    // the workspace's provenance as the front end draws it, and its export
    JsonNode tree = http.get("/api/executed-operations/workspace/" + wid + "/tree/", auth).json();
    JsonNode runNode = null;
    JsonNode tableNode = null;
    for (JsonNode n : tree) {
      if (n.get("id").asText().equals(exec)) {
        runNode = n;
      }
      if (n.get("id").asText().equals(table)) {
        tableNode = n;
      }
    }
    assertThat(runNode).as(tree.toString()).isNotNull();
    assertThat(runNode.get("node_type").asText()).isEqualTo("op_node");
    assertThat(runNode.get("parentIds")).extracting(JsonNode::asText).containsExactly(counts);
    assertThat(tableNode.get("parentIds")).extracting(JsonNode::asText).containsExactly(exec);
    Http.Response saved =
        http.get("/api/executed-operations/workspace/" + wid + "/tree/save", auth);
    assertThat(saved.status()).isEqualTo(201);
    assertThat(saved.json().get("resource_type").asText()).isEqualTo("JSON");
  }
}
