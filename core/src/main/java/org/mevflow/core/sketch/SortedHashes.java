package org.mevflow.core.sketch;

/** Distinct hashes in ascending unsigned order, with their counts, read through a cursor. */
public interface SortedHashes {
  long size();

  Cursor cursor();

  /** A forward-only position; {@link #next()} before the first read. */
  interface Cursor {
    boolean next();

    long hash();

    /** How often the hash occurred (1 where abundance is not tracked). */
    long count();
  }

  /** Hashes held in arrays ({@code counts} may be null: every count is 1). */
  static SortedHashes of(long[] hashes, long[] counts) {
    return new SortedHashes() {
      @Override
      public long size() {
        return hashes.length;
      }

      @Override
      public Cursor cursor() {
        return new Cursor() {
          int i = -1;

          @Override
          public boolean next() {
            return ++i < hashes.length;
          }

          @Override
          public long hash() {
            return hashes[i];
          }

          @Override
          public long count() {
            return counts == null ? 1 : counts[i];
          }
        };
      }
    };
  }
}
