package org.mevflow.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mevflow.api.testing.Http.basic;
import static org.mevflow.api.testing.Http.bearer;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mevflow.api.testing.Http;
import org.mevflow.core.ncbi.NcbiStandIn;

/**
 * Kills at random points. mevflow as deployed (the infrastructure, the API and two workers as
 * processes of their own, on Temporal's own server) runs Cromwell and local analyses, SRA and
 * genome sketches, a day's discovery, a verification and a table's validation, while, round after
 * round, after a random delay, a random one of its processes is killed with -9 or stopped with
 * SIGTERM and a new one started in its place. The API is killed while requests are arriving. Then
 * every job that was accepted finishes, once: one Cromwell submit per Cromwell execution, one
 * output per execution, one signature object per dataset, no job left running or failed.
 *
 * <p>The points are drawn from a seed: {@code -Dmevflow.faults.seed=N} replays a run, {@code
 * -Dmevflow.faults.rounds=N} makes it longer ({@code bash bench/faults/run.sh} loops it). CI runs a
 * few rounds with a fresh seed each time, printed with every failure.
 */
class RandomKillsIT {
  static final Duration LIMIT = Duration.ofMinutes(5);

  /** Statuses of a job still on its way (WebMEV's and wort's words alike). */
  static final Set<String> UNFINISHED =
      Set.of(
          "QUEUED",
          "RUNNING",
          "COMPUTING",
          "ABORTING",
          "VERIFYING",
          "PENDING",
          "VALIDATING",
          "SUBMITTED");

  @TempDir Path dir;

