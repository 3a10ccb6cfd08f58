package org.mevflow.activities.signatures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.client.schedules.ScheduleClient;
import io.temporal.common.SearchAttributeKey;
import io.temporal.common.SearchAttributes;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.mevflow.activities.discovery.DiscoveryActivitiesImpl;
import org.mevflow.activities.testing.Histories;
import org.mevflow.core.ncbi.Ncbi;
import org.mevflow.db.jooq.tables.records.DiscoveryRunsRecord;
import org.mevflow.db.type.DatasetStatus;
import org.mevflow.db.type.DiscoveryStatus;
import org.mevflow.db.type.PublicDb;
import org.mevflow.workflows.discovery.DiscoveryCounts;
import org.mevflow.workflows.discovery.DiscoveryPage;
import org.mevflow.workflows.discovery.DiscoveryQuery;
import org.mevflow.workflows.discovery.DiscoveryRequest;
import org.mevflow.workflows.discovery.DiscoverySchedule;
import org.mevflow.workflows.discovery.DiscoverySummary;
import org.mevflow.workflows.discovery.DiscoveryWorkflow;
import org.mevflow.workflows.discovery.SearchHandle;

/**
 * Daily discovery end to end: NCBI's searches served over loopback, the real sketch workflows as
 * children (fastq-dump scripted, sketches real), PostgreSQL (see {@link SignatureWorkflowFixture}).
 */
class DiscoveryWorkflowTest extends SignatureWorkflowFixture {
  static final LocalDate DAY = LocalDate.of(2026, 11, 24);

  /** wort's three queries for a day, as the shared NCBI notes give them (not as our code does). */
  static Map<String, String> wortQueries(LocalDate day) throws IOException {
    String notes =
        Files.readString(
            Path.of(System.getProperty("mevflow.shared", "../../shared"))
                .resolve("testdata/ncbi/README.md"));
    Matcher m =
        Pattern.compile("^- (genomic|metagenomic|metatranscriptomic): `(.*)`$", Pattern.MULTILINE)
            .matcher(notes);
    Map<String, String> queries = new LinkedHashMap<>();
    while (m.find()) {
      queries.put(m.group(1), m.group(2).replace("YYYY/MM/DD", day.toString().replace('-', '/')));
    }
    assertThat(queries).hasSize(3);
    return queries;
  }

  /** fastq-dump that logs when it starts and ends, sleeping in between; SRR…3 is not in SRA. */
  String loggingFastqDump(String missing) {
    Path log = dir.resolve("sketches.log");
    return "echo \"start $acc\" >> '"
        + log
        + "'; sleep 0.5; echo \"end $acc\" >> '"
        + log
        + "'; if [ \"$acc\" = '"
        + missing
        + "' ]; then echo 'item not found' >&2; exit 3; fi; "
        + fasta("genome-s10-small.fa.gz");
  }

  /** The most fastq-dumps that ran at once, and how many ran, from their log. */
  int[] overlap() throws IOException {
    int now = 0;
    int most = 0;
    int runs = 0;
    Path log = dir.resolve("sketches.log");
    for (String line : Files.exists(log) ? Files.readAllLines(log) : List.<String>of()) {
      if (line.startsWith("start ")) {
        most = Math.max(most, ++now);
        runs++;
      } else {
        now--;
      }
    }
    return new int[] {most, runs};
  }

  DiscoverySummary discover(DiscoveryRequest request, String workflowId) {
    DiscoveryWorkflow workflow =
        env.getWorkflowClient()
            .newWorkflowStub(
                DiscoveryWorkflow.class,
                request.startOptions(
                    workflowId, WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE));
    return workflow.discover(request);
  }

  DiscoveryRunsRecord lastRun() {
    return discoveries.recent(1).get(0);
  }

