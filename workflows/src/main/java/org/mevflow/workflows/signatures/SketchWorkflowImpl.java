package org.mevflow.workflows.signatures;

import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import org.mevflow.workflows.Failures;
import org.mevflow.workflows.Summarized;
import org.mevflow.workflows.TaskQueues;
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
      String queue;
      long sizeMb = 0;
      String genomeUrl = null;
      if (SketchRequest.GENOMES.equals(db)) {
        genomeUrl = sources.resolveGenome(accession);
        if (genomeUrl == null) {
          return missing(db, accession, "assembly " + accession + " not found at NCBI");
        }
        queue = TaskQueues.SKETCH_GENOMES;
      } else {
        RunInfo run = sources.lookupRun(accession);
        if (!run.found()) {
          return missing(db, accession, "run " + accession + " not found in SRA runinfo");
        }
        sizeMb = run.sizeMb();
        queue = SignatureOptions.queueFor(sizeMb);
      }

      records.markComputing(db, accession, queue, sizeMb);
      Search.status("COMPUTING");
      step("sketching", queue);
      SketchActivities sketcher =
          Summarized.stub(
              SketchActivities.class,
              SignatureOptions.sketchOn(queue),
              genomeUrl != null
                  ? "download and sketch assembly " + accession
                  : "fastq-dump and sketch " + accession + " (" + sizeMb + " MB)");
      SketchedSignature signature =
          genomeUrl != null
              ? sketcher.sketchGenome(accession, genomeUrl)
              : sketcher.sketchRun(accession);

      step("recording", queue);
      records.markComputed(db, accession, signature);
      Search.status("COMPUTED");
      step("done", queue);
      return new SketchOutcome(SketchOutcome.Status.COMPUTED, null, signature);
    } catch (ActivityFailure failure) {
      String reason = Failures.innermost(failure);
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
