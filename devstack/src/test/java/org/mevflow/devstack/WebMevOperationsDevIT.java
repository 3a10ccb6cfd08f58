package org.mevflow.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mevflow.api.testing.Http;
import org.mevflow.core.operations.LocalGitRepo;

/**
 * {@code ./mevflow dev --cromwell-sim --docker-sim}: operation repositories in the shapes of
 * WebMEV's published ones, each made a git repository here, are ingested as WebMEV's admin adds
 * them ({@code POST /api/operations/add/} with the URL and commit) and run over HTTP as the front
 * end runs them: a draft-2 WDL with two files in and two calls, a WDL 1.0 one with an array input
 * and a scatter, both on the Cromwell simulator (miniwdl's interpreter); a local_docker one through
 * the Docker CLI stand-in; a Nextflow one refused at ingestion.
 */
class WebMevOperationsDevIT {
  static final Duration LIMIT = Duration.ofSeconds(180);

  @TempDir Path dir;

  @Test
  void webMevShapedRepositoriesAreIngestedFromGitAndRunWithTheRightOutputs() throws Exception {
    Path fixtures = Path.of(System.getProperty("mevflow.fixtures"));
    Map<String, String> shas = new HashMap<>();
    for (String name : List.of("concat-count", "line-counts", "matrix-summary", "hcl-nextflow")) {
      shas.put(name, LocalGitRepo.create(fixtures.resolve(name), dir.resolve("git/" + name)));
    }
    int apiPort = Launcher.freePort();
    Path home = dir.resolve("home");
    Map<String, String> env = new HashMap<>();
    env.put("MEVFLOW_HOME", home.toString());
    env.put("SERVER_PORT", Integer.toString(apiPort));
    env.put("MEVFLOW_TEMPORAL_PORT", Integer.toString(Launcher.freePort()));
    env.put("MEVFLOW_CROMWELL_SIM_RUN_TIME", "PT2S");
    // the repository's own image of line-counts holds no more than a base image: run it on the host
    env.put("MEVFLOW_CROMWELL_SIM_HOST_IMAGES", "ubuntu,debian,ghcr.io/web-mev/line-counts");
    env.put("MEVFLOW_EXAMPLES", System.getProperty("mevflow.examples"));
    try (Launcher dev =
        Launcher.start(dir.resolve("dev.log"), env, "dev", "--cromwell-sim", "--docker-sim")) {
      dev.awaitHttp200("http://127.0.0.1:" + apiPort + "/actuator/health");
      StackClient webmev = StackClient.devUser(apiPort);
      Http http = webmev.http;
      String auth = webmev.auth;

      Map<String, String> ops = new HashMap<>();
      for (String name : List.of("concat-count", "line-counts", "matrix-summary")) {
        Http.Response added =
            http.postJson(
                "/api/operations/add/",
                auth,
                "{\"repository_url\":\"%s\",\"commit_id\":\"%s\"}"
                    .formatted(dir.resolve("git/" + name).toUri(), shas.get(name)));
        assertThat(added.status()).as(added.toString()).isEqualTo(201);
        ops.put(name, added.json().get("id").asText());
      }
      Http.Response refused =
          http.postJson(
              "/api/operations/add/",
              auth,
              "{\"repository_url\":\"%s\",\"commit_id\":\"%s\"}"
                  .formatted(dir.resolve("git/hcl-nextflow").toUri(), shas.get("hcl-nextflow")));
      assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
      assertThat(refused.contentType()).startsWith("application/problem+json");
      assertThat(refused.body()).contains("mode 'nf_batch' is not run here");

      String wid = webmev.workspace("operations");
      String m1 =
          in(webmev, wid, "first.tsv", "gene\tS1\tS2\nTP53\t1\t2\nBRCA1\t3\t4\n", "EXP_MTX");
      // its first line is its header, as a matrix's is: sample names "5" and "6"
      String m2 = in(webmev, wid, "second.tsv", "EGFR\t5\t6\nMYC\t7\t8\n", "EXP_MTX");

      // draft-2: two files in, a declaration with a default, two calls, a keyword-named output
      String concat =
          webmev.runWith(
              ops.get("concat-count"),
              wid,
              "joined",
              "{\"ConcatCount.f1\":\"%s\",\"ConcatCount.f2\":\"%s\",\"ConcatCount.label\":\"joined tables\"}"
                  .formatted(m1, m2));
      JsonNode joined = succeeded(webmev, concat);
      // the header of the first, its two rows, the two lines of the second
      assertThat(joined.at("/outputs/ConcatCount.rows").asInt()).isEqualTo(4);
      String merged = joined.at("/outputs/ConcatCount.output").asText();
      JsonNode mergedRows = http.get("/api/resources/" + merged + "/contents/", auth).json();
      assertThat(mergedRows.toString()).contains("TP53").contains("BRCA1").contains("MYC");
      assertThat(http.get("/api/resources/" + merged + "/", auth).json().get("name").asText())
          .endsWith("joined_tables.tsv");

      // WDL 1.0: an array of files, a string list as CSV, a boolean as 1/0, a list output
      String t1 = in(webmev, wid, "t1.tsv", "gene\tA\nX\t1\nY\t2\n", "MTX");
      String t2 = in(webmev, wid, "t2.tsv", "gene\tA\nZ\t3\n", "MTX");
      String counts =
          webmev.runWith(
              ops.get("line-counts"),
              wid,
              "counts",
              "{\"LineCounts.tables\":[\"%s\",\"%s\"],\"LineCounts.names\":[\"first\",\"second\"],\"LineCounts.with_header\":true}"
                  .formatted(t1, t2));
      JsonNode counted = succeeded(webmev, counts);
      assertThat(counted.at("/outputs/LineCounts.total").asInt()).isEqualTo(3);
      assertThat(counted.at("/outputs/LineCounts.per_table")).hasSize(2);
      JsonNode summary =
          http.get(
                  "/api/resources/"
                      + counted.at("/outputs/LineCounts.summary").asText()
                      + "/contents/",
                  auth)
              .json();
      assertThat(summary.toString()).contains("first").contains("second");

      // local_docker: the commit's image, built as the registry's would be, run by the stand-in
      String image = "ghcr.io/web-mev/matrix-summary:sha-" + shas.get("matrix-summary");
      build(home.resolve("docker/docker"), image, dir.resolve("git/matrix-summary/docker"));
      String m3 =
          in(
              webmev,
              wid,
              "three.tsv",
              "gene\tS1\tS2\tS3\nTP53\t1\t2\t3\nEGFR\t4\t5\t6\n",
              "EXP_MTX");
      String summarized =
          webmev.runWith(
              ops.get("matrix-summary"),
              wid,
              "summary",
              ("{\"input_matrix\":\"%s\",\"samples\":{\"multiple\":true,\"elements\":[{\"id\":\"S1\"},"
                      + "{\"id\":\"S3\"}]},\"statistics\":[\"mean\",\"max\"],\"log_transform\":false}")
                  .formatted(m3));
      JsonNode done = succeeded(webmev, summarized);
      assertThat(done.get("mode").asText()).isEqualTo("local_docker");
      assertThat(done.at("/outputs/n_samples").asInt()).isEqualTo(2);
      JsonNode subset =
          http.get("/api/resources/" + done.at("/outputs/subset").asText() + "/", auth).json();
      assertThat(subset.get("resource_type").asText()).isEqualTo("EXP_MTX");
      JsonNode stats =
          http.get("/api/resources/" + done.at("/outputs/summary").asText() + "/contents/", auth)
              .json();
      // TP53 over S1 and S3: mean 2, max 3; EGFR: mean 5, max 6
      assertThat(stats.toString()).contains("TP53").contains("EGFR");
      assertThat(stats.toString().replace(".0", "")).contains("2").contains("6");
      dev.stop();
    }
  }

  /** A file uploaded, typed and added to the workspace; its resource id. */
  private static String in(StackClient webmev, String wid, String name, String tsv, String type)
      throws InterruptedException {
    String id = webmev.typed(name, tsv, type);
    webmev.add(wid, id);
    return id;
  }

  private static JsonNode succeeded(StackClient webmev, String exec) throws InterruptedException {
    JsonNode done = webmev.awaitExecution(exec, LIMIT);
    assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("Completed successfully");
    return done;
  }

  private static void build(Path docker, String image, Path context) throws Exception {
    List<String> command = new ArrayList<>(List.of(docker.toString(), "build", "-t", image));
    command.add(context.toString());
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    assertThat(Files.exists(docker)).isTrue();
  }
}
