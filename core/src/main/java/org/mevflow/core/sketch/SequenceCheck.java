package org.mevflow.core.sketch;

import java.io.IOException;
import java.io.InputStream;

/** Reads a FASTA/FASTQ stream through (plain or gzip) without hashing: is it well formed? */
public final class SequenceCheck {
  private SequenceCheck() {}

  /** What was read, and its format. */
  public record Summary(String format, long records, long bases) {}

  /**
   * Reads everything; {@link SequenceFormatException} (with the line) if malformed, {@link
   * EmptyInputException} if there is no record.
   */
  public static Summary read(InputStream in) throws IOException {
    try (SequenceReader reader = SequenceReader.open(in, 1)) {
      SequenceBatch batch = new SequenceBatch(1 << 20);
      long records = 0;
      long bases = 0;
      while (reader.next(batch)) {
        records += batch.records;
        bases += batch.bases;
      }
      return new Summary(reader.format().name(), records, bases);
    }
  }
}
