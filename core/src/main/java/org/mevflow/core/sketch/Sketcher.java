package org.mevflow.core.sketch;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Computes sourmash-compatible sketches of a FASTA/FASTQ stream in one pass, for any number of
 * sketches (k, num/scaled, abundance). One thread reads; hashing runs on {@code threads} threads,
 * batch by batch; the kept hashes (a small fraction for scaled sketches) are merged on the reading
 * thread. The result does not depend on the number of threads.
 */
public final class Sketcher {
  /** Sequence bytes per batch: large enough to amortize hand-offs, small enough for many reads. */
  static final int BATCH_BYTES = 4 << 20;

  private final List<SketchParams> params;
  private final int threads;
  private final int maxK;

  /** Told about progress after each batch is read. */
  @FunctionalInterface
  public interface Progress {
    void update(long records, long bases);

    Progress NONE = (records, bases) -> {};
  }

  /** The sketches, in the order of the parameters, and what was read. */
  public record Result(List<MinHash> sketches, long records, long bases) {
    /** Kept hashes over all sketches. */
    public long keptHashes() {
      return sketches.stream().mapToLong(MinHash::size).sum();
    }

    /** Bytes the sketches' hash stores hold (arrays, including spare capacity). */
    public long retainedBytes() {
      long bytes = 0;
      for (MinHash m : sketches) {
        bytes +=
            m.hashes() instanceof ScaledHashes scaled
                ? scaled.retainedBytes()
                : m.size() * (m.trackAbundance() ? 16 : 8);
      }
      return bytes;
    }
  }

  public Sketcher(List<SketchParams> params, int threads) {
    if (params.isEmpty()) {
      throw new IllegalArgumentException("no sketch parameters");
    }
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1");
    }
    this.params = List.copyOf(params);
    this.threads = threads;
    this.maxK = params.stream().mapToInt(SketchParams::ksize).max().orElseThrow();
  }

  /**
   * Sketches {@code input} (FASTA or FASTQ, plain or gzip). Fails with {@link
   * SequenceFormatException} (naming the line) on malformed input and {@link EmptyInputException}
   * when it holds no record; no sketch is returned in either case.
   */
  public Result sketch(InputStream input, Progress progress) throws IOException {
    Session session = start();
    session.add(input, progress);
    return session.finish();
  }

  /** Starts sketches that several inputs feed in turn (e.g. several files merged under a name). */
  public Session start() {
    return new Session();
  }

  /** Sketches being built from one or more inputs. */
  public final class Session {
    private final int[] ks = params.stream().mapToInt(SketchParams::ksize).toArray();
    private final long[] seeds = params.stream().mapToLong(SketchParams::seed).toArray();
    private final Object[] stores = new Object[params.size()];
    private final long[] thresholds = new long[params.size()];
    private long records;
    private long bases;

    private Session() {
      for (int s = 0; s < params.size(); s++) {
        SketchParams p = params.get(s);
        stores[s] =
            p.num() > 0
                ? new BottomHashes(p.num())
                : new ScaledHashes(p.maxHash(), p.trackAbundance());
        thresholds[s] = p.num() > 0 ? -1L : p.maxHash();
      }
    }

    /** Reads one whole input into the sketches; see {@link Sketcher#sketch} for the errors. */
    public void add(InputStream input, Progress progress) throws IOException {
      try (SequenceReader reader = SequenceReader.open(input, maxK)) {
        if (threads == 1) {
          KmerHasher hasher = new KmerHasher(ks, seeds);
          SequenceBatch batch = new SequenceBatch(BATCH_BYTES);
          LongList[] out = outputs(stores.length);
          while (reader.next(batch)) {
            records += batch.records;
            bases += batch.bases;
            hasher.hash(batch, thresholds, out);
            merge(out, stores, thresholds);
            progress.update(records, bases);
          }
        } else {
          parallel(reader, progress);
        }
      }
    }

    public Result finish() {
      List<MinHash> sketches = new ArrayList<>(stores.length);
      for (int s = 0; s < stores.length; s++) {
        SortedHashes hashes = (SortedHashes) stores[s];
        if (hashes instanceof ScaledHashes scaled) {
          scaled.flush();
        }
        sketches.add(MinHash.of(params.get(s), hashes));
      }
      return new Result(sketches, records, bases);
    }

    private void parallel(SequenceReader reader, Progress progress) throws IOException {
      int inFlight = threads * 2;
      BlockingQueue<Work> free = new ArrayBlockingQueue<>(inFlight + 1);
      for (int i = 0; i <= inFlight; i++) {
        free.add(new Work(new SequenceBatch(BATCH_BYTES), outputs(stores.length)));
      }
      ThreadLocal<KmerHasher> hashers = ThreadLocal.withInitial(() -> new KmerHasher(ks, seeds));
      ExecutorService pool =
          Executors.newFixedThreadPool(
              threads,
              r -> {
                Thread t = new Thread(r, "sketch-hasher");
                t.setDaemon(true);
                return t;
              });
      ArrayDeque<Future<Work>> pending = new ArrayDeque<>();
      try {
        while (true) {
          Work work = free.poll();
          if (work == null) {
            work = collect(pending.removeFirst(), stores, thresholds);
          }
          if (!reader.next(work.batch())) {
            free.add(work);
            break;
          }
          records += work.batch().records;
          bases += work.batch().bases;
          progress.update(records, bases);
          long[] snapshot = thresholds.clone();
          Work task = work;
          pending.addLast(
              pool.submit(
                  () -> {
                    hashers.get().hash(task.batch(), snapshot, task.out());
                    return task;
                  }));
          while (pending.size() > inFlight
              || (!pending.isEmpty() && pending.peekFirst().isDone())) {
            free.add(collect(pending.removeFirst(), stores, thresholds));
          }
        }
        while (!pending.isEmpty()) {
          collect(pending.removeFirst(), stores, thresholds);
        }
      } finally {
        pool.shutdownNow();
      }
    }
  }

  /** A batch and the hashes its task produced. */
  private record Work(SequenceBatch batch, LongList[] out) {}

  private Work collect(Future<Work> future, Object[] stores, long[] thresholds) throws IOException {
    Work work;
    try {
      work = future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while sketching", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("hashing failed", e.getCause());
    }
    merge(work.out(), stores, thresholds);
    return work;
  }

  private static void merge(LongList[] out, Object[] stores, long[] thresholds) {
    for (int s = 0; s < out.length; s++) {
      LongList list = out[s];
      long[] v = list.values;
      if (stores[s] instanceof ScaledHashes scaled) {
        for (int i = 0; i < list.size; i++) {
          scaled.add(v[i]);
        }
      } else {
        BottomHashes bottom = (BottomHashes) stores[s];
        for (int i = 0; i < list.size; i++) {
          bottom.add(v[i]);
        }
        thresholds[s] = bottom.threshold();
      }
      list.clear();
    }
  }

  private static LongList[] outputs(int n) {
    LongList[] out = new LongList[n];
    for (int s = 0; s < n; s++) {
      out[s] = new LongList(1024);
    }
    return out;
  }
}
