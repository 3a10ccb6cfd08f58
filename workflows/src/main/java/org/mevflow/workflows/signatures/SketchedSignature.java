package org.mevflow.workflows.signatures;

import java.util.List;

/** A signature that is stored: where, how big, and a summary of each sketch. */
public record SketchedSignature(
    String uri, long bytes, long records, long bases, List<Sketch> sketches) {

  /** One sketch of the signature. */
  public record Sketch(int ksize, long hashes, String md5sum) {}
}
