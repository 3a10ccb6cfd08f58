package org.mevflow.core.sketch;

/** The input holds no sequence record at all (an empty file, or only blank lines). */
public class EmptyInputException extends SequenceFormatException {
  public EmptyInputException() {
    super(0, "the input is empty: no FASTA or FASTQ record");
  }
}
