package org.mevflow.core.sketch;

import java.io.IOException;

/** Input that is not valid FASTA/FASTQ; the message names the line. */
public class SequenceFormatException extends IOException {
  private final long line;

  public SequenceFormatException(long line, String problem) {
    super(line > 0 ? "line " + line + ": " + problem : problem);
    this.line = line;
  }

  /** The 1-based line the problem was found on, or 0 when it concerns the whole input. */
  public long line() {
    return line;
  }
}
