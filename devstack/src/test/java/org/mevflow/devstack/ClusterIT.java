package org.mevflow.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mevflow.api.testing.Http.basic;
import static org.mevflow.api.testing.Http.bearer;

import com.fasterxml.jackson.databind.JsonNode;
import io.temporal.api.workflowservice.v1.GetClusterInfoRequest;
import io.temporal.api.workflowservice.v1.GetClusterInfoResponse;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mevflow.api.testing.Http;
import org.mevflow.core.ncbi.NcbiStandIn;
import org.mevflow.workflows.TaskQueues;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;

/**
 * {@code ./mevflow cluster}, the production topology on real servers (Debian's PostgreSQL,
 * Temporal's own server and sql tool, its UI server, SeaweedFS, nginx before two API processes,
 * three workers split by queue): Temporal serves on PostgreSQL, a genome sketch and a Cromwell
 * analysis go through nginx and end once; a kill -9 of the Temporal server mid-analysis, then an
 * immediate stop of PostgreSQL, each followed by its restart, and the analysis completes once; an
 * API replica killed under reads costs no read; and Ctrl-C leaves no process behind.
 */
class ClusterIT {
  static final Duration UP_LIMIT = Duration.ofMinutes(5);
  static final Duration JOB_LIMIT = Duration.ofMinutes(4);

  @TempDir Path dir;