  @Test
  void aDaysNewRunsAreRecordedAndSketchedAtMostConcurrencyAtATime() throws IOException {
    Map<String, String> wort = wortQueries(DAY);
    List<String> genomic = ncbi.putSearch(wort.get("genomic"), "SRR", 30_000_001, 5, 100);
    List<String> metagenomic = ncbi.putSearch(wort.get("metagenomic"), "ERR", 4_000_001, 2, 2000);
    // asked for by a user before discovery found it: left to that request
    datasets.ensure(PublicDb.SRA, genomic.get(1));
    workers(loggingFastqDump("SRR30000003"), null);
    String id = DiscoveryRequest.workflowId(DAY);

    DiscoverySummary summary;
    try {
      summary = discover(DiscoveryRequest.of(DAY, ZoneOffset.UTC, 2, 2), id);
    } finally {
      Histories.record(env.getWorkflowClient(), id, "discovery-completed");
    }

    // 5 + 2 runs in 3 + 1 pages of 2; all but the known one new; one of those not in SRA
    assertThat(summary.day()).isEqualTo("2026-11-24");
    assertThat(summary.counts()).isEqualTo(new DiscoveryCounts(7, 4, 6, 5, 1, 0, 0));
    assertThat(summary.inserted()).isEqualTo(6);
    DiscoveryRunsRecord row = lastRun();
    assertThat(row.getStatus()).isEqualTo(DiscoveryStatus.COMPLETED);
    assertThat(row.getDay()).isEqualTo(DAY);
    assertThat(row.getWorkflowId()).isEqualTo("discovery-2026-11-24");
    assertThat(List.of(row.getFound(), row.getPages(), row.getInserted(), row.getStarted()))
        .containsExactly(7, 4, 6, 6);
    assertThat(List.of(row.getComputed(), row.getMissing(), row.getFailed()))
        .containsExactly(5, 1, 0);
    assertThat(row.getFinishedAt()).isNotNull();

    for (String accession : List.of("SRR30000001", "SRR30000004", "SRR30000005")) {
      assertThat(row(PublicDb.SRA, accession).getStatus()).isEqualTo(DatasetStatus.COMPUTED);
      assertThat(stored("wort-sra", accession).name()).isEqualTo(accession);
    }
    assertThat(row(PublicDb.SRA, "ERR4000002").getTaskQueue()).isEqualTo("sketch-large");
    assertThat(row(PublicDb.SRA, "SRR30000003").getStatus()).isEqualTo(DatasetStatus.MISSING);
    assertThat(row(PublicDb.SRA, genomic.get(1)).getStatus()).isEqualTo(DatasetStatus.QUEUED);
    assertThat(row(PublicDb.SRA, genomic.get(1)).getDiscoveredOn()).isNull();
    assertThat(row(PublicDb.SRA, metagenomic.get(0)).getDiscoveredOn()).isEqualTo(DAY);

    int[] overlap = overlap();
    assertThat(overlap[1]).isEqualTo(6);
    assertThat(overlap[0]).as("sketches at once").isEqualTo(2);

    // wort's three searches, exactly, each kept on the history server and read in pages
    for (String term : wort.values()) {
      assertThat(ncbi.requestsFor(term))
          .filteredOn(q -> q.get("eutil").equals("esearch.fcgi"))
          .singleElement()
          .satisfies(
              q -> {
                assertThat(q.get("db")).isEqualTo("sra");
                assertThat(q.get("usehistory")).isEqualTo("y");
              });
    }
    assertThat(ncbi.requestsFor(wort.get("genomic")))
        .filteredOn(q -> q.get("eutil").equals("efetch.fcgi"))
        .extracting(q -> q.get("retstart") + "+" + q.get("retmax"))
        .containsExactly("0+2", "2+2", "4+2");
    // what the Web UI shows on each NCBI call
    assertThat(activitySummaries(id))
        .contains(
            "esearch SRA: metatranscriptomic runs published 2026-11-24 on",
            "runinfo of records 0-1 of 5 (genomic, 2026-11-24)",
            "runinfo of records 4-4 of 5 (genomic, 2026-11-24)",
            "runinfo of records 0-1 of 2 (metagenomic, 2026-11-24)");
    assertThat(activitySummaries("sketch-sra-ERR4000002"))
        .containsExactly("fastq-dump and sketch ERR4000002 (2000 MB)");
  }

