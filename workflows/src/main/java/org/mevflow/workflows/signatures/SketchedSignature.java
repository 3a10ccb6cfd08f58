package org.mevflow.workflows.signatures;

import java.util.List;

/**
 * A signature that is stored: where, how big, a summary of each sketch, and which implementation
 * computed it ({@link #NATIVE}, or sourmash with its version; null in histories older than the
 * field, which only our sketcher wrote).
 */
public record SketchedSignature(
    String uri, long bytes, long records, long bases, List<Sketch> sketches, String producer) {
  public static final String NATIVE = "mevflow's sketcher";

  /** One sketch of the signature. */
  public record Sketch(int ksize, long hashes, String md5sum) {}

  public String producerName() {
    return producer == null ? NATIVE : producer;
  }
}
