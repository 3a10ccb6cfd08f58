package org.mevflow.activities.discovery;

import io.temporal.activity.Activity;
import io.temporal.activity.ActivityInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.mevflow.core.ncbi.Ncbi;
import org.mevflow.db.DiscoveryRepository;
import org.mevflow.db.type.DiscoveryStatus;
import org.mevflow.workflows.discovery.DiscoveryActivities;
import org.mevflow.workflows.discovery.DiscoveryCounts;
import org.mevflow.workflows.discovery.DiscoveryPage;
import org.mevflow.workflows.discovery.DiscoveryQuery;
import org.mevflow.workflows.discovery.PendingDataset;
import org.mevflow.workflows.discovery.SearchHandle;
import org.mevflow.workflows.signatures.RunInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Discovery's searches at NCBI and its rows in PostgreSQL. */
public class DiscoveryActivitiesImpl implements DiscoveryActivities {
  private static final Logger log = LoggerFactory.getLogger(DiscoveryActivitiesImpl.class);

  /** An SRA run accession (SRR, ERR, DRR and digits); anything else in runinfo is not a run. */
  private static final Pattern RUN = Pattern.compile("^[A-Z]{3}\\d{6,}$");

  private final Ncbi ncbi;
  private final DiscoveryRepository discoveries;

  public DiscoveryActivitiesImpl(Ncbi ncbi, DiscoveryRepository discoveries) {
    this.ncbi = ncbi;
    this.discoveries = discoveries;
  }

  @Override
  public long begin(String day) {
    ActivityInfo info = Activity.getExecutionContext().getInfo();
    return discoveries.begin(LocalDate.parse(day), info.getWorkflowId(), info.getRunId());
  }

  @Override
  public SearchHandle search(DiscoveryQuery query, String day) {
    try {
      SearchHandle search = ncbi.searchSra(query.term(LocalDate.parse(day)));
      log.info("{} runs of {}: {} records", query, day, search.count());
      return search;
    } catch (IOException e) {
      throw new UncheckedIOException("NCBI search for " + query + " runs of " + day, e);
    }
  }

  @Override
  public DiscoveryPage fetchPage(
      DiscoveryQuery query, String day, SearchHandle search, int retstart, int retmax) {
    List<RunInfo> runs;
    SearchHandle used = search;
    try {
      try {
        runs = ncbi.runInfoPage(search, retstart, retmax);
      } catch (Ncbi.SearchGone expired) {
        // NCBI drops a history after hours unused: search again and read the same page
        log.warn("page {} of {} {} failed ({}); searching again", retstart, query, day, expired);
        used = ncbi.searchSra(query.term(LocalDate.parse(day)));
        runs = ncbi.runInfoPage(used, retstart, retmax);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "NCBI runinfo page at " + retstart + " of " + query + " runs of " + day, e);
    }
    Set<String> accessions = new LinkedHashSet<>();
    for (RunInfo run : runs) {
      if (RUN.matcher(run.accession()).matches()) {
        accessions.add(run.accession());
      }
    }
    int inserted = discoveries.insertRuns(LocalDate.parse(day), accessions);
    log.info(
        "page {} of {} {}: {} runs, {} new", retstart, query, day, accessions.size(), inserted);
    return new DiscoveryPage(accessions.size(), used);
  }

  @Override
  public List<PendingDataset> pending(String day, long afterId, int limit) {
    return discoveries.pending(LocalDate.parse(day), afterId, limit).stream()
        .map(p -> new PendingDataset(p.id(), p.accession()))
        .toList();
  }

  @Override
  public void progress(long runRow, DiscoveryCounts counts) {
    discoveries.progress(runRow, counts(counts));
  }

  @Override
  public int finish(long runRow, DiscoveryCounts counts, boolean failed, String error) {
    discoveries.finish(
        runRow, failed ? DiscoveryStatus.FAILED : DiscoveryStatus.COMPLETED, counts(counts), error);
    return discoveries.find(runRow).getInserted();
  }

  private static DiscoveryRepository.Counts counts(DiscoveryCounts c) {
    return new DiscoveryRepository.Counts(
        c.found(), c.pages(), c.started(), c.computed(), c.missing(), c.failed(), c.joined());
  }
}