  @Test
  void aScheduledRunSearchesTheDayBeforeItWasDue() throws IOException {
    env.registerSearchAttribute(
        "TemporalScheduledStartTime", IndexedValueType.INDEXED_VALUE_TYPE_DATETIME);
    Map<String, String> wort = wortQueries(DAY);
    ncbi.putSearch(wort.get("metatranscriptomic"), "DRR", 5_000_001, 1, 10);
    workers(fasta("genome-s10-small.fa.gz"), null);
    DiscoveryRequest request = DiscoveryRequest.of(null, ZoneId.of("America/New_York"), 4, 100);
    // due at 04:00 UTC on the 25th, which is still the 24th in New York: the day before is the 23rd
    OffsetDateTime due = OffsetDateTime.of(2026, 11, 25, 4, 0, 0, 0, ZoneOffset.UTC);
    WorkflowOptions options =
        WorkflowOptions.newBuilder(
                request.startOptions(
                    "discovery-2026-11-25T04:00:00Z",
                    WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE))
            .setTypedSearchAttributes(
                SearchAttributes.newBuilder(
                        request.startOptions("x", null).getTypedSearchAttributes())
                    .set(SearchAttributeKey.forOffsetDateTime("TemporalScheduledStartTime"), due)
                    .build())
            .build();

    DiscoverySummary summary =
        env.getWorkflowClient().newWorkflowStub(DiscoveryWorkflow.class, options).discover(request);

    assertThat(summary.day()).isEqualTo("2026-11-23");
    assertThat(summary.counts().found()).isZero();
    assertThat(ncbi.requestsFor(wortQueries(LocalDate.of(2026, 11, 23)).get("genomic")))
        .isNotEmpty();
    assertThat(ncbi.requestsFor(wort.get("metatranscriptomic"))).isEmpty();
  }

  @Test
  void aLongDayContinuesAsNewWithoutLosingCountOrBound() throws IOException {
    Map<String, String> wort = wortQueries(DAY);
    ncbi.putSearch(wort.get("genomic"), "SRR", 31_000_001, 24, 50);
    workers(loggingFastqDump("none"), null);
    String id = DiscoveryRequest.workflowId(DAY);
    DiscoveryRequest request = DiscoveryRequest.of(DAY, ZoneOffset.UTC, 3, 5).withEventsPerRun(60);
    DiscoveryWorkflow workflow =
        env.getWorkflowClient()
            .newWorkflowStub(
                DiscoveryWorkflow.class,
                request.startOptions(
                    id, WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE));

    WorkflowExecution first = WorkflowClient.start(workflow::discover, request);
    DiscoverySummary summary =
        env.getWorkflowClient().newUntypedWorkflowStub(id).getResult(DiscoverySummary.class);

    assertThat(summary.counts()).isEqualTo(new DiscoveryCounts(24, 5, 24, 24, 0, 0, 0));
    assertThat(lastRun().getComputed()).isEqualTo(24);
    assertThat(discoveries.recent(10)).hasSize(1);
    var firstRun = env.getWorkflowClient().fetchHistory(id, first.getRunId());
    assertThat(firstRun.getLastEvent().getEventType())
        .isEqualTo(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW);
    int[] overlap = overlap();
    assertThat(overlap[1]).isEqualTo(24);
    assertThat(overlap[0]).isBetween(2, 3);
  }

  @Test
  void ncbiDownIsRecordedAsAFailedRunWithItsReason() throws IOException {
    ncbi.down = true;
    workers(fasta("genome-s10-small.fa.gz"), null);
    String id = DiscoveryRequest.workflowId(DAY);

    try {
      assertThatThrownBy(() -> discover(DiscoveryRequest.of(DAY, ZoneOffset.UTC, 2, 100), id))
          .isInstanceOf(WorkflowFailedException.class)
          .cause()
          .isInstanceOf(ApplicationFailure.class)
          .hasMessageContaining("503");
    } finally {
      Histories.record(env.getWorkflowClient(), id, "discovery-failed");
    }
    DiscoveryRunsRecord row = lastRun();
    assertThat(row.getStatus()).isEqualTo(DiscoveryStatus.FAILED);
    assertThat(row.getLastError()).contains("NCBI answered 503");
    // the policy's attempts, not one and not forever
    assertThat(ncbi.requests).hasSize(12);
  }

