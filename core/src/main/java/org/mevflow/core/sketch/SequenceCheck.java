package org.mevflow.core.sketch;

import java.io.IOException;
import java.io.InputStream;
import org.mevflow.core.text.Gzip;

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
    return read(in, Gzip.Budget.NONE);
  }

  /** As {@link #read(InputStream)}, gzip held to {@code budget} ({@link Gzip.TooLarge} past it). */
  public static Summary read(InputStream in, Gzip.Budget budget) throws IOException {
    try (SequenceReader reader = SequenceReader.open(in, 1, budget)) {
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
