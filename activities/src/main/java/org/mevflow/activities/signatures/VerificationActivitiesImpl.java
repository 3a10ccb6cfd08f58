package org.mevflow.activities.signatures;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.mevflow.core.sketch.MinHash;
import org.mevflow.core.sketch.Signature;
import org.mevflow.core.sketch.SignatureJson;
import org.mevflow.core.sketch.SketchComparison;
import org.mevflow.core.sketch.SubmissionRules;
import org.mevflow.core.storage.ObjectRef;
import org.mevflow.core.storage.ObjectStorage;
import org.mevflow.core.text.Errors;
import org.mevflow.db.DatasetRepository;
import org.mevflow.db.SubmissionRepository;
import org.mevflow.db.type.PublicDb;
import org.mevflow.db.type.SubmissionStatus;
import org.mevflow.db.type.VerificationStatus;
import org.mevflow.workflows.signatures.Comparison;
import org.mevflow.workflows.signatures.VerificationActivities;
import org.mevflow.workflows.signatures.VerifyOutcome;
import org.mevflow.workflows.signatures.VerifyRequest;

/** Compares signatures held in storage, and records verdicts; every call is idempotent. */
public class VerificationActivitiesImpl implements VerificationActivities {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ObjectStorage storage;
  private final DatasetRepository datasets;
  private final SubmissionRepository submissions;

  public VerificationActivitiesImpl(
      ObjectStorage storage, DatasetRepository datasets, SubmissionRepository submissions) {
    this.storage = storage;
    this.datasets = datasets;
    this.submissions = submissions;
  }

  private Signature read(String uri) {
    try (InputStream in = storage.get(ObjectRef.fromUri(URI.create(uri)))) {
      return SignatureJson.read(in).get(0);
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + uri + ": " + Errors.describe(e), e);
    }
  }

  @Override
  public Comparison compare(String heldUri, String recomputedUri) {
    List<SketchComparison> sketches = SubmissionRules.compare(read(heldUri), read(recomputedUri));
    List<String> lines =
        sketches.stream().map(c -> c.report("the held signature", "our recomputation")).toList();
    boolean match = sketches.stream().allMatch(SketchComparison::identical);
    String summary =
        match
            ? "all "
                + sketches.size()
                + " sketches match our recomputation ("
                + String.join(
                    ", ",
                    sketches.stream()
                        .map(c -> "k=" + c.ksize() + ": " + c.common() + " hashes")
                        .toList())
                + ")"
            : String.join(
                "; ",
                sketches.stream()
                    .filter(c -> !c.identical())
                    .map(c -> c.report("the held signature", "our recomputation"))
                    .toList());
    return new Comparison(match, summary, lines);
  }

  @Override
  public boolean promote(String database, String accession, String submittedUri) {
    Signature sig = read(submittedUri);
    long bytes;
    try {
      bytes = storage.head(ObjectRef.fromUri(URI.create(submittedUri))).orElseThrow().size();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<DatasetRepository.Sketch> sketches =
        sig.sketches().stream()
            .map((MinHash m) -> new DatasetRepository.Sketch(m.ksize(), m.size(), m.md5sum()))
            .toList();
    // served from where it was submitted: copying it over sigs/<id>.sig could race a computation
    return datasets.serveSubmission(
        PublicDb.valueOf(database.toUpperCase(Locale.ROOT)),
        accession,
        submittedUri,
        bytes,
        sketches);
  }

  @Override
  public void started(VerifyRequest request) {
    if (request.subject() == VerifyRequest.Subject.SUBMISSION) {
      submissions.verifying(UUID.fromString(request.id()));
    }
  }

  @Override
  public void decided(VerifyRequest request, VerifyOutcome outcome, Comparison comparison) {
    String report = report(outcome, comparison);
    UUID id = UUID.fromString(request.id());
    if (request.subject() == VerifyRequest.Subject.SUBMISSION) {
      SubmissionStatus status =
          switch (outcome.verdict()) {
            case MATCH -> SubmissionStatus.VERIFIED;
            case MISMATCH -> SubmissionStatus.REJECTED;
            case UNVERIFIABLE -> SubmissionStatus.UNVERIFIABLE;
          };
      submissions.decide(id, status, outcome.reason(), report);
    } else {
      VerificationStatus status =
          switch (outcome.verdict()) {
            case MATCH -> VerificationStatus.MATCH;
            case MISMATCH -> VerificationStatus.DRIFT;
            case UNVERIFIABLE -> VerificationStatus.UNVERIFIABLE;
          };
      submissions.decideVerification(id, status, report);
    }
  }

  private static String report(VerifyOutcome outcome, Comparison comparison) {
    ObjectNode node = JSON.createObjectNode();
    node.put("verdict", outcome.verdict().name());
    node.put("reason", outcome.reason());
    if (comparison != null) {
      comparison.perSketch().forEach(node.putArray("sketches")::add);
    }
    return node.toString();
  }

  @Override
  public void discard(String uri) {
    try {
      storage.delete(ObjectRef.fromUri(URI.create(uri)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