  @Test
  void cancellingStopsNewSketchesLetsStartedOnesFinishAndRecordsTheEnd() throws Exception {
    Map<String, String> wort = wortQueries(DAY);
    List<String> runs = ncbi.putSearch(wort.get("genomic"), "SRR", 32_000_001, 4, 50);
    workers(loggingFastqDump("none"), null);
    String id = DiscoveryRequest.workflowId(DAY);
    DiscoveryRequest request = DiscoveryRequest.of(DAY, ZoneOffset.UTC, 1, 100);
    WorkflowClient.start(
        env.getWorkflowClient()
                .newWorkflowStub(
                    DiscoveryWorkflow.class,
                    request.startOptions(
                        id, WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE))
            ::discover,
        request);
    Path log = dir.resolve("sketches.log");
    for (int i = 0; i < 200 && !Files.exists(log); i++) {
      Thread.sleep(50);
    }
    WorkflowStub stub = env.getWorkflowClient().newUntypedWorkflowStub(id);

    stub.cancel();

    try {
      assertThatThrownBy(() -> stub.getResult(DiscoverySummary.class))
          .isInstanceOf(WorkflowFailedException.class)
          .hasCauseInstanceOf(CanceledFailure.class);
    } finally {
      Histories.record(env.getWorkflowClient(), id, "discovery-cancelled");
    }
    // the started sketch carries on to its end
    env.getWorkflowClient()
        .newUntypedWorkflowStub("sketch-sra-" + runs.get(0))
        .getResult(Object.class);
    assertThat(row(PublicDb.SRA, runs.get(0)).getStatus()).isEqualTo(DatasetStatus.COMPUTED);
    for (String later : runs.subList(1, runs.size())) {
      assertThat(row(PublicDb.SRA, later).getWorkflowId()).isNull();
      assertThat(row(PublicDb.SRA, later).getStatus()).isEqualTo(DatasetStatus.QUEUED);
    }
    DiscoveryRunsRecord row = lastRun();
    assertThat(row.getStatus()).isEqualTo(DiscoveryStatus.FAILED);
    assertThat(row.getLastError()).isEqualTo("cancelled");
    assertThat(row.getStarted()).isEqualTo(1);
  }

  @Test
  void aRerunOfTheDaySketchesWhatTheFailedRunLeft() throws IOException {
    Map<String, String> wort = wortQueries(DAY);
    List<String> runs = ncbi.putSearch(wort.get("metagenomic"), "SRR", 33_000_001, 3, 50);
    workers(fasta("genome-s10-small.fa.gz"), null);
    // an earlier run found the day's runs, then died before sketching them
    discoveries.insertRuns(DAY, runs);
    String id = DiscoveryRequest.workflowId(DAY);

    DiscoverySummary summary = discover(DiscoveryRequest.of(DAY, ZoneOffset.UTC, 2, 100), id);

    assertThat(summary.counts().found()).isEqualTo(3);
    assertThat(summary.counts().started()).isEqualTo(3);
    assertThat(summary.inserted()).isEqualTo(3);
    for (String accession : runs) {
      assertThat(row(PublicDb.SRA, accession).getStatus()).isEqualTo(DatasetStatus.COMPUTED);
    }
  }

  @Test
  void anExpiredSearchIsSearchedAgainAndThePageRead() throws IOException {
    Map<String, String> wort = wortQueries(DAY);
    List<String> runs = ncbi.putSearch(wort.get("genomic"), "SRR", 34_000_001, 6, 50);
    Ncbi eutils =
        new Ncbi(
            java.net.http.HttpClient.newHttpClient(), ncbi.eutils(), null, Duration.ofSeconds(5));
    DiscoveryActivitiesImpl activities = new DiscoveryActivitiesImpl(eutils, discoveries);
    SearchHandle first = activities.search(DiscoveryQuery.GENOMIC, DAY.toString());
    ncbi.expired.add(first.webEnv());

    DiscoveryPage page = activities.fetchPage(DiscoveryQuery.GENOMIC, DAY.toString(), first, 2, 3);

    assertThat(page.runs()).isEqualTo(3);
    assertThat(page.search().webEnv()).isNotEqualTo(first.webEnv());
    assertThat(page.search().count()).isEqualTo(6);
    List<String> found = new ArrayList<>();
    discoveries.pending(DAY, 0, 10).forEach(p -> found.add(p.accession()));
    assertThat(found).containsExactlyElementsOf(runs.subList(2, 5));
  }

