package org.mevflow.workflows.signatures;

import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;
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
      if (SketchRequest.IMG.equals(request.database())
          && request.subject() == VerifyRequest.Subject.SUBMISSION
          && request.operator()) {
        comparing.promote(request.database(), accession, request.signatureUri());
        return unverifiable(
            request,
            source.missing() + "; served on the authority of the operator who submitted it");
      }
      return unverifiable(request, source.missing() + ": nothing to recompute");
    }
    String queue = source.queue();

    // each implementation recomputes in turn; the held signature must agree with every one
    List<String> implementations = request.implementations();
    List<Comparison> comparisons = new ArrayList<>();
    List<String> producers = new ArrayList<>();
    for (String implementation : implementations) {
      String with = implementations.size() > 1 ? " with " + implementation : "";
      progress = new SketchProgress("recomputing" + with, queue, null);
      SketchActivities sketcher =
          Summarized.stub(
              SketchActivities.class,
              SignatureOptions.sketchOn(queue),
              "recompute " + accession + with + " to check " + request.workflowId());
      String scratch =
          "verify/"
              + request.id()
              + (VerifyRequest.NATIVE.equals(implementation) ? "" : "-" + implementation)
              + ".sig";
      SketchedSignature ours;
      try {
        ours =
            VerifyRequest.SOURMASH.equals(implementation)
                ? sketcher.recomputeWithSourmash(accession, source.genomeUrl(), scratch)
                : source.genome()
                    ? sketcher.recomputeGenome(accession, source.genomeUrl(), scratch)
                    : sketcher.recomputeRun(accession, scratch);
      } catch (ActivityFailure failure) {
        String reason = Failures.reason(failure);
        String type = failure.getCause() instanceof ApplicationFailure app ? app.getType() : "";
        if (SketchActivities.MISSING.equals(type)) {
          return unverifiable(request, reason);
        }
        if (SketchActivities.UNAVAILABLE.equals(type)) {
          return unverifiable(
              request,
              agreedSoFar(producers, comparisons)
                  + implementation
                  + " could not recompute it: "
                  + reason);
        }
        unverifiable(
            request,
            agreedSoFar(producers, comparisons)
                + (with.isEmpty() ? "" : implementation + " ")
                + "recomputation failed: "
                + reason);
        throw ApplicationFailure.newNonRetryableFailure(reason, "RecomputeFailed");
      }
      progress = new SketchProgress("comparing", queue, null);
      comparisons.add(comparing.compare(request.signatureUri(), ours.uri()));
      producers.add(ours.producerName());
      verification.discard(ours.uri());
    }

    Comparison comparison = combined(producers, comparisons);
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

  /** One implementation's comparison as it is; several: each named, all must match. */
  static Comparison combined(List<String> producers, List<Comparison> comparisons) {
    if (comparisons.size() == 1) {
      return comparisons.get(0);
    }
    boolean match = comparisons.stream().allMatch(Comparison::match);
    List<String> summaries = new ArrayList<>();
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < comparisons.size(); i++) {
      Comparison c = comparisons.get(i);
      summaries.add(producers.get(i) + ": " + c.summary());
      for (String line : c.perSketch()) {
        lines.add(producers.get(i) + ": " + line);
      }
    }
    String verdict =
        match
            ? "verified by " + comparisons.size() + " independent implementations; "
            : "not verified: "
                + comparisons.stream().filter(c -> !c.match()).count()
                + " of "
                + comparisons.size()
                + " implementations disagree; ";
    return new Comparison(match, verdict + String.join("; ", summaries), lines);
  }

  /** When a later implementation cannot recompute, what the earlier ones found. */
  private static String agreedSoFar(List<String> producers, List<Comparison> comparisons) {
    StringBuilder said = new StringBuilder();
    for (int i = 0; i < comparisons.size(); i++) {
      said.append(producers.get(i))
          .append(comparisons.get(i).match() ? " agrees" : " disagrees")
          .append(", but ");
    }
    return said.toString();
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