  @Test
  void theProductionTopologyServesBothServicesAndAKilledTemporalServerLosesNothing()
      throws Exception {
    Path shared = Path.of(System.getProperty("mevflow.shared"));
    Path golden = shared.resolve("testdata/sourmash");
    try (NcbiStandIn ncbi = new NcbiStandIn(shared.resolve("testdata/ncbi/runinfo-sample.csv"))) {
      ncbi.putAssembly(
          "GCA_000000001.1",
          "ASM1v1",
          "K-12",
          Files.readAllBytes(golden.resolve("genome-s10.fa.gz")));
      int port = Launcher.freePort();
      Path home = dir.resolve("home");
      Map<String, String> env = new HashMap<>();
      env.put("MEVFLOW_HOME", home.toString());
      env.put("MEVFLOW_CLUSTER_PORT", Integer.toString(port));
      env.put(
          "MEVFLOW_CLUSTER_PORTS_FROM",
          Integer.toString(Launcher.freePortBlock(ClusterPorts.COUNT)));
      env.put("MEVFLOW_CROMWELL_SIM_RUN_TIME", "PT20S");
      env.put("MEVFLOW_GENOMES_URL_TEMPLATE", ncbi.base() + "/files/{accession}.fna.gz");
      env.put("MEVFLOW_EUTILS_URL", ncbi.eutils());
      env.put("MEVFLOW_EXAMPLES", System.getProperty("mevflow.examples"));
      // the cluster's own JVMs (two APIs, three workers, the simulator) share two cores too
      env.put("JAVA_TOOL_OPTIONS", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC");
      try (Launcher cluster =
          Launcher.start(dir.resolve("cluster.log"), env, "cluster", "--cromwell-sim")) {
        cluster.awaitOutput("Ctrl-C stops everything.", UP_LIMIT);
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(home.resolve("cluster/cluster.properties"))) {
          p.load(in);
        }
        String target = p.getProperty("temporal.target");

        // Temporal's own server, SERVING, on PostgreSQL (not the dev server's SQLite)
        Process health =
            new ProcessBuilder(
                    TemporalChoice.binary().orElseThrow().toString(),
                    "operator",
                    "cluster",
                    "health",
                    "--address",
                    target)
                .redirectErrorStream(true)
                .start();
        String said = new String(health.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(health.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(said).contains("SERVING");
        WorkflowServiceStubs stubs =
            WorkflowServiceStubs.newServiceStubs(
                WorkflowServiceStubsOptions.newBuilder().setTarget(target).build());
        try {
          GetClusterInfoResponse info =
              stubs.blockingStub().getClusterInfo(GetClusterInfoRequest.getDefaultInstance());
          assertThat(info.getPersistenceStore()).startsWith("postgres");
          assertThat(info.getVisibilityStore()).startsWith("postgres");
        } finally {
          stubs.shutdownNow();
        }

        // every queue is polled by the worker the topology gives it
        Http http = Http.local(port);
        String token = http.post("/v1/auth/tokens", basic("dev", "dev")).body();
        for (String queue : TaskQueues.ALL) {
          Http.Response probe =
              http.get("/v1/admin/workers/" + queue + "/roundtrip", bearer(token));
          assertThat(probe.status()).as(queue + ": " + probe).isEqualTo(200);
        }

        // both services through nginx: a genome sketch and a Cromwell analysis
        assertThat(http.post("/v1/compute/genomes/GCA_000000001.1", bearer(token)).status())
            .isEqualTo(202);
        StackClient webmev = StackClient.devUser(port);
        String wid = webmev.workspace("means");
        String rid = webmev.matrixIn(wid);
        String exec =
            webmev.run(
                webmev.operation("Row means (Cromwell)"), wid, "means", "RowMeans.matrix", rid);

        // the Temporal server killed with -9 while Cromwell runs the job; the cluster restarts it
        String sim = p.getProperty("cromwell.url");
        Instant until = Instant.now().plus(JOB_LIMIT);
        while (StackClient.simStats(sim).get("submits").asInt() == 0) {
          assertThat(Instant.now()).as("the analysis reached Cromwell").isBefore(until);
          Thread.sleep(250);
        }
        long temporalPid = Long.parseLong(p.getProperty("pid.temporal"));
        ProcessHandle.of(temporalPid).orElseThrow().destroyForcibly();
        cluster.awaitOutput("cluster: temporal exited with", Duration.ofSeconds(30));
        // and PostgreSQL stopped as `pg_ctl stop -m immediate` stops it (SIGQUIT: no checkpoint,
        // crash recovery at the next start), under Temporal and mevflow alike
        Supervised.signal(Long.parseLong(p.getProperty("pid.postgres")), "QUIT");
        cluster.awaitOutput("cluster: postgres exited with", Duration.ofSeconds(30));

        JsonNode done = webmev.awaitExecution(exec, JOB_LIMIT);
        assertThat(done.get("status").asText())
            .as(done.toString())
            .isEqualTo("Completed successfully");
        assertThat(done.get("mode").asText()).isEqualToIgnoringCase("cromwell");
        JsonNode rows =
            http.get(
                    "/api/resources/" + done.at("/outputs/RowMeans.means").asText() + "/contents/",
                    webmev.auth)
                .json();
        assertThat(rows.toString()).contains("TP53").contains("5.7");
        JsonNode genome =
            StackClient.anonymous(port).awaitDataset("genomes", "GCA_000000001.1", JOB_LIMIT);
        assertThat(genome.get("status").asText()).as(genome.toString()).isEqualTo("COMPUTED");

        // once: one Cromwell submit, one output resource, one signature object in the store
        JsonNode stats = StackClient.simStats(sim);
        assertThat(stats.get("submits").asInt()).isEqualTo(1);
        assertThat(stats.get("violations")).isEmpty();
        assertThat(webmev.http.get("/api/resources/", webmev.auth).json()).hasSize(1 + 1);
        try (S3Client s3 = s3(p, home)) {
          assertThat(s3.listObjectsV2(b -> b.bucket("wort-genomes")).contents()).hasSize(1);
        }
        assertThat(new Http(p.getProperty("temporal.ui")).get("/", null).status()).isEqualTo(200);

        // one API replica killed with -9 under a stream of reads: nginx sends them to the other
        long api1 = Long.parseLong(p.getProperty("pid.api-1"));
        for (int i = 0; i < 60; i++) {
          if (i == 10) {
            ProcessHandle.of(api1).orElseThrow().destroyForcibly();
          }
          Http.Response read = http.get("/v1/status/genomes/GCA_000000001.1", null);
          assertThat(read.status()).as("read " + i + ": " + read).isEqualTo(200);
        }
        cluster.awaitOutput("cluster: api-1 exited with", Duration.ofSeconds(30));

        // Ctrl-C: everything it started stops
        assertThat(cluster.stop()).isIn(0, 143);
        for (String key : p.stringPropertyNames()) {
          if (key.startsWith("pid.")) {
            long pid = Long.parseLong(p.getProperty(key));
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                .as(key + " still running")
                .isFalse();
          }
        }
        assertThat(home.resolve("cluster/cluster.properties")).doesNotExist();
        // nor any server restarted meanwhile (new pids): nothing runs that names this cluster
        assertThat(processesNaming(home.toString())).isEmpty();
        assertThat(processesNaming(p.getProperty("db.data"))).isEmpty();
        // PostgreSQL's data lives outside the test's folder when run as root: remove it too
        deleteTree(Path.of(p.getProperty("db.data")).getParent());
      }
    }
  }

  /** The pids of running processes whose command line contains {@code text}. */
  private static java.util.List<Long> processesNaming(String text) {
    return ProcessHandle.allProcesses()
        .filter(
            ph -> {
              try {
                byte[] raw =
                    Files.readAllBytes(Path.of("/proc", Long.toString(ph.pid()), "cmdline"));
                return new String(raw, StandardCharsets.UTF_8).replace('\0', ' ').contains(text);
              } catch (java.io.IOException gone) {
                return false;
              }
            })
        .map(ProcessHandle::pid)
        .toList();
  }

  private static void deleteTree(Path root) throws java.io.IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (var paths = Files.walk(root)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  private static S3Client s3(Properties p, Path home) throws java.io.IOException {
    String secret = Files.readString(home.resolve("cluster/secrets/s3-secret-key")).strip();
    return S3Client.builder()
        .endpointOverride(URI.create(p.getProperty("s3.endpoint")))
        .region(Region.US_EAST_1)
        .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("mevflow", secret)))
        .build();
  }
}
