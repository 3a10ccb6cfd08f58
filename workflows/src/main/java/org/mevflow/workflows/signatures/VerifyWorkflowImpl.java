package org.mevflow.workflows.signatures;

import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import org.mevflow.workflows.Failures;
import org.mevflow.workflows.Summarized;
import org.mevflow.workflows.TaskQueues;
import org.mevflow.workflows.operators.Search;

public class VerifyWorkflowImpl implements VerifyWorkflow {
  private final SourceActivities sources =
      Workflow.newActivityStub(SourceActivities.class, SignatureOptions.LOOKUP);
  private final VerificationActivities verification =
      Workflow.newActivityStub(VerificationActivities.class, SignatureOptions.RECORDS);
  private final VerificationActivities comparing =
      Workflow.newActivityStub(VerificationActivities.class, SignatureOptions.COMPARE);
  private SketchProgress progress = new SketchProgress("starting", null, null);

  @Override
  public VerifyOutcome verify(VerifyRequest request) {
    verification.started(request);
    String accession = request.accession();

    progress = new SketchProgress("looking up", null, null);
    String queue;
    String url = null;
    if (SketchRequest.GENOMES.equals(request.database())) {
      url = sources.resolveGenome(accession);
      if (url == null) {
        return unverifiable(
            request, "assembly " + accession + " not found at NCBI: nothing to recompute");
      }
      queue = TaskQueues.SKETCH_GENOMES;
    } else {
      RunInfo run = sources.lookupRun(accession);
      if (!run.found()) {
        return unverifiable(
            request, "run " + accession + " not found in SRA: nothing to recompute");
      }
      queue = SignatureOptions.queueFor(run.sizeMb());
    }

    progress = new SketchProgress("recomputing", queue, null);
    SketchActivities sketcher =
        Summarized.stub(
            SketchActivities.class,
            SignatureOptions.sketchOn(queue),
            "recompute " + accession + " to check " + request.workflowId());
    String scratch = "verify/" + request.id() + ".sig";
    SketchedSignature ours;
    try {
      ours =
          url != null
              ? sketcher.recomputeGenome(accession, url, scratch)
              : sketcher.recomputeRun(accession, scratch);
    } catch (ActivityFailure failure) {
      String reason = Failures.innermost(failure);
      if (failure.getCause() instanceof ApplicationFailure app
          && SketchActivities.MISSING.equals(app.getType())) {
        return unverifiable(request, reason);
      }
      unverifiable(request, "recomputation failed: " + reason);
      throw ApplicationFailure.newNonRetryableFailure(reason, "RecomputeFailed");
    }

    progress = new SketchProgress("comparing", queue, null);
    Comparison comparison = comparing.compare(request.signatureUri(), ours.uri());
    verification.discard(ours.uri());
    VerifyOutcome outcome =
        new VerifyOutcome(
            comparison.match() ? VerifyOutcome.Verdict.MATCH : VerifyOutcome.Verdict.MISMATCH,
            comparison.summary());
    if (request.subject() == VerifyRequest.Subject.SUBMISSION && comparison.match()) {
      comparing.promote(request.database(), accession, request.signatureUri());
    }
    verification.decided(request, outcome, comparison);
    Search.status(outcome.verdict().name());
    progress = new SketchProgress("done", queue, null);
    return outcome;
  }

  private VerifyOutcome unverifiable(VerifyRequest request, String reason) {
    VerifyOutcome outcome = new VerifyOutcome(VerifyOutcome.Verdict.UNVERIFIABLE, reason);
    verification.decided(request, outcome, null);
    Search.status(outcome.verdict().name());
    progress = new SketchProgress("unverifiable", progress.taskQueue(), reason);
    return outcome;
  }

  @Override
  public SketchProgress progress() {
    return progress;
  }
}
