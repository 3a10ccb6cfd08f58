package org.mevflow.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mevflow.api.testing.Http.basic;
import static org.mevflow.api.testing.Http.bearer;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mevflow.api.testing.Http;
import org.mevflow.core.ncbi.NcbiStandIn;

/**
 * The dev stack on Temporal's own server is durable: {@code ./mevflow dev} killed with -9 (at a
 * random moment, drawn from a printed seed, after all are in flight) while 5 Cromwell analyses, a
 * local analysis, a genome sketch, two SRA sketches, a day's discovery, a user's signature being
 * verified and a table being validated are in flight, then started again on the same home, finishes
 * every one of them exactly once: one Cromwell submit per execution (the simulator, a process of
 * its own that outlives the stack, counts them), one output resource per output, one signature
 * object per dataset, no row left running.
 */
class DurableDevStackIT {
  static final Duration FINISH_LIMIT = Duration.ofMinutes(5);

  @TempDir Path dir;

  @Test
  void aKilledStackResumesEveryJobAndFinishesItOnce() throws Exception {
    Path shared = Path.of(System.getProperty("mevflow.shared"));
    Path golden = shared.resolve("testdata/sourmash");
    Path home = dir.resolve("home");
    try (NcbiStandIn ncbi = new NcbiStandIn(shared.resolve("testdata/ncbi/runinfo-sample.csv"));
        Launcher sim = Launcher.cromwellSim(dir, home.resolve("storage"), "PT30S")) {
      // NCBI knows the assembly (wort answers 404 "Metadata not available" otherwise)
      ncbi.putAssembly(
          "GCA_000000001.1",
          "ASM1v1",
          "K-12",
          Files.readAllBytes(golden.resolve("genome-s10.fa.gz")));
      ncbi.fileDelayMillis = 20_000; // the genome is still downloading when the stack dies
      ncbi.runSizes.put("SRR0000001", 120L);
      ncbi.runSizes.put("SRR0000002", 90L);
      ncbi.runSizes.put("SRR0000004", 80L);
      ncbi.runSizes.put("SRR0000003", 60L); // a user submits its signature
      // and a day's discovery of two more runs, one sketched at a time
      LocalDate day = LocalDate.now(ZoneOffset.UTC).minusDays(4);
      List<String> discovered =
          ncbi.putSearch(DiscoveryDevIT.genomicQuery(day), "SRR", 70_000_001, 2, 20);
      Path fastqDump =
          Launcher.executable(
              dir.resolve("fastq-dump"),
              "sleep 20\nzcat '" + golden.resolve("genome-s11.fa.gz") + "'\n");
      String simUrl = sim.simUrl();

      int apiPort = Launcher.freePort();
      Map<String, String> env = Launcher.devEnv(home, apiPort, "cli");
      env.put("MEVFLOW_CROMWELL_URL", simUrl);
      env.put("MEVFLOW_GENOMES_URL_TEMPLATE", ncbi.base() + "/files/{accession}.fna.gz");
      env.put("MEVFLOW_EUTILS_URL", ncbi.eutils());
      env.put("MEVFLOW_FASTQ_DUMP", fastqDump.toString());
      env.put("MEVFLOW_EXAMPLES", System.getProperty("mevflow.examples"));
      String health = "http://127.0.0.1:" + apiPort + "/actuator/health";

      List<String> analyses = new ArrayList<>();
      String local;
      String token;
      String submission;
      String table;
      String ws;
      String matrix;
      String means;
      try (Launcher dev = Launcher.start(dir.resolve("dev1.log"), env, "dev")) {
        dev.awaitHttp200(health);
        StackClient webmev = StackClient.devUser(apiPort);
        ws = webmev.workspace("durable");
        matrix = webmev.matrixIn(ws);
        means = webmev.operation("Row means (Cromwell)");
        for (int i = 0; i < 5; i++) {
          analyses.add(webmev.run(means, ws, "means " + i, "RowMeans.matrix", matrix));
        }
        local = webmev.run(webmev.operation("Row sums"), ws, "sums", "matrix", matrix);
        Http http = webmev.http;
        token = http.post("/v1/auth/tokens", basic("dev", "dev")).body();
        assertThat(http.post("/v1/compute/genomes/GCA_000000001.1", bearer(token)).status())
            .isEqualTo(202);
        assertThat(http.post("/v1/compute/sra/SRR0000001", bearer(token)).status()).isEqualTo(202);
        assertThat(http.post("/v1/compute/sra/SRR0000002", bearer(token)).status()).isEqualTo(202);
        Launcher.Result discovery =
            Launcher.run(
                "", env, "discovery", "run", "--day", day.toString(), "--concurrency", "1");
        assertThat(discovery.exitCode()).as(discovery.output()).isZero();
        // a user's signature of a run nobody computed: its verification recomputes the run
        // (fastq-dump takes 20 s here)
        Path signature =
            StackClient.sketched(dir, "SRR0000003", golden.resolve("genome-s11.fa.gz"));
        submission = webmev.submit(token, "SRR0000003", signature);
        // and a table of 200,000 rows being validated (it may have ended by the kill)
        StringBuilder rows = new StringBuilder("gene\tS1\tS2\n");
        for (int i = 0; i < 200_000; i++) {
          rows.append('G').append(i).append('\t').append(i).append('\t').append(i % 7).append('\n');
        }
        table =
            webmev.typing(
                "big.tsv",
                rows.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                "MTX");

        // in flight: every Cromwell job submitted and running there, every sketch computing
        Instant until = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(until)
            && !(StackClient.simStats(simUrl).get("submits").asInt() == 5
                && computing(http, "genomes", "GCA_000000001.1")
                && computing(http, "sra", "SRR0000001")
                && computing(http, "sra", "SRR0000002")
                && computing(http, "sra", discovered.get(0))
                && verifying(http, token, submission))) {
          Thread.sleep(250);
        }
        assertThat(verifying(http, token, submission)).as("the verification in flight").isTrue();
        assertThat(StackClient.simStats(simUrl).get("submits").asInt()).isEqualTo(5);
        // then a random moment later (up to 8 s: some steps end, others begin), from a seed
        long seed = Long.getLong("mevflow.faults.seed", System.nanoTime());
        int delay = new java.util.Random(seed).nextInt(8_000);
        System.out.println(
            "DurableDevStackIT: kill -9 "
                + delay
                + " ms after all were in flight (seed "
                + seed
                + ")");
        Thread.sleep(delay);
        dev.process.destroyForcibly(); // kill -9: no shutdown hook runs
        dev.process.waitFor();
      }

      try (Launcher dev = Launcher.start(dir.resolve("dev2.log"), env, "dev")) {
        dev.awaitHttp200(health);
        // the servers the killed launcher left are found and stopped, in one line each
        assertThat(dev.output())
            .contains("stopped PostgreSQL (pid ")
            .contains("stopped a Temporal server (pid ");
        StackClient webmev = StackClient.devUser(apiPort);
        for (String exec : analyses) {
          JsonNode done = webmev.awaitExecution(exec, FINISH_LIMIT);
          assertThat(done.get("status").asText())
              .as(done.toString())
              .isEqualTo("Completed successfully");
          assertThat(done.at("/outputs/RowMeans.means").asText()).isNotEmpty();
        }
        JsonNode sums = webmev.awaitExecution(local, FINISH_LIMIT);
        assertThat(sums.get("status").asText())
            .as(sums.toString())
            .isEqualTo("Completed successfully");
        for (String[] d :
            new String[][] {
              {"genomes", "GCA_000000001.1"}, {"sra", "SRR0000001"}, {"sra", "SRR0000002"}
            }) {
          JsonNode status = webmev.awaitDataset(d[0], d[1], FINISH_LIMIT);
          assertThat(status.get("status").asText()).as(status.toString()).isEqualTo("COMPUTED");
        }

        // exactly once: 5 submits, one output resource per execution's output, one signature each
        JsonNode stats = StackClient.simStats(simUrl);
        assertThat(stats.get("submits").asInt()).isEqualTo(5);
        assertThat(stats.get("violations")).isEmpty();
        JsonNode resources = webmev.http.get("/api/resources/", webmev.auth).json();
        // the matrix, five means, one sums, the big table
        assertThat(resources).hasSize(1 + 5 + 1 + 1);
        assertThat(StackClient.objects(home.resolve("storage/wort-genomes"))).hasSize(1);
        // the discovery went on from where it was: both its runs sketched, once each
        Instant until = Instant.now().plus(FINISH_LIMIT);
        String listed = "";
        while (Instant.now().isBefore(until) && !listed.contains("COMPLETED")) {
          Thread.sleep(1000);
          listed = Launcher.run("", env, "discovery", "list").output();
        }
        assertThat(listed).containsPattern(day + " +COMPLETED +2 +2 +2 +2 ");
        for (String accession : discovered) {
          assertThat(webmev.awaitDataset("sra", accession, FINISH_LIMIT).get("status").asText())
              .isEqualTo("COMPUTED");
        }
        // the verification went on from where it was, and decided once
        JsonNode decided = webmev.awaitDecision(token, submission, FINISH_LIMIT);
        assertThat(decided.get("status").asText()).as(decided.toString()).isEqualTo("VERIFIED");
        JsonNode dataset = webmev.http.get("/v1/status/sra/SRR0000003", null).json();
        assertThat(dataset.get("submissions")).hasSize(1);
        assertThat(dataset.at("/signature/source").asText()).isEqualTo("SUBMITTED");
        // SRR0000001 and 2, the two discovered runs, and the submitted signature
        assertThat(StackClient.objects(home.resolve("storage/wort-sra"))).hasSize(2 + 2 + 1);
        // the table's validation ended, valid, once
        JsonNode validated = webmev.awaitValidation(table, FINISH_LIMIT);
        assertThat(validated.get("status").asText())
            .as(validated.toString())
            .isNotEqualTo("Validating...");
        assertThat(validated.get("resource_type").asText()).isEqualTo("MTX");

        // now stopped (SIGTERM) with two more analyses and a sketch in flight
        analyses.add(webmev.run(means, ws, "means 5", "RowMeans.matrix", matrix));
        analyses.add(webmev.run(means, ws, "means 6", "RowMeans.matrix", matrix));
        // the token issued before the kill still holds (tokens are stored)
        assertThat(webmev.http.post("/v1/compute/sra/SRR0000004", bearer(token)).status())
            .isEqualTo(202);
        until = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(until)
            && !(StackClient.simStats(simUrl).get("submits").asInt() == 7
                && computing(webmev.http, "sra", "SRR0000004"))) {
          Thread.sleep(250);
        }
        assertThat(StackClient.simStats(simUrl).get("submits").asInt()).isEqualTo(7);
        assertThat(dev.stop()).isIn(0, 130, 143);
        assertThat(dev.output()).doesNotContain("did not stop cleanly");
      }