  @Test
  void everyAcceptedJobFinishesOnceWhateverIsKilledWhen() throws Exception {
    long seed = Long.getLong("mevflow.faults.seed", System.nanoTime());
    int rounds = Integer.getInteger("mevflow.faults.rounds", 4);
    Random random = new Random(seed);
    List<String> story = new ArrayList<>();
    story.add("seed " + seed + " (replay: -Dmevflow.faults.seed=" + seed + ")");
    System.out.println("RandomKillsIT: " + story.get(0));

    Path shared = Path.of(System.getProperty("mevflow.shared"));
    Path golden = shared.resolve("testdata/sourmash");
    Path home = dir.resolve("home");
    try (NcbiStandIn ncbi = new NcbiStandIn(shared.resolve("testdata/ncbi/runinfo-sample.csv"));
        Launcher sim = Launcher.cromwellSim(dir, home.resolve("storage"), "PT15S")) {
      ncbi.putAssembly(
          "GCA_000000001.1",
          "ASM1v1",
          "K-12",
          Files.readAllBytes(golden.resolve("genome-s10.fa.gz")));
      ncbi.fileDelayMillis = 8_000;
      List<String> runs = new ArrayList<>(List.of("SRR0000001", "SRR0000002"));
      for (int r = 0; r < rounds; r++) {
        runs.add("SRR%07d".formatted(10 + r));
      }
      runs.forEach(run -> ncbi.runSizes.put(run, 60L));
      ncbi.runSizes.put("SRR0000003", 60L); // a user submits its signature
      LocalDate day = LocalDate.now(ZoneOffset.UTC).minusDays(3);
      List<String> discovered =
          ncbi.putSearch(DiscoveryDevIT.genomicQuery(day), "SRR", 71_000_001, 2, 20);
      Path fastqDump =
          Launcher.executable(
              dir.resolve("fastq-dump"),
              "sleep 6\nzcat '" + golden.resolve("genome-s11.fa.gz") + "'\n");
      String simUrl = sim.simUrl();

      try (Topology topology =
          new Topology(
              dir,
              Map.of(
                  "MEVFLOW_CROMWELL_URL",
                  simUrl,
                  "MEVFLOW_GENOMES_URL_TEMPLATE",
                  ncbi.base() + "/files/{accession}.fna.gz",
                  "MEVFLOW_EUTILS_URL",
                  ncbi.eutils(),
                  "MEVFLOW_FASTQ_DUMP",
                  fastqDump.toString()))) {
        Launcher api = topology.api("api-0");
        List<Launcher> workers =
            new ArrayList<>(List.of(topology.worker("worker-0"), topology.worker("worker-1")));
        List<Launcher> ended = new ArrayList<>();
        try {
          StackClient webmev = StackClient.devUser(topology.apiPort);
          Http http = webmev.http;
          String token = http.post("/v1/auth/tokens", basic("dev", "dev")).body();
          String ws = webmev.workspace("random kills");
          String matrix = webmev.matrixIn(ws);
          String means = webmev.operation("Row means (Cromwell)");
          String sums = webmev.operation("Row sums");

          // the work in flight when the first round begins
          webmev.run(means, ws, "means a", "RowMeans.matrix", matrix);
          webmev.run(means, ws, "means b", "RowMeans.matrix", matrix);
          webmev.run(sums, ws, "sums", "matrix", matrix);
          for (String accepted :
              List.of(
                  "/v1/compute/sra/SRR0000001",
                  "/v1/compute/sra/SRR0000002",
                  "/v1/compute/genomes/GCA_000000001.1")) {
            assertThat(http.post(accepted, bearer(token)).status()).isEqualTo(202);
          }
          Launcher.Result discovery =
              Launcher.run(
                  "",
                  topology.env,
                  "discovery",
                  "run",
                  "--day",
                  day.toString(),
                  "--concurrency",
                  "1");
          assertThat(discovery.exitCode()).as(discovery.output()).isZero();
          Path signature =
              StackClient.sketched(dir, "SRR0000003", golden.resolve("genome-s11.fa.gz"));
          String submission = webmev.submit(token, "SRR0000003", signature);
          StringBuilder rows = new StringBuilder("gene\tS1\tS2\n");
          for (int i = 0; i < 50_000; i++) {
            rows.append('G').append(i).append('\t').append(i).append('\t').append(i % 5);
            rows.append('\n');
          }
          String table =
              webmev.typing("big.tsv", rows.toString().getBytes(StandardCharsets.UTF_8), "MTX");

          for (int round = 0; round < rounds; round++) {
            String run = runs.get(2 + round);
            int delay = random.nextInt(12_000);
            boolean apiDies = random.nextInt(4) == 0;
            boolean hard = random.nextInt(5) < 3;
            int victim = random.nextInt(workers.size());
            if (apiDies) {
              // requests arrive while the API dies: each is answered, or fails at the client
              story.add("round " + round + ": kill -9 the API " + delay / 20 + " ms into requests");
              StackClient client = webmev;
              CompletableFuture<Void> requests =
                  CompletableFuture.runAsync(
                      () -> {
                        try {
                          client.http.post("/v1/compute/sra/" + run, bearer(token));
                          client.run(means, ws, "means " + run, "RowMeans.matrix", matrix);
                        } catch (UncheckedIOException | AssertionError cut) {
                          // the API died under it: the client does not know; listed below
                        }
                      });
              Thread.sleep(delay / 20);
              api.process.destroyForcibly();
              assertThat(api.process.waitFor(10, TimeUnit.SECONDS)).isTrue();
              requests.get(60, TimeUnit.SECONDS);
              ended.add(api);
              api = topology.api("api-" + (round + 1));
              webmev = StackClient.devUser(topology.apiPort);
              http = webmev.http;
              // wort's compute is idempotent: asking again is what a client does after an error
              assertThat(http.post("/v1/compute/sra/" + run, bearer(token)).status())
                  .isIn(200, 202);
            } else {
              assertThat(http.post("/v1/compute/sra/" + run, bearer(token)).status())
                  .isEqualTo(202);
              webmev.run(means, ws, "means " + run, "RowMeans.matrix", matrix);
              Thread.sleep(delay);
              Launcher worker = workers.remove(victim);
              story.add(
                  "round "
                      + round
                      + ": "
                      + (hard ? "kill -9" : "SIGTERM")
                      + " worker pid "
                      + worker.process.pid()
                      + " after "
                      + delay
                      + " ms");
              if (hard) {
                worker.process.destroyForcibly();
                assertThat(worker.process.waitFor(10, TimeUnit.SECONDS)).isTrue();
              } else {
                assertThat(worker.stop()).as(String.join("\n", story)).isIn(0, 130, 143);
                assertThat(worker.output()).doesNotContain("did not stop cleanly");
              }
              ended.add(worker);
              workers.add(topology.worker("worker-" + (round + 2)));
            }
          }
          String why = String.join("\n", story);
          System.out.println("RandomKillsIT:\n" + why);

          // every execution the API accepted, listed by the API, finished successfully
          JsonNode executions = http.get("/api/executed-operations/", webmev.auth).json();
          int cromwell = 0;
          for (JsonNode e : executions) {
            JsonNode done = webmev.awaitExecution(e.get("id").asText(), LIMIT);
            assertThat(done.get("status").asText())
                .as(why + "\n" + done)
                .isEqualTo("Completed successfully");
            if (done.at("/operation/operation_name").asText().equals("Row means (Cromwell)")) {
              cromwell++;
            }
          }
          assertThat(executions.size()).as(why).isGreaterThanOrEqualTo(3 + rounds - 1);
          for (String run : runs) {
            assertThat(webmev.awaitDataset("sra", run, LIMIT).get("status").asText())
                .as(why + "\n" + run)
                .isEqualTo("COMPUTED");
          }
          assertThat(
                  webmev.awaitDataset("genomes", "GCA_000000001.1", LIMIT).get("status").asText())
              .as(why)
              .isEqualTo("COMPUTED");
          for (String run : discovered) {
            assertThat(webmev.awaitDataset("sra", run, LIMIT).get("status").asText())
                .as(why + "\n" + run)
                .isEqualTo("COMPUTED");
          }
          JsonNode decided = webmev.awaitDecision(token, submission, LIMIT);
          assertThat(decided.get("status").asText()).as(why + "\n" + decided).isEqualTo("VERIFIED");
          JsonNode validated = webmev.awaitValidation(table, LIMIT);
          assertThat(validated.get("resource_type").asText()).as(why).isEqualTo("MTX");
          Instant until = Instant.now().plus(LIMIT);
          String listed = "";
          while (Instant.now().isBefore(until) && !listed.contains("COMPLETED")) {
            Thread.sleep(1000);
            listed = Launcher.run("", topology.env, "discovery", "list").output();
          }
          assertThat(listed).as(why).containsPattern(day + " +COMPLETED +2 +2 +2 +2 ");

          // once: a Cromwell submit per Cromwell execution, an output per execution, a
          // signature object per dataset (the submitted one counted once)
          JsonNode stats = StackClient.simStats(simUrl);
          assertThat(stats.get("submits").asInt()).as(why + "\n" + executions).isEqualTo(cromwell);
          assertThat(stats.get("violations")).as(why).isEmpty();
          assertThat(http.get("/api/resources/", webmev.auth).json())
              .as(why)
              .hasSize(1 + 1 + executions.size());
          assertThat(StackClient.objects(home.resolve("storage/wort-sra")))
              .as(why)
              .hasSize(runs.size() + discovered.size() + 1);
          assertThat(StackClient.objects(home.resolve("storage/wort-genomes"))).as(why).hasSize(1);
          // and the operators' list shows no job running or failed
          for (JsonNode job : http.get("/api/admin/jobs/?limit=1000", webmev.auth).json()) {
            assertThat(job.get("failed").asBoolean()).as(why + "\n" + job).isFalse();
            assertThat(UNFINISHED).as(why + "\n" + job).doesNotContain(job.get("status").asText());
          }
        } finally {
          api.close();
          workers.forEach(Launcher::close);
          ended.forEach(Launcher::close);
        }
      }
    }
  }
}
