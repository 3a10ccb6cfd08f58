package org.mevflow.core.sketch;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.mevflow.core.text.Errors;

/**
 * What a submitted signature must be for us to verify it, and how it is compared with our
 * recomputation: one DNA signature named for the dataset (its accession, alone or first), non-empty
 * scaled sketches at k=21, 31 or 51 with seed 42 and a scale we can reach from ours (scaled >=
 * 1000: ours is downsampled), and then hash sets (and abundances, where the submission has them)
 * sketch by sketch.
 */
public final class SubmissionRules {
  /** What wort computes, and so what we can recompute. */
  public static final Set<Integer> KSIZES = Set.of(21, 31, 51);

  public static final long SCALED = 1000;

  private SubmissionRules() {}

  /** A submission that breaks a rule; the message says which. */
  public static class Rejected extends IOException {
    public Rejected(String message) {
      super(message);
    }
  }

  /**
   * Reads and checks a submitted file (.sig or .sig.gz) for dataset {@code accession}, within
   * {@code limits}: the hashes are checked as they stream by and never kept, so what a file costs
   * is bounded by the limits, not by what it claims to hold.
   */
  public static SignatureJson.SignatureSummary check(
      InputStream file, String accession, SignatureJson.Limits limits) throws Rejected {
    List<SignatureJson.SignatureSummary> signatures;
    try {
      signatures = SignatureJson.scan(file, limits);
    } catch (IOException e) {
      throw new Rejected("not a sourmash signature file: " + Errors.describe(e));
    }
    if (signatures.size() != 1) {
      throw new Rejected(
          "the file holds "
              + signatures.size()
              + " signatures; submit exactly one, for "
              + accession);
    }
    SignatureJson.SignatureSummary sig = signatures.get(0);
    if (sig.name() == null || sig.name().isBlank()) {
      throw new Rejected("the signature has no name; it must be named " + accession);
    }
    // wort names an assembly "<accession> <organism>, <assembly name>": the accession comes first
    if (!sig.name().equals(accession) && !sig.name().startsWith(accession + " ")) {
      throw new Rejected(
          "the signature is named '"
              + sig.name()
              + "', not "
              + accession
              + " (or, as wort names assemblies, '"
              + accession
              + " <organism>, <assembly name>')");
    }
    List<SignatureJson.SketchSummary> dna =
        sig.sketches().stream().filter(m -> MinHash.DNA.equals(m.molecule())).toList();
    if (dna.isEmpty()) {
      throw new Rejected("the signature holds no DNA sketch");
    }
    if (dna.size() != sig.sketches().size()) {
      throw new Rejected("only DNA sketches can be verified; remove the others");
    }
    long wortMax = SketchParams.maxHashFor(SCALED);
    Set<Integer> seen = new HashSet<>();
    for (SignatureJson.SketchSummary m : dna) {
      String what = "k=" + m.ksize();
      if (m.num() != 0 || m.maxHash() == 0) {
        throw new Rejected(what + " is a num sketch; only scaled sketches can be verified");
      }
      if (!KSIZES.contains(m.ksize())
          || m.seed() != SketchParams.DEFAULT_SEED
          || Long.compareUnsigned(m.maxHash(), wortMax) > 0) {
        throw new Rejected(
            what
                + " (seed "
                + m.seed()
                + ", scaled "
                + m.scaled()
                + ") cannot be verified: we"
                + " recompute k=21, 31 and 51 with seed 42 at scaled 1000 (a larger scaled is fine)");
      }
      if (!seen.add(m.ksize())) {
        throw new Rejected("two sketches with " + what);
      }
      if (m.isEmpty()) {
        throw new Rejected(what + " is empty");
      }
    }
    return sig;
  }

  /**
   * Each held sketch against ours for the same k, downsampled to the held sketch's scale, with
   * abundances compared only where the held sketch has them.
   */
  public static List<SketchComparison> compare(Signature held, Signature ours) {
    List<SketchComparison> out = new ArrayList<>();
    for (MinHash h : held.sketches()) {
      MinHash o =
          ours.sketch(h.ksize())
              .orElseThrow(() -> new IllegalArgumentException("no recomputed k=" + h.ksize()));
      out.add(SketchComparison.of(h, o.downsample(h.maxHash(), h.trackAbundance())));
    }
    return out;
  }
}