      try (Launcher dev = Launcher.start(dir.resolve("dev3.log"), env, "dev")) {
        dev.awaitHttp200(health);
        assertThat(dev.output()).doesNotContain("left running by an earlier");
        StackClient webmev = StackClient.devUser(apiPort);
        for (String exec : analyses.subList(5, 7)) {
          JsonNode done = webmev.awaitExecution(exec, FINISH_LIMIT);
          assertThat(done.get("status").asText())
              .as(done.toString())
              .isEqualTo("Completed successfully");
        }
        assertThat(webmev.awaitDataset("sra", "SRR0000004", FINISH_LIMIT).get("status").asText())
            .isEqualTo("COMPUTED");
        assertThat(StackClient.simStats(simUrl).get("submits").asInt()).isEqualTo(7);
        assertThat(webmev.http.get("/api/resources/", webmev.auth).json()).hasSize(1 + 7 + 1 + 1);
        assertThat(StackClient.objects(home.resolve("storage/wort-sra"))).hasSize(2 + 2 + 1 + 1);
        dev.stop();
      }
    }
  }

  private static boolean verifying(Http http, String token, String submission) {
    Http.Response r = http.get("/v1/submissions/" + submission, bearer(token));
    return r.status() == 200 && r.json().path("status").asText().equals("VERIFYING");
  }

  private static boolean computing(Http http, String db, String accession) {
    Http.Response r = http.get("/v1/status/" + db + "/" + accession, null);
    return r.status() == 200 && r.json().path("status").asText().equals("COMPUTING");
  }
}
