package org.mevflow.activities.signatures;

import io.micrometer.core.instrument.Metrics;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityInfo;
import java.util.Locale;
import org.mevflow.db.DatasetRepository;
import org.mevflow.db.type.PublicDb;
import org.mevflow.workflows.signatures.DatasetActivities;
import org.mevflow.workflows.signatures.SketchedSignature;

/** A sketch workflow's records in PostgreSQL; every call is idempotent. */
public class DatasetActivitiesImpl implements DatasetActivities {
  private final DatasetRepository datasets;

  public DatasetActivitiesImpl(DatasetRepository datasets) {
    this.datasets = datasets;
  }

  static PublicDb db(String database) {
    return PublicDb.valueOf(database.toUpperCase(Locale.ROOT));
  }

  @Override
  public void markComputing(String database, String accession, String taskQueue, long sizeMb) {
    ActivityInfo info = Activity.getExecutionContext().getInfo();
    datasets.markComputing(
        db(database), accession, taskQueue, sizeMb, info.getWorkflowId(), info.getRunId());
  }

  @Override
  public void markComputed(String database, String accession, SketchedSignature signature) {
    datasets.markComputed(
        db(database),
        accession,
        signature.uri(),
        signature.bytes(),
        signature.sketches().stream()
            .map(s -> new DatasetRepository.Sketch(s.ksize(), s.hashes(), s.md5sum()))
            .toList());
    count(database, accession, "computed");
  }

  @Override
  public void markMissing(String database, String accession, String reason) {
    ActivityInfo info = Activity.getExecutionContext().getInfo();
    datasets.markMissing(db(database), accession, reason, info.getWorkflowId(), info.getRunId());
    count(database, accession, "missing");
  }

  @Override
  public void markFailed(String database, String accession, String reason) {
    ActivityInfo info = Activity.getExecutionContext().getInfo();
    datasets.markFailed(db(database), accession, reason, info.getWorkflowId(), info.getRunId());
    count(database, accession, "failed");
  }

  /** {@code mevflow_signatures_total{outcome, queue}}: signatures by outcome and task queue. */
  private void count(String database, String accession, String outcome) {
    String queue = datasets.find(db(database), accession).map(r -> r.getTaskQueue()).orElse(null);
    Metrics.counter(
            "mevflow.signatures", "outcome", outcome, "queue", queue == null ? "none" : queue)
        .increment();
  }
}
