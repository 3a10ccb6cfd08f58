package org.mevflow.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mevflow.api.testing.Http.basic;
import static org.mevflow.api.testing.Http.bearer;

import com.fasterxml.jackson.databind.JsonNode;
import io.temporal.client.schedules.ScheduleClient;
import io.temporal.client.schedules.ScheduleDescription;
import io.temporal.client.schedules.ScheduleHandle;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mevflow.api.testing.Http;
import org.mevflow.core.ncbi.NcbiStandIn;
import org.mevflow.workflows.discovery.DiscoverySchedule;

/**
 * Daily discovery on {@code ./mevflow dev --discovery}: on Temporal's own server the worker keeps a
 * Temporal Schedule, which an operator triggers, pauses and resumes; the operator lists and runs a
 * day by hand, and the discovered runs are served by wort's routes. On the Java test server the
 * worker triggers each day itself. NCBI is a stand-in over loopback.
 */
class DiscoveryDevIT {
  @TempDir Path dir;

  static String genomicQuery(LocalDate day) throws Exception {
    String notes =
        Files.readString(
            Path.of(System.getProperty("mevflow.shared")).resolve("testdata/ncbi/README.md"));
    Matcher m = Pattern.compile("^- genomic: `(.*)`$", Pattern.MULTILINE).matcher(notes);
    assertThat(m.find()).isTrue();
    return m.group(1).replace("YYYY/MM/DD", day.toString().replace('-', '/'));
  }

