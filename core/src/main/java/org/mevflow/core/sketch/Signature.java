package org.mevflow.core.sketch;

import java.util.List;

/**
 * A sourmash signature: a name (absent when none was given), the file it was computed from ("" for
 * standard input), and its sketches.
 */
public record Signature(String name, String filename, List<MinHash> sketches) {
  public static final String CLASS = "sourmash_signature";
  public static final String HASH_FUNCTION = "0.murmur64";
  public static final String LICENSE = "CC0";
  public static final String EMAIL = "";

  public Signature {
    sketches = List.copyOf(sketches);
  }

  /** The sketch with this k, if any. */
  public java.util.Optional<MinHash> sketch(int ksize) {
    return sketches.stream().filter(s -> s.ksize() == ksize).findFirst();
  }
}
