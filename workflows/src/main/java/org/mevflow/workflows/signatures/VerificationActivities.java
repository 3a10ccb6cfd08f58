package org.mevflow.workflows.signatures;

import io.temporal.activity.ActivityInterface;

/** Comparing signatures in storage, and recording what verification found. */
@ActivityInterface
public interface VerificationActivities {
  /** Compares every sketch of the held signature with ours (hash sets and abundances). */
  Comparison compare(String heldUri, String recomputedUri);

  /** Serves a verified submission when the dataset has no signature yet; true if it did. */
  boolean promote(String database, String accession, String submittedUri);

  void started(VerifyRequest request);

  void decided(VerifyRequest request, VerifyOutcome outcome, Comparison comparison);

  /** Deletes a recomputed signature once it has been compared. */
  void discard(String uri);
}
