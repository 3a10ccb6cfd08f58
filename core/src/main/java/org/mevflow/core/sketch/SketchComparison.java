package org.mevflow.core.sketch;

import java.util.ArrayList;
import java.util.List;

/**
 * How two sketches of the same k differ: shared and missing hashes, differing abundances, Jaccard
 * similarity and containment, and the first few differences spelled out for a person. Computed in
 * one merge walk over both sorted hash lists.
 *
 * @param a the sketch under test (e.g. a submitted one)
 * @param b the reference (e.g. our recomputation)
 */
public record SketchComparison(
    int ksize,
    String incompatibility,
    long sizeA,
    long sizeB,
    long common,
    long onlyInA,
    long onlyInB,
    long abundanceMismatches,
    boolean abundancesCompared,
    List<String> firstDifferences) {

  /** Differences spelled out in {@link #firstDifferences()}. */
  public static final int SHOWN = 5;

  public static SketchComparison of(MinHash a, MinHash b) {
    if (a.ksize() != b.ksize()) {
      return incompatible(a, b, "ksize " + a.ksize() + " vs " + b.ksize());
    }
    if (a.seed() != b.seed()) {
      return incompatible(a, b, "seed " + a.seed() + " vs " + b.seed());
    }
    if (a.num() != b.num() || a.maxHash() != b.maxHash()) {
      return incompatible(a, b, describe(a) + " vs " + describe(b));
    }
    boolean abund = a.trackAbundance() && b.trackAbundance();
    long common = 0;
    long onlyA = 0;
    long onlyB = 0;
    long mismatched = 0;
    List<String> shown = new ArrayList<>();
    SortedHashes.Cursor ca = a.hashes().cursor();
    SortedHashes.Cursor cb = b.hashes().cursor();
    boolean hasA = ca.next();
    boolean hasB = cb.next();
    while (hasA || hasB) {
      int order = !hasA ? 1 : !hasB ? -1 : Long.compareUnsigned(ca.hash(), cb.hash());
      if (order == 0) {
        common++;
        if (abund && ca.count() != cb.count()) {
          mismatched++;
          note(
              shown,
              "hash "
                  + Long.toUnsignedString(ca.hash())
                  + ": abundance "
                  + ca.count()
                  + " vs "
                  + cb.count());
        }
        hasA = ca.next();
        hasB = cb.next();
      } else if (order < 0) {
        onlyA++;
        note(shown, "hash " + Long.toUnsignedString(ca.hash()) + " only in {A}");
        hasA = ca.next();
      } else {
        onlyB++;
        note(shown, "hash " + Long.toUnsignedString(cb.hash()) + " only in {B}");
        hasB = cb.next();
      }
    }
    return new SketchComparison(
        a.ksize(), null, a.size(), b.size(), common, onlyA, onlyB, mismatched, abund, shown);
  }

  private static void note(List<String> shown, String difference) {
    if (shown.size() < SHOWN) {
      shown.add(difference);
    }
  }

  private static SketchComparison incompatible(MinHash a, MinHash b, String why) {
    return new SketchComparison(a.ksize(), why, a.size(), b.size(), 0, 0, 0, 0, false, List.of());
  }

  private static String describe(MinHash m) {
    return m.num() > 0 ? "num=" + m.num() : "scaled=" + m.scaled();
  }

  public boolean compatible() {
    return incompatibility == null;
  }

  public boolean sameHashes() {
    return compatible() && onlyInA == 0 && onlyInB == 0;
  }

  /** Same hashes, and (where both track abundance) the same count for each. */
  public boolean identical() {
    return sameHashes() && abundanceMismatches == 0;
  }

  /** |A ∩ B| / |A ∪ B| over the kept hashes. */
  public double jaccard() {
    long union = common + onlyInA + onlyInB;
    return union == 0 ? 1.0 : (double) common / union;
  }

  /** |A ∩ B| / |A|: how much of the first sketch the second holds. */
  public double containmentOfAInB() {
    return sizeA == 0 ? 0.0 : (double) common / sizeA;
  }

  /** One paragraph a person can act on. */
  public String report() {
    return report("the first sketch", "the second sketch");
  }

  /** The report, naming the two sketches (e.g. "the submitted sketch", "ours"). */
  public String report(String a, String b) {
    if (!compatible()) {
      return "k=" + ksize + ": sketches cannot be compared (" + incompatibility + ")";
    }
    if (identical()) {
      return "k="
          + ksize
          + ": identical ("
          + common
          + " hashes"
          + (abundancesCompared ? ", same abundances" : "")
          + ")";
    }
    StringBuilder s = new StringBuilder("k=" + ksize + ": ");
    if (!sameHashes()) {
      s.append(onlyInA + onlyInB)
          .append(" hashes differ (")
          .append(onlyInA)
          .append(" only in ")
          .append(a)
          .append(" of ")
          .append(sizeA)
          .append(", ")
          .append(onlyInB)
          .append(" only in ")
          .append(b)
          .append(" of ")
          .append(sizeB)
          .append("), Jaccard ")
          .append(String.format(java.util.Locale.ROOT, "%.4f", jaccard()));
    } else {
      s.append("same ").append(common).append(" hashes");
    }
    if (abundanceMismatches > 0) {
      s.append("; ").append(abundanceMismatches).append(" abundances differ");
    }
    if (!firstDifferences.isEmpty()) {
      s.append("; first: ").append(String.join("; ", firstDifferences));
    }
    return s.toString().replace("{A}", a).replace("{B}", b);
  }
}
