package org.mevflow.workflows.signatures;

import io.temporal.activity.ActivityInterface;

/**
 * The heavy step: stream a dataset into the sketcher (k=21,31,51, scaled=1000, abundances, name =
 * accession), refuse an empty sketch, and store the gzipped signature. Failure types the workflow
 * acts on: {@link #MISSING} and {@link #EMPTY} (never retried).
 */
@ActivityInterface
public interface SketchActivities {
  String MISSING = "AccessionMissing";
  String EMPTY = "EmptySignature";
  String MALFORMED = "MalformedInput";

  /** The implementation asked for is not installed on this worker (never retried). */
  String UNAVAILABLE = "ImplementationUnavailable";

  SketchedSignature sketchRun(String accession);

  SketchedSignature sketchGenome(String accession, String url);

  /** Like {@link #sketchRun}, storing the signature at {@code key} (a scratch place) instead. */
  SketchedSignature recomputeRun(String accession, String key);

  /** Like {@link #sketchGenome}, storing the signature at {@code key} instead. */
  SketchedSignature recomputeGenome(String accession, String url, String key);

  /**
   * The second opinion: recomputes with the real {@code sourmash sketch dna} instead of our
   * sketcher, as wort runs it (same parameters and name), storing the signature at {@code key}; a
   * run when {@code genomeUrl} is null, else the assembly downloaded from it.
   */
  SketchedSignature recomputeWithSourmash(String accession, String genomeUrl, String key);
}
