package org.mevflow.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mevflow.api.testing.Http.basic;
import static org.mevflow.api.testing.Http.bearer;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mevflow.api.testing.Http;
import org.mevflow.core.ncbi.NcbiStandIn;
import org.mevflow.core.sketch.Signature;
import org.mevflow.core.sketch.SignatureJson;

/**
 * wort's service on {@code ./mevflow dev}, end to end: a genome from a URL template pointed at a
 * local file server, an SRA run through a scripted fastq-dump, a missing run; served by /v1/view,
 * told by /v1/status; a user's submission verified by recomputation, with its live progress.
 */
class SignaturesDevIT {
  static final Duration DATASET_LIMIT = Duration.ofSeconds(90);

  @TempDir Path dir;

  @Test
  void computesServesAndTellsWhatHappened() throws Exception {
    Path shared = Path.of(System.getProperty("mevflow.shared"));
    Path golden = shared.resolve("testdata/sourmash");
    try (NcbiStandIn ncbi = new NcbiStandIn(shared.resolve("testdata/ncbi/runinfo-sample.csv"))) {
      // NCBI knows the assembly (wort answers 404 "Metadata not available" otherwise)
      ncbi.putAssembly(
          "GCA_000000001.1",
          "ASM1v1",
          "K-12",
          Files.readAllBytes(golden.resolve("genome-s10.fa.gz")));
      ncbi.runSizes.put("SRR0000001", 120L);
      ncbi.runSizes.put("SRR0000003", 50L);
      ncbi.runSizes.put("SRR0000002", 900L);
      ncbi.runSizes.put("SRR0000004", 80L);
      Path fastqDump =
          Launcher.executable(
              dir.resolve("fastq-dump"),
              "acc=\"${@: -1}\"\n"
                  + "if [ \"$acc\" = SRR0000003 ]; then echo 'item not found' >&2; exit 3; fi\n"
                  + "if [ \"$acc\" = SRR0000002 ] || [ \"$acc\" = SRR0000004 ]; then sleep 6; fi\n"
                  + "zcat '"
                  + golden.resolve("genome-s11.fa.gz")
                  + "'\n");

      int apiPort = Launcher.freePort();
      Map<String, String> env = new HashMap<>();
      env.put("MEVFLOW_HOME", dir.resolve("home").toString());
      env.put("SERVER_PORT", Integer.toString(apiPort));
      env.put("MEVFLOW_TEMPORAL_PORT", Integer.toString(Launcher.freePort()));
      env.put("MEVFLOW_GENOMES_URL_TEMPLATE", ncbi.base() + "/files/{accession}.fna.gz");
      env.put("MEVFLOW_EUTILS_URL", ncbi.eutils());
      env.put("MEVFLOW_FASTQ_DUMP", fastqDump.toString());
      // the verifier's second opinion: our sketcher and the real sourmash must both agree
      env.put("MEVFLOW_VERIFY_WITH", "both");
      try (Launcher dev = Launcher.start(dir.resolve("dev.log"), env, "dev")) {
        dev.awaitHttp200("http://127.0.0.1:" + apiPort + "/actuator/health");
        Http http = Http.local(apiPort);
        StackClient datasets = StackClient.anonymous(apiPort);
        String token = http.post("/v1/auth/tokens", basic("dev", "dev")).body();

        Http.Response submitted = http.post("/v1/compute/genomes/GCA_000000001.1", bearer(token));
        assertThat(submitted.status()).isEqualTo(202);
        assertThat(submitted.json().get("task_id").asText())
            .isEqualTo("sketch-genomes-GCA_000000001.1");
        JsonNode genome = datasets.awaitDataset("genomes", "GCA_000000001.1", DATASET_LIMIT);
        assertThat(genome.get("status").asText()).as(genome.toString()).isEqualTo("COMPUTED");
        assertThat(genome.get("sketches")).hasSize(3);

        Http.Response view = http.get("/v1/view/genomes/GCA_000000001.1", null);
        assertThat(view.status()).isEqualTo(302);
        HttpResponse<byte[]> file =
            HttpClient.newHttpClient()
                .send(
                    HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + apiPort)
                                .resolve(view.header("Location").orElseThrow()))
                        .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        assertThat(file.headers().firstValue("Content-Encoding")).contains("gzip");
        Signature sig =
            SignatureJson.read(new GZIPInputStream(new ByteArrayInputStream(file.body()))).get(0);
        // named as wort names genome signatures, from the assembly's metadata
        assertThat(sig.name())
            .isEqualTo(
                "GCA_000000001.1 Escherichia coli str. K-12 substr. MG1655 strain=K-12, ASM1v1");
        assertThat(sig.filename()).isEqualTo("GCA_000000001.1.fna.gz");
        // and the real sourmash reads what mevflow serves
        Path served = Files.write(dir.resolve("served.sig.gz"), file.body());
        Process describe =
            new ProcessBuilder(
                    org.mevflow.core.ToolCache.dir().resolve("bin/sourmash").toString(),
                    "sig",
                    "describe",
                    served.toString())
                .redirectErrorStream(true)
                .start();
        String described =
            new String(
                describe.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(describe.waitFor()).as(described).isZero();
        assertThat(described)
            .contains("signature: GCA_000000001.1 Escherichia coli")
            .contains("k=21")
            .contains("k=51");
        assertThat(sig.sketches()).extracting(s -> s.ksize()).containsExactly(21, 31, 51);
        assertThat(sig.sketches().get(0).md5sum())
            .isEqualTo(genome.at("/sketches/0/md5sum").asText());

        http.post("/v1/compute/sra/SRR0000001", bearer(token));
        JsonNode run = datasets.awaitDataset("sra", "SRR0000001", DATASET_LIMIT);
        assertThat(run.get("status").asText()).as(run.toString()).isEqualTo("COMPUTED");
        assertThat(run.get("task_queue").asText()).isEqualTo("sketch-small");

        // a run being sketched shows where it is
        http.post("/v1/compute/sra/SRR0000002", bearer(token));
        JsonNode live = awaitProgress(http, "sra", "SRR0000002", dev);
        assertThat(live.get("status").asText()).isEqualTo("COMPUTING");
        assertThat(live.at("/progress/step").asText()).isEqualTo("sketching");
        assertThat(live.at("/progress/task_queue").asText()).isEqualTo("sketch-medium");
        assertThat(live.at("/progress/activity").asText()).isEqualTo("SketchRun");
        assertThat(live.at("/progress/attempt").asInt()).isEqualTo(1);
        assertThat(datasets.awaitDataset("sra", "SRR0000002", DATASET_LIMIT).get("status").asText())
            .isEqualTo("COMPUTED");

        http.post("/v1/compute/sra/SRR0000003", bearer(token));
        JsonNode missing = datasets.awaitDataset("sra", "SRR0000003", DATASET_LIMIT);
        assertThat(missing.get("status").asText()).isEqualTo("MISSING");
        assertThat(missing.get("last_error").asText())
            .contains("fastq-dump exit 3")
            .contains("item not found");
        assertThat(http.get("/v1/view/sra/SRR0000003", null).status()).isEqualTo(404);

        assertThat(
                http.post("/v1/compute/genomes/GCA_000000001.1", bearer(token))
                    .json()
                    .get("status")
                    .asText())
            .isEqualTo("Signature already calculated");
        // a user's signature of a run nobody computed: verified by recomputing it, watched
        // live while the recomputation runs, then served as submitted
        Path submitted4 = sketched("SRR0000004", golden.resolve("genome-s11.fa.gz"));
        String submission = new StackClient(http, null).submit(token, "SRR0000004", submitted4);
        JsonNode verifying = awaitSubmissionProgress(http, token, submission, dev);
        assertThat(verifying.get("status").asText()).isIn("PENDING", "VERIFYING");
        assertThat(verifying.at("/progress/task_queue").asText()).isEqualTo("sketch-small");
        assertThat(verifying.at("/progress/activity").asText()).isEqualTo("RecomputeRun");
        JsonNode decided = awaitDecision(http, token, submission, dev);
        assertThat(decided.get("status").asText()).as(decided.toString()).isEqualTo("VERIFIED");
        assertThat(decided.get("reason").asText())
            .startsWith("verified by 2 independent implementations; mevflow's sketcher: all 3")
            .contains("; sourmash 4.9.4: all 3 sketches match");
        assertThat(decided.has("progress")).isFalse();
        assertThat(http.get("/v1/view/sra/SRR0000004", null).status()).isEqualTo(302);
        // the dataset's page says which implementations verified what it serves
        assertThat(http.get("/view/sra/SRR0000004/", null).body())
            .contains("and served: <strong>VERIFIED</strong> - verified by 2 independent")
            .contains("sourmash 4.9.4");

        // IMG: nothing can recompute it; an operator's (dev is an admin) submission is served
        Path img = sketched("2506381016", golden.resolve("genome-s10.fa.gz"));
        Http.Response imgAccepted =
            http.postFile(
                "/v1/submit/img/2506381016",
                bearer(token),
                "file",
                "2506381016.sig",
                Files.readAllBytes(img));
        assertThat(imgAccepted.status()).as(imgAccepted.body()).isEqualTo(202);
        JsonNode imgDecided =
            awaitDecision(http, token, imgAccepted.json().get("submission_id").asText(), dev);
        assertThat(imgDecided.get("status").asText()).isEqualTo("UNVERIFIABLE");
        assertThat(imgDecided.get("reason").asText())
            .contains("IMG's sequences are not public")
            .contains("served on the authority of the operator");
        assertThat(http.get("/v1/view/img/2506381016", null).status()).isEqualTo(302);
        assertThat(http.post("/v1/compute/img/2506381016", bearer(token)).status()).isEqualTo(404);
        dev.stop();
      }
    }
  }