  @Test
  void theScheduleDiscoversYesterdayAndTheOperatorSteersIt() throws Exception {
    Path shared = Path.of(System.getProperty("mevflow.shared"));
    Path golden = shared.resolve("testdata/sourmash");
    try (NcbiStandIn ncbi = new NcbiStandIn(shared.resolve("testdata/ncbi/runinfo-sample.csv"))) {
      LocalDate today = LocalDate.now(ZoneOffset.UTC);
      // yesterday as the worker will see it, even if midnight passes while the stack starts
      List<String> yesterday =
          ncbi.putSearch(genomicQuery(today.minusDays(1)), "SRR", 40_000_001, 3, 20);
      ncbi.putSearch(genomicQuery(today), "SRR", 40_000_001, 3, 20);
      LocalDate earlier = today.minusDays(5);
      List<String> byHand = ncbi.putSearch(genomicQuery(earlier), "ERR", 5_000_001, 2, 20);
      // the runs found by hand wait for the test's word (a file; 120 s at most), so their
      // sketching is still going on while it is watched and a second run of the day is refused,
      // however slowly this machine starts the commands that look
      Path gate = dir.resolve("release-by-hand-runs");
      Path fastqDump =
          Launcher.executable(
              dir.resolve("fastq-dump"),
              "acc=\"${@: -1}\"\ncase \"$acc\" in ERR*) for i in $(seq 1200); do [ -f '"
                  + gate
                  + "' ] && break; sleep 0.1; done;; esac\nzcat '"
                  + golden.resolve("genome-s10-small.fa.gz")
                  + "'\n");

      // with no stack running, a command says so in one line
      Launcher.Result nowhere =
          Launcher.run(
              "", Map.of("MEVFLOW_HOME", dir.resolve("none").toString()), "discovery", "run");
      assertThat(nowhere.exitCode()).isEqualTo(1);
      assertThat(nowhere.output())
          .contains("mevflow discovery run: no Temporal: set TEMPORAL_ADDRESS")
          .doesNotContain("\tat ");

      int apiPort = Launcher.freePort();
      Map<String, String> env = Launcher.devEnv(dir.resolve("home"), apiPort, "cli");
      env.put("MEVFLOW_EUTILS_URL", ncbi.eutils());
      env.put("MEVFLOW_FASTQ_DUMP", fastqDump.toString());
      env.put("MEVFLOW_DISCOVERY_CHECK_INTERVAL", "1s");
      try (Launcher dev =
          Launcher.start(
              dir.resolve("dev.log"), env, "dev", "--discovery", "--discovery-at", "00:00")) {
        dev.awaitHttp200("http://127.0.0.1:" + apiPort + "/actuator/health");
        Http http = Http.local(apiPort);

        // the worker keeps the daily Temporal Schedule; an operator triggers it with Temporal's CLI
        String target = "127.0.0.1:" + env.get("MEVFLOW_TEMPORAL_PORT");
        WorkflowServiceStubs stubs =
            WorkflowServiceStubs.newServiceStubs(
                WorkflowServiceStubsOptions.newBuilder().setTarget(target).build());
        try {
          ScheduleHandle schedule =
              ScheduleClient.newInstance(stubs).getHandle(DiscoverySchedule.ID);
          ScheduleDescription described = awaitSchedule(schedule, dev);
          assertThat(described.getSchedule().getState().isPaused()).isFalse();
          Process trigger =
              new ProcessBuilder(
                      TemporalChoice.binary().orElseThrow().toString(),
                      "schedule",
                      "trigger",
                      "--schedule-id",
                      DiscoverySchedule.ID,
                      "--address",
                      target)
                  .redirectErrorStream(true)
                  .start();
          String triggered = new String(trigger.getInputStream().readAllBytes());
          assertThat(trigger.waitFor()).as(triggered).isZero();

          // the triggered run searched the day before it was due: yesterday (a scheduled run's
          // workflow id is the schedule's prefix and the time it was due)
          String listed = awaitListed(env, "COMPLETED", dev);
          assertThat(listed)
              .containsPattern(today.minusDays(1) + " +COMPLETED +3 ")
              .containsPattern("discovery-\\d{4}-\\d\\d-\\d\\dT");
          for (String accession : yesterday) {
            JsonNode status = http.get("/v1/status/sra/" + accession, null).json();
            assertThat(status.get("status").asText()).as(status.toString()).isEqualTo("COMPUTED");
          }
          // listed from Temporal's visibility store, as the Web UI searches it
          Launcher.Result jobs = Launcher.run("", env, "jobs", "--kind", "discovery");
          assertThat(jobs.output())
              .contains("from Temporal's visibility store: MevflowKind = 'discovery'")
              .containsPattern("discovery-\\d{4}-\\d\\d-\\d\\dT")
              .contains("COMPLETED");

          Launcher.Result paused =
              Launcher.run("", env, "discovery", "pause", "--note", "NCBI maintenance");
          assertThat(paused.exitCode()).as(paused.output()).isZero();
          assertThat(paused.output())
              .contains("Temporal Schedule " + DiscoverySchedule.ID + " paused");
          assertThat(schedule.describe().getSchedule().getState().isPaused()).isTrue();
          assertThat(schedule.describe().getSchedule().getState().getNote())
              .isEqualTo("NCBI maintenance");
          Launcher.Result resumed = Launcher.run("", env, "discovery", "resume");
          assertThat(resumed.output())
              .contains("Temporal Schedule " + DiscoverySchedule.ID + " resumed");
          assertThat(schedule.describe().getSchedule().getState().isPaused()).isFalse();
        } finally {
          stubs.shutdownNow();
        }

        // a day run by hand, watched live through the API while it sketches
        Launcher.Result run =
            Launcher.run(
                "", env, "discovery", "run", "--day", earlier.toString(), "--concurrency", "1");
        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("started discovery-" + earlier);
        String token = http.post("/v1/auth/tokens", basic("dev", "dev")).body();
        JsonNode live = awaitSketching(http, token, "discovery-" + earlier, dev);
        assertThat(live.at("/progress/concurrency").asInt()).isEqualTo(1);
        assertThat(live.at("/progress/in_flight").asInt()).isBetween(0, 1);
        assertThat(live.at("/progress/day").asText()).isEqualTo(earlier.toString());
        Launcher.Result twice =
            Launcher.run("", env, "discovery", "run", "--day", earlier.toString(), "--wait");
        assertThat(twice.exitCode()).as(twice.output()).isEqualTo(2);
        assertThat(twice.output()).contains("discovery-" + earlier + " is already running");
        Files.writeString(gate, "go");
        for (String accession : byHand) {
          JsonNode status = awaitComputed(http, accession, dev);
          assertThat(status.get("status").asText()).as(status.toString()).isEqualTo("COMPUTED");
        }

        Launcher.Result bad = Launcher.run("", env, "discovery", "run", "--page-size", "20000");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.output()).contains("page size must be between 1 and 10000");
        dev.stop();
      }
    }
  }

  /** Describes the schedule once the worker has created it (bounded). */
  private static ScheduleDescription awaitSchedule(ScheduleHandle schedule, Launcher dev)
      throws Exception {
    Instant deadline = Instant.now().plusSeconds(60);
    RuntimeException last = null;
    while (Instant.now().isBefore(deadline)) {
      try {
        return schedule.describe();
      } catch (RuntimeException notYet) {
        last = notYet;
        Thread.sleep(500);
      }
    }
    throw new AssertionError("the worker created no schedule in 60 s:\n" + dev.output(), last);
  }

  /**
   * On the Java test server, which keeps no schedules, the worker starts yesterday's run itself and
   * a pause says so.
   */
  @Test
  void withoutSchedulesTheWorkerTriggersTheDayItself() throws Exception {
    Path shared = Path.of(System.getProperty("mevflow.shared"));
    Path golden = shared.resolve("testdata/sourmash");
    try (NcbiStandIn ncbi = new NcbiStandIn(shared.resolve("testdata/ncbi/runinfo-sample.csv"))) {
      LocalDate today = LocalDate.now(ZoneOffset.UTC);
      ncbi.putSearch(genomicQuery(today.minusDays(1)), "SRR", 40_000_001, 2, 20);
      ncbi.putSearch(genomicQuery(today), "SRR", 40_000_001, 2, 20);
      Path fastqDump =
          Launcher.executable(
              dir.resolve("fastq-dump"),
              "zcat '" + golden.resolve("genome-s10-small.fa.gz") + "'\n");
      int apiPort = Launcher.freePort();
      Map<String, String> env = Launcher.devEnv(dir.resolve("home"), apiPort, "test-server");
      env.put("MEVFLOW_EUTILS_URL", ncbi.eutils());
      env.put("MEVFLOW_FASTQ_DUMP", fastqDump.toString());
      env.put("MEVFLOW_DISCOVERY_CHECK_INTERVAL", "1s");
      try (Launcher dev =
          Launcher.start(
              dir.resolve("dev.log"), env, "dev", "--discovery", "--discovery-at", "00:00")) {
        dev.awaitHttp200("http://127.0.0.1:" + apiPort + "/actuator/health");
        assertThat(dev.output()).contains("namespace default (Java test server, in memory");
        String listed = awaitListed(env, "COMPLETED", dev);
        assertThat(listed).contains("discovery-" + today.minusDays(1)).contains("  2 ");
        Launcher.Result jobs = Launcher.run("", env, "jobs", "--kind", "discovery");
        assertThat(jobs.output()).doesNotContain("visibility store").contains("COMPLETED");
        Launcher.Result paused = Launcher.run("", env, "discovery", "pause");
        assertThat(paused.output())
            .contains("in-process trigger paused")
            .contains("keeps no schedules");
        assertThat(Launcher.run("", env, "discovery", "list").output())
            .contains("(in-process trigger paused)");
        dev.stop();
      }
    }
  }

  /** Polls the admin route (bounded) until the run reports it is sketching. */
  private static JsonNode awaitSketching(Http http, String token, String id, Launcher dev)
      throws Exception {
    Instant deadline = Instant.now().plusSeconds(60);
    JsonNode body = null;
    while (Instant.now().isBefore(deadline)) {
      body = http.get("/api/admin/discoveries/", bearer(token)).json();
      for (JsonNode r : body.get("runs")) {
        if (r.get("workflow_id").asText().equals(id)
            && "sketching".equals(r.at("/progress/step").asText())) {
          return r;
        }
      }
      Thread.sleep(200);
    }
    throw new AssertionError(id + " never showed sketching:\n" + body + "\n" + dev.output());
  }

  /** Polls /v1/status (bounded) until the run is computed. */
  private static JsonNode awaitComputed(Http http, String accession, Launcher dev)
      throws Exception {
    Instant deadline = Instant.now().plusSeconds(60);
    JsonNode status = null;
    while (Instant.now().isBefore(deadline)) {
      status = http.get("/v1/status/sra/" + accession, null).json();
      if ("COMPUTED".equals(status.path("status").asText())) {
        return status;
      }
      Thread.sleep(300);
    }
    throw new AssertionError(accession + " not computed:\n" + status + "\n" + dev.output());
  }

  /** Polls {@code ./mevflow discovery list} (bounded) until a run shows the status. */
  private static String awaitListed(Map<String, String> env, String status, Launcher dev)
      throws Exception {
    Instant deadline = Instant.now().plusSeconds(120);
    String out = "";
    while (Instant.now().isBefore(deadline)) {
      out = Launcher.run("", env, "discovery", "list").output();
      if (out.contains(status)) {
        return out;
      }
      Thread.sleep(1000);
    }
    throw new AssertionError("no " + status + " discovery in 120 s:\n" + out + dev.output());
  }
}
