package org.mevflow.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mevflow.api.testing.Http.bearer;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mevflow.api.testing.Http;
import org.mevflow.core.ToolCache;
import org.mevflow.core.ncbi.NcbiStandIn;
import org.mevflow.core.sketch.SignatureJson;

/**
 * wort's clients against {@code ./mevflow dev}: its own scripts ({@code machine/wort-web/submit.py}
 * and {@code submit_genomes.py}, written here as wort has them, with only the server's address and
 * the password they leave undefined filled in; run with pandas and requests from {@code
 * scripts/install-wort-clients}) and a client that reads every answer as wort's Rust CLI does
 * ({@code {"status": String}}, printed). Genome metadata comes from an assembly summary loaded with
 * {@code ./mevflow genomes load}.
 */
class WortClientsDevIT {
  static final Duration LIMIT = Duration.ofSeconds(120);

  @TempDir Path dir;

  /** wort's submit.py, as in its repository (the server and PASSWORD are the caller's). */
  static final String SUBMIT_PY =
      """
      import sys
      import time

      import pandas as pd
      import requests
      from requests.auth import HTTPBasicAuth
      from requests.exceptions import ConnectionError

      filename = sys.argv[1]

      microbial = pd.read_table(filename, sep=',', usecols=["Run"])
      SRA_IDS = microbial["Run"]

      url  ="https://wort.oxli.org"
      # TODO: read PASSWORD from env?

      token = (requests.post(url + '/v1/auth/tokens',
                            auth=HTTPBasicAuth('luizirber', PASSWORD))
                      .text)

      for sra_id in SRA_IDS:
          retry = 3
          while retry:
              try:
                  r = requests.post(f"{url}/v1/compute/sra/{sra_id}",
                          headers={'Authorization': f"Bearer {token}"})
                  if r.status_code == 401:
                      token = (requests.post(url + '/v1/auth/tokens',
                                            auth=HTTPBasicAuth('luizirber', PASSWORD))
                                      .text)
                      r = requests.post(f"{url}/v1/compute/sra/{sra_id}",
                              headers={'Authorization': f"Bearer {token}"})
                  try:
                      if 'Signature already calculated' not in r.json():
                          print(sra_id)
                  except:
                      pass

                  retry = False
              except ConnectionError as e:
                  time.sleep(10)
                  retry -= 1
      """;

  /** wort's submit_genomes.py: the same loop over an assembly summary's accessions. */
  static final String SUBMIT_GENOMES_PY =
      SUBMIT_PY
          .replace(
              "microbial = pd.read_table(filename, sep=',', usecols=[\"Run\"])\nSRA_IDS ="
                  + " microbial[\"Run\"]",
              "genomes = pd.read_table(filename, header=1, usecols=[\"#assembly_accession\"])\n"
                  + "accessions = genomes[\"#assembly_accession\"]")
          .replace("# TODO: read PASSWORD from env?", "# TODO: read PASSWORD from env")
          .replace("for sra_id in SRA_IDS:", "for accession in accessions:")
          .replace("/v1/compute/sra/{sra_id}", "/v1/compute/genomes/{accession}")
          .replace("print(sra_id)", "print(accession)");

  private Launcher.Result python(Path script, Path input) throws Exception {
    Path py = ToolCache.dir().resolve("bin/wort-clients-python");
    assertThat(py).as("scripts/setup installs wort's client environment").isExecutable();
    Process p =
        new ProcessBuilder(py.toString(), script.toString(), input.toString())
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
    return new Launcher.Result(p.exitValue(), out);
  }

  /** A script as wort has it, pointed at this server, with the password it expects defined. */
  private Path script(String name, String text, int port) throws Exception {
    assertThat(text).contains("url  =\"https://wort.oxli.org\"");
    String local =
        "PASSWORD = 'luiz-password'\n"
            + text.replace(
                "url  =\"https://wort.oxli.org\"", "url  =\"http://127.0.0.1:" + port + "\"");
    return Files.writeString(dir.resolve(name), local);
  }