  @Test
  void theEmbeddedServerHasNoSchedulesAndSaysSo() {
    ScheduleClient schedules = ScheduleClient.newInstance(env.getWorkflowServiceStubs());
    DiscoverySchedule.Settings settings =
        new DiscoverySchedule.Settings(LocalTime.of(4, 0), ZoneOffset.UTC, 10, 5000);

    assertThat(DiscoverySchedule.ensure(schedules, settings))
        .isEqualTo(DiscoverySchedule.Support.UNSUPPORTED);
    assertThat(DiscoverySchedule.pause(schedules, true, "maintenance"))
        .isEqualTo(DiscoverySchedule.Support.UNSUPPORTED);
  }

  @Test
  void theDailyRunRefreshesTheGenomeListAndCarriesOnWhenItCannot() throws IOException {
    Path sample =
        Path.of(System.getProperty("mevflow.shared", "../../shared"))
            .resolve("testdata/ncbi/assembly_summary-sample.txt");
    List<String> rows =
        Files.readAllLines(sample).stream()
            .filter(l -> !l.startsWith("#") && !l.isBlank())
            .toList();
    String accession = rows.get(0).split("\t")[0];
    java.io.ByteArrayOutputStream gz = new java.io.ByteArrayOutputStream();
    try (var out = new java.util.zip.GZIPOutputStream(gz)) {
      out.write(Files.readAllBytes(sample));
    }
    ncbi.files.put("assembly_summary_genbank.txt.gz", gz.toByteArray());
    assemblySummaryUrl = ncbi.base() + "/files/assembly_summary_genbank.txt.gz";
    Map<String, String> wort = wortQueries(DAY);
    ncbi.putSearch(wort.get("genomic"), "SRR", 30_000_001, 1, 100);
    workers(fasta("genome-s10-small.fa.gz"), null);

    DiscoverySummary summary =
        discover(
            DiscoveryRequest.of(DAY, ZoneOffset.UTC, 2, 100), DiscoveryRequest.workflowId(DAY));

    assertThat(summary.genomeList())
        .isEqualTo("read " + rows.size() + " assemblies from " + assemblySummaryUrl + " (1 known)");
    var stored = genomes.find(accession).orElseThrow();
    assertThat(stored.getOrganismName()).isEqualTo(rows.get(0).split("\t")[7]);
    assertThat(stored.getSource()).isEqualTo("SUMMARY");
    assertThat(lastRun().getStatus()).isEqualTo(DiscoveryStatus.COMPLETED);

    // NCBI moved the file: the list stays as it was, the day's discovery goes on
    ncbi.files.remove("assembly_summary_genbank.txt.gz");
    LocalDate next = DAY.plusDays(1);
    ncbi.putSearch(wortQueries(next).get("genomic"), "SRR", 30_000_101, 1, 100);
    DiscoverySummary after =
        discover(
            DiscoveryRequest.of(next, ZoneOffset.UTC, 2, 100), DiscoveryRequest.workflowId(next));
    assertThat(after.genomeList())
        .startsWith("not refreshed: the assembly summary at " + assemblySummaryUrl)
        .contains("HTTP 404");
    assertThat(after.inserted()).isEqualTo(1);
    assertThat(lastRun().getStatus()).isEqualTo(DiscoveryStatus.COMPLETED);
    assertThat(genomes.find(accession)).isPresent();
  }

  @Test
  void withoutAnAddressTheGenomeListIsLeftAlone() throws IOException {
    workers(fasta("genome-s10-small.fa.gz"), null);
    DiscoverySummary summary =
        discover(
            DiscoveryRequest.of(DAY, ZoneOffset.UTC, 2, 100), DiscoveryRequest.workflowId(DAY));
    assertThat(summary.genomeList()).isEqualTo("not configured");
    assertThat(genomes.count()).isZero();
  }
}