  private Path sketched(String name, Path input) throws Exception {
    return StackClient.sketched(dir, name, input);
  }

  /** Polls a submission (bounded) until it reports it is recomputing the signature. */
  private static JsonNode awaitSubmissionProgress(Http http, String token, String id, Launcher dev)
      throws Exception {
    Instant deadline = Instant.now().plusSeconds(30);
    JsonNode s = null;
    while (Instant.now().isBefore(deadline)) {
      s = http.get("/v1/submissions/" + id, bearer(token)).json();
      if (s.at("/progress/step").asText().startsWith("recomputing")) {
        return s;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("no progress for submission " + id + ": " + s + "\n" + dev.output());
  }

  /** Polls a submission (bounded) until the verifier has decided it. */
  private static JsonNode awaitDecision(Http http, String token, String id, Launcher dev)
      throws Exception {
    try {
      return new StackClient(http, null).awaitDecision(token, id, java.time.Duration.ofSeconds(90));
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + ":\n" + dev.output());
    }
  }

  /** Polls /v1/status (bounded) until it reports a sketching step. */
  private static JsonNode awaitProgress(Http http, String db, String accession, Launcher dev)
      throws Exception {
    Instant deadline = Instant.now().plusSeconds(30);
    while (Instant.now().isBefore(deadline)) {
      Http.Response r = http.get("/v1/status/" + db + "/" + accession, null);
      if (r.status() == 200 && "sketching".equals(r.json().at("/progress/step").asText())) {
        return r.json();
      }
      Thread.sleep(200);
    }
    throw new AssertionError("no progress reported for " + accession + ":\n" + dev.output());
  }
}
