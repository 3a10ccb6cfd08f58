package org.mevflow.core.ncbi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.mevflow.workflows.discovery.SearchHandle;
import org.mevflow.workflows.signatures.RunInfo;

/** Paging a day's SRA search on NCBI's history server, over loopback. */
@Tag("component")
class NcbiSearchTest {
  static final Path RUNINFO =
      Path.of(System.getProperty("mevflow.shared", "../../shared"))
          .resolve("testdata/ncbi/runinfo-sample.csv");

  NcbiStandIn standIn;
  Ncbi ncbi;

  @BeforeEach
  void setUp() throws IOException {
    standIn = new NcbiStandIn(RUNINFO);
    ncbi =
        new Ncbi(HttpClient.newHttpClient(), standIn.eutils(), "test-key", Duration.ofSeconds(10));
  }

  @AfterEach
  void tearDown() {
    standIn.close();
  }

  @Test
  void aDayOfMoreThanTenThousandRunsIsReadWhole() throws IOException {
    List<String> expected = standIn.putSearch("busy day", "SRR", 20_000_000, 23_456, 80);

    SearchHandle search = ncbi.searchSra("busy day");
    List<String> read = new ArrayList<>();
    for (int start = 0; start < search.count(); start += 10_000) {
      ncbi.runInfoPage(search, start, 10_000).forEach(r -> read.add(r.accession()));
    }

    assertThat(search.count()).isEqualTo(23_456);
    assertThat(read).containsExactlyElementsOf(expected);
    List<Map<String, String>> pages =
        standIn.requestsFor("busy day").stream().filter(q -> q.containsKey("WebEnv")).toList();
    assertThat(pages).extracting(q -> q.get("retstart")).containsExactly("0", "10000", "20000");
    assertThat(pages).allSatisfy(q -> assertThat(q.get("api_key")).isEqualTo("test-key"));
  }

  @Test
  void runInfoKeepsSizeAndSourceOfEveryRun() throws IOException {
    standIn.putSearch("day", "ERR", 1_000_001, 3, 1700);
    SearchHandle search = ncbi.searchSra("day");

    List<RunInfo> runs = ncbi.runInfoPage(search, 1, 5);

    assertThat(runs)
        .containsExactly(
            new RunInfo("ERR1000002", true, 1700, "GENOMIC"),
            new RunInfo("ERR1000003", true, 1700, "GENOMIC"));
  }

  @Test
  void anExpiredSearchIsAnErrorNotAnEmptyPage() throws IOException {
    standIn.putSearch("day", "SRR", 30_000_000, 10, 10);
    SearchHandle search = ncbi.searchSra("day");
    standIn.expired.add(search.webEnv());

    assertThatThrownBy(() -> ncbi.runInfoPage(search, 0, 5))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("Unable to obtain query #1");
  }

  @Test
  void aSearchNcbiCannotRunIsAnError() {
    standIn.down = true;
    assertThatThrownBy(() -> ncbi.searchSra("day"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("503");
  }

  @Test
  void runInfoCsvHonoursQuotesAndRepeatedHeaders() throws IOException {
    String header = Files.readAllLines(RUNINFO).get(0);
    String row = Files.readAllLines(RUNINFO).get(1);
    String quoted =
        row.replace("SRR15461028", "SRR15461029")
            .replace("brics_SKLX111515", "\"brics, \"\"lane 2\"\"\"");
    String csv = header + "\r\n" + row + "\r\n\r\n" + header + "\r\n" + quoted + "\r\n";

    List<RunInfo> runs = RunInfoCsv.parse(csv);

    assertThat(runs)
        .containsExactly(
            new RunInfo("SRR15461028", true, 298, "GENOMIC"),
            new RunInfo("SRR15461029", true, 298, "GENOMIC"));
    assertThat(RunInfoCsv.rows(quoted).get(0)).contains("brics, \"lane 2\"");
  }
}