  /** What wort's Rust CLI prints for an answer: its status member, which must be a string. */
  static String cliStatus(HttpResponse<String> response) throws Exception {
    JsonNode body = new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.body());
    assertThat(body.get("status"))
        .as("wort's CLI reads {\"status\": String}: " + response.body())
        .isNotNull();
    assertThat(body.get("status").isTextual()).as(response.body()).isTrue();
    return body.get("status").asText();
  }

  @Test
  void wortsScriptsAndItsCliSeeWhatWortAnswers() throws Exception {
    Path shared = Path.of(System.getProperty("mevflow.shared"));
    Path golden = shared.resolve("testdata/sourmash");
    Path sample = shared.resolve("testdata/ncbi/assembly_summary-sample.txt");
    try (NcbiStandIn ncbi = new NcbiStandIn(shared.resolve("testdata/ncbi/runinfo-sample.csv"))) {
      ncbi.runSizes.put("SRR0000011", 20L);
      ncbi.runSizes.put("SRR0000012", 30L);
      byte[] genome = Files.readAllBytes(golden.resolve("genome-s10.fa.gz"));
      ncbi.files.put("GCA_016787465.1.fna.gz", genome);
      ncbi.files.put("GCA_000000021.1.fna.gz", genome);
      Path fastqDump =
          Launcher.executable(
              dir.resolve("fastq-dump"), "zcat '" + golden.resolve("genome-s11.fa.gz") + "'\n");
      // the summary mevflow loads: the recorded NCBI row and one more in its shape
      List<String> lines = Files.readAllLines(sample);
      String row = lines.get(2);
      String second =
          row.replace("GCA_016787465.1", "GCA_000000021.1")
              .replace("Saprospiraceae bacterium", "Escherichia coli")
              .replace("\tna\tnew MAG-360", "\tstrain=K-12\tnew MAG-360");
      Path loaded =
          Files.write(
              dir.resolve("assembly_summary_genbank.txt"),
              List.of(lines.get(0), lines.get(1), row, second));
      // the list the script walks has one more, which neither the summary nor NCBI knows
      String unknown = row.replace("GCA_016787465.1", "GCA_000000099.1");
      Path walked =
          Files.write(
              dir.resolve("genomes-to-compute.txt"),
              List.of(lines.get(0), lines.get(1), row, second, unknown));
      Path runs =
          Files.writeString(dir.resolve("runs.csv"), "Run,size_MB\nSRR0000011,20\nSRR0000012,30\n");

      int apiPort = Launcher.freePort();
      Path home = dir.resolve("home");
      Map<String, String> env = new HashMap<>();
      env.put("MEVFLOW_HOME", home.toString());
      env.put("SERVER_PORT", Integer.toString(apiPort));
      env.put("MEVFLOW_TEMPORAL_PORT", Integer.toString(Launcher.freePort()));
      env.put("MEVFLOW_GENOMES_URL_TEMPLATE", ncbi.base() + "/files/{accession}.fna.gz");
      env.put("MEVFLOW_EUTILS_URL", ncbi.eutils());
      env.put("MEVFLOW_FASTQ_DUMP", fastqDump.toString());
      try (Launcher dev = Launcher.start(dir.resolve("dev.log"), env, "dev")) {
        dev.awaitHttp200("http://127.0.0.1:" + apiPort + "/actuator/health");
        Map<String, String> cli = Map.of("MEVFLOW_HOME", home.toString());
        Launcher.Result user = Launcher.run("luiz-password\n", cli, "users", "create", "luizirber");
        assertThat(user.exitCode()).as(user.output()).isZero();
        Launcher.Result load = Launcher.run("", cli, "genomes", "load", loaded.toString());
        assertThat(load.exitCode()).as(load.output()).isZero();
        assertThat(load.output()).contains("loaded 2 assemblies");

        // wort's scripts, unchanged but for the server and the password
        Launcher.Result sra = python(script("submit.py", SUBMIT_PY, apiPort), runs);
        assertThat(sra.exitCode()).as(sra.output()).isZero();
        assertThat(sra.output()).contains("SRR0000011").contains("SRR0000012");
        Launcher.Result genomes =
            python(script("submit_genomes.py", SUBMIT_GENOMES_PY, apiPort), walked);
        assertThat(genomes.exitCode()).as(genomes.output()).isZero();
        assertThat(genomes.output()).contains("GCA_016787465.1").contains("GCA_000000099.1");

        StackClient anyone = StackClient.anonymous(apiPort);
        for (String run : List.of("SRR0000011", "SRR0000012")) {
          assertThat(anyone.awaitDataset("sra", run, LIMIT).get("status").asText())
              .isEqualTo("COMPUTED");
        }
        assertThat(anyone.awaitDataset("genomes", "GCA_016787465.1", LIMIT).get("status").asText())
            .isEqualTo("COMPUTED");
        assertThat(anyone.awaitDataset("genomes", "GCA_000000021.1", LIMIT).get("status").asText())
            .isEqualTo("COMPUTED");
        // the one without metadata got wort's 404 and left nothing behind
        Http http = Http.local(apiPort);
        assertThat(http.get("/v1/status/genomes/GCA_000000099.1", null).status()).isEqualTo(404);
        // genome signatures are named from the summary, as wort names them
        assertThat(signatureName(apiPort, "GCA_016787465.1"))
            .isEqualTo("GCA_016787465.1 Saprospiraceae bacterium na, ASM1678746v1");
        assertThat(signatureName(apiPort, "GCA_000000021.1"))
            .isEqualTo("GCA_000000021.1 Escherichia coli strain=K-12, ASM1678746v1");

        // what wort's Rust CLI prints for each of its calls
        String token =
            http.post("/v1/auth/tokens", Http.basic("luizirber", "luiz-password")).body();
        HttpClient client = HttpClient.newHttpClient();
        String base = "http://127.0.0.1:" + apiPort + "/v1";
        List<String> printed = new ArrayList<>();
        for (String path :
            List.of(
                "/compute/sra/SRR0000011",
                "/compute/sra/SRR0000013",
                "/compute/genomes/GCA_000000099.1",
                "/compute/sra/SRR12")) {
          ncbi.runSizes.put("SRR0000013", 10L);
          printed.add(
              cliStatus(
                  client.send(
                      HttpRequest.newBuilder(URI.create(base + path))
                          .header("Authorization", "Bearer " + token)
                          .POST(HttpRequest.BodyPublishers.noBody())
                          .build(),
                      HttpResponse.BodyHandlers.ofString())));
        }
        printed.add(
            cliStatus(
                client.send(
                    HttpRequest.newBuilder(URI.create(base + "/compute/sra/SRR0000011"))
                        .header("Authorization", "Bearer not-a-token")
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                    HttpResponse.BodyHandlers.ofString())));
        String boundary = "b0undary";
        printed.add(
            cliStatus(
                client.send(
                    HttpRequest.newBuilder(URI.create(base + "/submit/sra/SRR0000012"))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .POST(
                            HttpRequest.BodyPublishers.ofString(
                                "--"
                                    + boundary
                                    + "\r\nContent-Disposition: form-data; name=\"file\";"
                                    + " filename=\"x.sig\"\r\n\r\nnot a signature\r\n--"
                                    + boundary
                                    + "--\r\n"))
                        .build(),
                    HttpResponse.BodyHandlers.ofString())));
        assertThat(printed.get(0)).isEqualTo("Signature already calculated");
        assertThat(printed.get(1)).isEqualTo("Submitted");
        assertThat(printed.get(2)).isEqualTo("Metadata not available");
        assertThat(printed.get(3)).contains("not a valid SRA run accession");
        assertThat(printed.get(4)).isNotBlank();
        assertThat(printed.get(5)).isNotBlank().doesNotContain("Exception");
        assertThat(bearer(token)).startsWith("Bearer ");
        dev.stop();
      }
    }
  }

  private static String signatureName(int port, String accession) throws Exception {
    HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.ALWAYS).build();
    HttpResponse<byte[]> sig =
        client.send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/v1/view/genomes/" + accession))
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(sig.statusCode()).isEqualTo(200);
    return SignatureJson.read(new GZIPInputStream(new ByteArrayInputStream(sig.body())))
        .get(0)
        .name();
  }
}
