package org.mevflow.workflows.signatures;

import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import org.mevflow.workflows.Failures;
import org.mevflow.workflows.Summarized;
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
    SketchSource source = SketchSource.find(sources, request.database(), accession);
    if (!source.found()) {
      return unverifiable(request, source.missing() + ": nothing to recompute");
    }
    String queue = source.queue();

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
          source.genome()
              ? sketcher.recomputeGenome(accession, source.genomeUrl(), scratch)
              : sketcher.recomputeRun(accession, scratch);
    } catch (ActivityFailure failure) {
      String reason = Failures.reason(failure);
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
