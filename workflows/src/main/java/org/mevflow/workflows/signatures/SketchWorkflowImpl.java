package org.mevflow.workflows.signatures;

import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import org.mevflow.workflows.Failures;
import org.mevflow.workflows.Summarized;
import org.mevflow.workflows.operators.Search;

public class SketchWorkflowImpl implements SketchWorkflow {
  private final DatasetActivities records =
      Workflow.newActivityStub(DatasetActivities.class, SignatureOptions.RECORDS);
  private final SourceActivities sources =
      Workflow.newActivityStub(SourceActivities.class, SignatureOptions.LOOKUP);
  private SketchProgress progress = new SketchProgress("starting", null, null);

  @Override
  public SketchOutcome compute(SketchRequest request) {
    String db = request.database();
    String accession = request.accession();
    try {
      step("looking up", null);
      SketchSource source = SketchSource.find(sources, db, accession);
      if (!source.found()) {
        return missing(db, accession, source.missing());
      }
      String queue = source.queue();
      records.markComputing(db, accession, queue, source.sizeMb());
      Search.status("COMPUTING");
      step("sketching", queue);
      SketchActivities sketcher =
          Summarized.stub(
              SketchActivities.class,
              SignatureOptions.sketchOn(queue),
              source.genome()
                  ? "download and sketch assembly " + accession
                  : "fastq-dump and sketch " + accession + " (" + source.sizeMb() + " MB)");
      SketchedSignature signature =
          source.genome()
              ? sketcher.sketchGenome(accession, source.genomeUrl())
              : sketcher.sketchRun(accession);

      step("recording", queue);
      records.markComputed(db, accession, signature);
      Search.status("COMPUTED");
      step("done", queue);
      return new SketchOutcome(SketchOutcome.Status.COMPUTED, null, signature);
    } catch (ActivityFailure failure) {
      String reason = Failures.reason(failure);
      if (failure.getCause() instanceof ApplicationFailure app
          && SketchActivities.MISSING.equals(app.getType())) {
        return missing(db, accession, reason);
      }
      step("failed", progress.taskQueue(), reason);
      records.markFailed(db, accession, reason);
      Search.status("FAILED");
      // The workflow itself fails too, so operators find it among failed executions.
      throw ApplicationFailure.newNonRetryableFailure(reason, "SketchFailed");
    }
  }

  private SketchOutcome missing(String db, String accession, String reason) {
    step("missing", progress.taskQueue(), reason);
    records.markMissing(db, accession, reason);
    Search.status("MISSING");
    return new SketchOutcome(SketchOutcome.Status.MISSING, reason, null);
  }

  private void step(String step, String queue) {
    step(step, queue, progress.lastError());
  }

  private void step(String step, String queue, String error) {
    progress = new SketchProgress(step, queue, error);
  }

  @Override
  public SketchProgress progress() {
    return progress;
  }
}
