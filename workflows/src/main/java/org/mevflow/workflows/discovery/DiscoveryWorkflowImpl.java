package org.mevflow.workflows.discovery;

import io.temporal.activity.ActivityOptions;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.common.RetryOptions;
import io.temporal.common.SearchAttributeKey;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.ChildWorkflowFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.mevflow.workflows.Failures;
import org.mevflow.workflows.RecordOptions;
import org.mevflow.workflows.Summarized;
import org.mevflow.workflows.operators.Search;
import org.mevflow.workflows.signatures.SketchOutcome;
import org.mevflow.workflows.signatures.SketchRequest;
import org.mevflow.workflows.signatures.SketchWorkflow;

public class DiscoveryWorkflowImpl implements DiscoveryWorkflow {
  /** NCBI look-ups: a page of runinfo may take minutes; NCBI has bad hours, so keep trying. */
  private static final ActivityOptions NCBI =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofMinutes(5))
          .setScheduleToCloseTimeout(Duration.ofHours(6))
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(Duration.ofSeconds(10))
                  .setBackoffCoefficient(2)
                  .setMaximumInterval(Duration.ofMinutes(10))
                  .setMaximumAttempts(12)
                  .build())
          .build();

  /** Set by a Temporal Schedule on the runs it starts: the time the run was due. */
  static final SearchAttributeKey<OffsetDateTime> SCHEDULED_START =
      SearchAttributeKey.forOffsetDateTime("TemporalScheduledStartTime");

  /** Datasets read from the database at a time (the sketch loop's page). */
  static final int BATCH = 200;

  private static final DiscoveryQuery[] QUERIES = DiscoveryQuery.values();

  private final DiscoveryActivities records =
      Workflow.newActivityStub(DiscoveryActivities.class, RecordOptions.RECORDS);

  /**
   * Re-reading NCBI's assembly summary (hundreds of MB): a heartbeat per batch of rows, a few
   * attempts; a failure leaves yesterday's list and does not stop the day's discovery.
   */
  private static final ActivityOptions GENOME_LIST =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofHours(3))
          .setHeartbeatTimeout(Duration.ofMinutes(2))
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(Duration.ofMinutes(1))
                  .setBackoffCoefficient(4)
                  .setMaximumInterval(Duration.ofMinutes(30))
                  .setMaximumAttempts(3)
                  .setDoNotRetry(GenomeListActivities.MALFORMED)
                  .build())
          .build();

  private final GenomeListActivities genomeList =
      Summarized.stub(GenomeListActivities.class, GENOME_LIST, "refresh the genome list");

  private String genomeListOutcome;

  private DiscoveryProgress progress = DiscoveryProgress.starting();
  private DiscoveryCounts counts = DiscoveryCounts.NONE;
  private int inFlight;

  @Override
  public DiscoverySummary discover(DiscoveryRequest request) {
    LocalDate day = day(request);
    String d = day.toString();
    DiscoveryCursor cursor =
        request.cursor() != null
            ? request.cursor()
            : new DiscoveryCursor(records.begin(d), 0, 0, 0, DiscoveryCounts.NONE);
    counts = cursor.counts();
    progress = progress.on(d, counts);
    try {
      // once a day (not again in a continued run), where the change is in the history
      if (request.cursor() == null
          && Workflow.getVersion("genome-list", Workflow.DEFAULT_VERSION, 1) == 1) {
        refreshGenomeList();
      }
      search(request, day, cursor);
      sketchAll(request, day, cursor);
      show("finishing", null, 0, 0, request.concurrency());
      Workflow.await(() -> inFlight == 0);
      int inserted = records.finish(cursor.runRow(), counts, false, null);
      show("done", null, 0, 0, request.concurrency());
      Search.status("COMPLETED");
      return new DiscoverySummary(d, counts, inserted, genomeListOutcome);
    } catch (ActivityFailure failure) {
      if (failure.getCause() instanceof CanceledFailure) {
        cancelled(cursor.runRow());
        throw failure;
      }
      String reason = Failures.reason(failure);
      progress = withError("failed", reason);
      records.finish(cursor.runRow(), counts, true, reason);
      Search.status("FAILED");
      throw ApplicationFailure.newNonRetryableFailure(reason, "DiscoveryFailed");
    } catch (CanceledFailure cancelled) {
      cancelled(cursor.runRow());
      throw cancelled;
    }
  }

  /** Refreshes the genome list when one is configured; its failure is noted, not fatal. */
  private void refreshGenomeList() {
    show("refreshing the genome list", null, 0, 0, 0);
    try {
      GenomeListRefresh refreshed = genomeList.refreshGenomeList();
      genomeListOutcome = refreshed == null ? "not configured" : refreshed.describe();
    } catch (ActivityFailure failure) {
      if (failure.getCause() instanceof CanceledFailure) {
        throw failure;
      }
      genomeListOutcome = "not refreshed: " + Failures.reason(failure);
      progress = withError("searching", "genome list " + genomeListOutcome);
    }
  }

  /** Reads every page of the day's three searches, recording their runs as datasets. */
  private void search(DiscoveryRequest request, LocalDate day, DiscoveryCursor cursor) {
    String d = day.toString();
    Search.status("SEARCHING");
    for (int q = cursor.query(); q < QUERIES.length; q++) {
      DiscoveryQuery query = QUERIES[q];
      int retstart = q == cursor.query() ? cursor.retstart() : 0;
      SearchHandle search =
          Summarized.stub(DiscoveryActivities.class, NCBI, "esearch SRA: " + searched(query, d))
              .search(query, d);
      while (retstart < search.count()) {
        show("searching", query, retstart, search.count(), request.concurrency());
        int last = Math.min(retstart + request.pageSize(), search.count()) - 1;
        String summary = "runinfo of records " + retstart + "-" + last + " of " + search.count();
        DiscoveryPage page =
            Summarized.stub(
                    DiscoveryActivities.class,
                    NCBI,
                    summary + " (" + query.name().toLowerCase() + ", " + d + ")")
                .fetchPage(query, d, search, retstart, request.pageSize());
        search = page.search();
        counts = counts.plusPage(page.runs());
        retstart += request.pageSize();
        if (historyFull(request)) {
          records.progress(cursor.runRow(), counts);
          continueAsNew(request, day, new DiscoveryCursor(cursor.runRow(), q, retstart, 0, counts));
        }
      }
    }
    records.progress(cursor.runRow(), counts);
  }

  private static String searched(DiscoveryQuery query, String day) {
    return query.name().toLowerCase() + " runs published " + day + " on";
  }

  /** Sketches the day's datasets no workflow has taken, at most the limit at once. */
  private void sketchAll(DiscoveryRequest request, LocalDate day, DiscoveryCursor cursor) {
    Search.status("SKETCHING");
    long afterId = cursor.afterId();
    List<PendingDataset> batch;
    while (!(batch = records.pending(day.toString(), afterId, BATCH)).isEmpty()) {
      for (PendingDataset dataset : batch) {
        show("sketching", null, 0, 0, request.concurrency());
        Workflow.await(() -> inFlight < request.concurrency());
        sketch(dataset.accession());
        afterId = dataset.id();
      }
      records.progress(cursor.runRow(), counts);
      if (historyFull(request)) {
        // the sketches in flight belong to this run: they end here before it continues
        Workflow.await(() -> inFlight == 0);
        records.progress(cursor.runRow(), counts);
        continueAsNew(
            request, day, new DiscoveryCursor(cursor.runRow(), QUERIES.length, 0, afterId, counts));
      }
    }
  }

  /** Records the end even though this run is cancelled; started sketches carry on. */
  private void cancelled(long runRow) {
    progress = withError("cancelled", "cancelled");
    Workflow.newDetachedCancellationScope(() -> records.finish(runRow, counts, true, "cancelled"))
        .run();
    Search.status("CANCELLED");
  }

  /** Starts the dataset's sketch workflow as a child; its end is counted when it comes. */
  private void sketch(String accession) {
    SketchRequest request = new SketchRequest(SketchRequest.SRA, accession, false);
    SketchWorkflow child =
        Workflow.newChildWorkflowStub(SketchWorkflow.class, request.childOptions());
    // started outside this run's cancellation scope: cancelling discovery stops new sketches only
    List<Promise<SketchOutcome>> started = new ArrayList<>(1);
    Workflow.newDetachedCancellationScope(
            () -> started.add(Async.function(child::compute, request)))
        .run();
    Promise<SketchOutcome> outcome = started.get(0);
    inFlight++;
    counts = counts.plusStarted();
    outcome.handle(
        (result, failure) -> {
          inFlight--;
          if (failure == null) {
            counts =
                result.status() == SketchOutcome.Status.COMPUTED
                    ? counts.plusComputed()
                    : counts.plusMissing();
          } else if (failure instanceof ChildWorkflowFailure child1
              && child1.getCause() instanceof WorkflowExecutionAlreadyStarted) {
            counts = counts.plusJoined();
          } else {
            counts = counts.plusFailed();
          }
          return null;
        });
  }

  /** The day searched: the request's, or the day before the run was due in the request's zone. */
  private static LocalDate day(DiscoveryRequest request) {
    if (request.day() != null) {
      return LocalDate.parse(request.day());
    }
    OffsetDateTime scheduled = Workflow.getTypedSearchAttributes().get(SCHEDULED_START);
    Instant due =
        scheduled != null
            ? scheduled.toInstant()
            : Instant.ofEpochMilli(Workflow.currentTimeMillis());
    ZoneId zone = ZoneId.of(request.zone() == null ? "UTC" : request.zone());
    return due.atZone(zone).toLocalDate().minusDays(1);
  }

  private static boolean historyFull(DiscoveryRequest request) {
    return Workflow.getInfo().getHistoryLength() > request.eventsPerRun()
        || Workflow.getInfo().isContinueAsNewSuggested();
  }

  private static void continueAsNew(
      DiscoveryRequest request, LocalDate day, DiscoveryCursor cursor) {
    Workflow.continueAsNew(request.continueAt(day, cursor));
  }

  private void show(
      String step, DiscoveryQuery query, int retstart, int searchCount, int concurrency) {
    progress =
        progress.at(step, query, retstart, searchCount, concurrency).withWork(inFlight, counts);
  }

  private DiscoveryProgress withError(String step, String error) {
    return progress.withWork(inFlight, counts).withError(step, error);
  }

  @Override
  public DiscoveryProgress progress() {
    return progress;
  }
}
