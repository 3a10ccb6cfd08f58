package org.mevflow.activities.signatures;

import io.temporal.activity.Activity;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.mevflow.core.signatures.SignatureSettings;
import org.mevflow.core.sketch.EmptyInputException;
import org.mevflow.core.sketch.MinHash;
import org.mevflow.core.sketch.ParamString;
import org.mevflow.core.sketch.SequenceFormatException;
import org.mevflow.core.sketch.Signature;
import org.mevflow.core.sketch.SignatureJson;
import org.mevflow.core.sketch.Sketcher;
import org.mevflow.core.sketch.SourmashCli;
import org.mevflow.core.storage.Content;
import org.mevflow.core.storage.ObjectRef;
import org.mevflow.core.storage.ObjectStorage;
import org.mevflow.core.text.Errors;
import org.mevflow.workflows.signatures.SketchActivities;
import org.mevflow.workflows.signatures.SketchedSignature;

/**
 * Streams a dataset into the sketcher with wort's parameters and stores the gzipped signature at
 * {@code sigs/<accession>.sig}. Nothing is stored unless the whole input was read, its producer
 * exited cleanly, and the signature holds at least one hash; a failed attempt leaves any earlier
 * signature as it was.
 */
public class SketchActivitiesImpl implements SketchActivities {
  /** SKETCH-SPEC's wort section: three sketches with abundances. */
  public static final String WORT_PARAMS = "k=21,k=31,k=51,scaled=1000,abund";

  /** fastq-dump exactly as wort runs it (SKETCH-SPEC); the accession is appended. */
  static final List<String> FASTQ_DUMP_ARGS =
      List.of(
          "--disable-multithreading",
          "--fasta",
          "0",
          "--skip-technical",
          "--readids",
          "--read-filter",
          "pass",
          "--dumpbase",
          "--split-spot",
          "--clip",
          "-Z");

  /** Where signatures go, and how. */
  public record Settings(
      String fastqDump,
      String sraBucket,
      String genomesBucket,
      int threads,
      Duration heartbeatEvery,
      Duration stallLimit) {

    /**
     * From the signatures settings, heartbeating well inside the heartbeat timeout (every 10 s for
     * the default 45 s; a quarter of a shorter one).
     */
    public static Settings of(SignatureSettings s) {
      Duration quarter = s.sketchHeartbeatTimeout().dividedBy(4);
      return new Settings(
          s.fastqDump(),
          s.sraBucket(),
          s.genomesBucket(),
          s.threads(),
          quarter.compareTo(Duration.ofSeconds(10)) < 0 ? quarter : Duration.ofSeconds(10),
          Duration.ofMinutes(10));
    }
  }

  private final Settings settings;
  private final ObjectStorage storage;
  private final HttpClient http;

  public SketchActivitiesImpl(Settings settings, ObjectStorage storage, HttpClient http) {
    this(settings, storage, http, accession -> accession);
  }

  /**
   * {@code genomeNames} gives an assembly's signature name (wort's {@code "<accession> <organism>[
   * <strain>], <assembly name>"} from its metadata); runs are named by their accession.
   */
  public SketchActivitiesImpl(
      Settings settings,
      ObjectStorage storage,
      HttpClient http,
      java.util.function.UnaryOperator<String> genomeNames) {
    this(settings, storage, http, genomeNames, Optional.empty());
  }

  /** {@code sourmash}: the real sourmash, for the verifier's second opinion (when installed). */
  public SketchActivitiesImpl(
      Settings settings,
      ObjectStorage storage,
      HttpClient http,
      java.util.function.UnaryOperator<String> genomeNames,
      Optional<SourmashCli> sourmash) {
    this.settings = settings;
    this.storage = storage;
    this.http = http;
    this.genomeNames = genomeNames;
    this.sourmash = sourmash;
  }

  private final java.util.function.UnaryOperator<String> genomeNames;
  private final Optional<SourmashCli> sourmash;

  @Override
  public SketchedSignature sketchRun(String accession) {
    return run(accession, servedKey(accession));
  }

  @Override
  public SketchedSignature recomputeRun(String accession, String key) {
    return run(accession, key);
  }

  @Override
  public SketchedSignature sketchGenome(String accession, String url) {
    return genome(accession, url, servedKey(accession));
  }

  @Override
  public SketchedSignature recomputeGenome(String accession, String url, String key) {
    return genome(accession, url, key);
  }

  @Override
  public SketchedSignature recomputeWithSourmash(String accession, String genomeUrl, String key) {
    SourmashCli cli =
        sourmash.orElseThrow(
            () ->
                ApplicationFailure.newNonRetryableFailure(
                    "sourmash is not installed on this worker (scripts/setup installs it;"
                        + " MEVFLOW_SOURMASH names another)",
                    UNAVAILABLE));
    boolean genome = genomeUrl != null;
    String name = genome ? genomeNames.apply(accession) : accession;
    String version;
    try {
      version = cli.version();
    } catch (IOException e) {
      throw sourmashFailure(e);
    }
    Path out = null;
    try {
      out = Files.createTempFile("sourmash-", ".sig");
      Path target = out;
      Reader<Boolean> reader =
          in -> {
            try (Heartbeats beats =
                new Heartbeats(
                    Activity.getExecutionContext(),
                    settings.heartbeatEvery(),
                    settings.stallLimit())) {
              cli.sketchDna(in, WORT_PARAMS, name, target, bytes -> beats.progress(0, bytes));
            }
            return true;
          };
      if (genome) {
        fromGenome(accession, genomeUrl, reader);
      } else {
        fromRun(accession, reader);
      }
      if (Files.size(out) == 0) {
        // sourmash saves nothing when its input held no sequence
        throw ApplicationFailure.newNonRetryableFailure(
            "sourmash found no sequence for " + accession + " and wrote no signature", EMPTY);
      }
      List<Signature> written;
      try (InputStream in = Files.newInputStream(out)) {
        written = SignatureJson.read(in);
      }
      if (written.size() != 1) {
        throw ApplicationFailure.newFailure(
            "sourmash wrote " + written.size() + " signatures for " + accession + ", not one",
            "SourmashFailed");
      }
      Signature sig = written.get(0);
      Sketcher.Result result = new Sketcher.Result(sig.sketches(), -1, -1);
      String bucket = genome ? settings.genomesBucket() : settings.sraBucket();
      return store(new ObjectRef(bucket, key), accession, name, sig.filename(), result, version);
    } catch (IOException e) {
      throw ApplicationFailure.newFailure(
          "reading sourmash's signature for " + accession + " failed: " + Errors.describe(e),
          "SourmashFailed");
    } finally {
      deleteQuietly(out);
    }
  }

  private static ApplicationFailure sourmashFailure(IOException e) {
    if (e instanceof SourmashCli.Failed failed && failed.notRunnable()) {
      return ApplicationFailure.newNonRetryableFailure(e.getMessage(), UNAVAILABLE);
    }
    return ApplicationFailure.newFailure(e.getMessage(), "SourmashFailed");
  }

  /** wort's layout: {@code sigs/<accession>.sig}. */
  static String servedKey(String accession) {
    return "sigs/" + accession + ".sig";
  }

  /** What is done with a dataset's sequence stream: our sketcher, or sourmash. */
  private interface Reader<T> {
    T read(InputStream in) throws IOException;
  }

  private SketchedSignature run(String accession, String key) {
    Sketcher.Result result = fromRun(accession, this::sketch);
    return store(new ObjectRef(settings.sraBucket(), key), accession, "", result);
  }

  /** Streams fastq-dump's output for a run into {@code reader}, once fastq-dump ended cleanly. */
  private <T> T fromRun(String accession, Reader<T> reader) {
    List<String> command = new ArrayList<>();
    command.add(settings.fastqDump());
    command.addAll(FASTQ_DUMP_ARGS);
    command.add(accession);
    Path stderr = null;
    Process process = null;
    try {
      stderr = Files.createTempFile("fastq-dump-", ".err");
      process = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
      process.getOutputStream().close();
    } catch (IOException e) {
      deleteQuietly(stderr);
      throw ApplicationFailure.newFailure(
          "cannot run fastq-dump ('" + settings.fastqDump() + "'): " + Errors.describe(e),
          "FastqDumpFailed");
    }
    try {
      T result = null;
      IOException readError = null;
      try (InputStream in = process.getInputStream()) {
        result = reader.read(in);
      } catch (IOException e) {
        readError = e;
      }
      // a reader that gave up on its input (malformed, or sourmash refused it) closed the pipe:
      // fastq-dump's exit then says nothing, the reader's reason says what was wrong
      // (empty input is read to its end: there, fastq-dump's own exit is the reason)
      boolean readerRefused =
          (readError instanceof SequenceFormatException
                  && !(readError instanceof EmptyInputException))
              || readError instanceof SourmashCli.Failed;
      if (!process.waitFor(readerRefused ? 5 : 60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        if (readerRefused) {
          throw inputFailure(accession, "fastq-dump's output", readError);
        }
        throw ApplicationFailure.newFailure(
            "fastq-dump did not exit after its output ended", "FastqDumpFailed");
      }
      int exit = process.exitValue();
      String errors = tail(stderr);
      if (exit == 3) {
        throw ApplicationFailure.newNonRetryableFailure(
            "accession "
                + accession
                + " is missing, redacted or restricted in SRA (fastq-dump exit 3)"
                + errors,
            MISSING);
      }
      if (readerRefused) {
        throw inputFailure(accession, "fastq-dump's output", readError);
      }
      if (exit != 0) {
        throw ApplicationFailure.newFailure(
            "fastq-dump exited with " + exit + " for " + accession + errors, "FastqDumpFailed");
      }
      if (readError != null) {
        throw inputFailure(accession, "fastq-dump's output", readError);
      }
      return result;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ApplicationFailure.newFailure("interrupted", "Interrupted");
    } finally {
      if (process.isAlive()) {
        process.destroyForcibly();
      }
      deleteQuietly(stderr);
    }
  }

  private SketchedSignature genome(String accession, String url, String key) {
    Sketcher.Result result = fromGenome(accession, url, this::sketch);
    String filename = url.substring(url.lastIndexOf('/') + 1);
    return store(
        new ObjectRef(settings.genomesBucket(), key),
        accession,
        genomeNames.apply(accession),
        filename,
        result);
  }

  /** Streams an assembly's download into {@code reader}. */
  private <T> T fromGenome(String accession, String url, Reader<T> reader) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(2)).GET().build();
    HttpResponse<InputStream> response;
    // heartbeats while the server makes us wait for its first byte too (a slow NCBI is not a
    // dead worker); the request's own timeout bounds the wait
    try (Heartbeats waiting =
        new Heartbeats(
            Activity.getExecutionContext(), settings.heartbeatEvery(), settings.stallLimit())) {
      response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (IOException e) {
      throw ApplicationFailure.newFailure(
          "download of " + url + " failed: " + Errors.describe(e), "DownloadFailed");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ApplicationFailure.newFailure("interrupted", "Interrupted");
    }
    try (InputStream body = response.body()) {
      int status = response.statusCode();
      if (status == 404 || status == 410) {
        throw ApplicationFailure.newNonRetryableFailure(
            "assembly "
                + accession
                + " has no genomic sequence at "
                + url
                + " (HTTP "
                + status
                + ")",
            MISSING);
      }
      if (status != 200) {
        throw ApplicationFailure.newFailure(
            "download of " + url + " answered HTTP " + status, "DownloadFailed");
      }
      try {
        return reader.read(body);
      } catch (IOException e) {
        throw inputFailure(accession, url, e);
      }
    } catch (IOException e) {
      throw ApplicationFailure.newFailure(
          "download of " + url + " failed: " + Errors.describe(e), "DownloadFailed");
    }
  }

  private Sketcher.Result sketch(InputStream in) throws IOException {
    Sketcher sketcher = new Sketcher(ParamString.parse(WORT_PARAMS), settings.threads());
    try (Heartbeats beats =
        new Heartbeats(
            Activity.getExecutionContext(), settings.heartbeatEvery(), settings.stallLimit())) {
      return sketcher.sketch(in, beats::progress);
    }
  }

  /** Empty and malformed input are final; anything else (a broken connection) is retried. */
  private static ApplicationFailure inputFailure(String accession, String source, IOException e) {
    if (e instanceof SourmashCli.Failed) {
      return sourmashFailure(e);
    }
    if (e instanceof EmptyInputException) {
      return ApplicationFailure.newNonRetryableFailure(
          "no sequence at all for " + accession + " in " + source, EMPTY);
    }
    if (e instanceof SequenceFormatException) {
      return ApplicationFailure.newNonRetryableFailure(
          source + " for " + accession + " is not valid FASTA/FASTQ: " + Errors.describe(e),
          MALFORMED);
    }
    return ApplicationFailure.newFailure(
        "reading " + source + " for " + accession + " failed: " + Errors.describe(e), "ReadFailed");
  }

  private SketchedSignature store(
      ObjectRef ref, String accession, String filename, Sketcher.Result result) {
    return store(ref, accession, accession, filename, result);
  }

  private SketchedSignature store(
      ObjectRef ref, String accession, String name, String filename, Sketcher.Result result) {
    return store(ref, accession, name, filename, result, SketchedSignature.NATIVE);
  }

  private SketchedSignature store(
      ObjectRef ref,
      String accession,
      String name,
      String filename,
      Sketcher.Result result,
      String producer) {
    if (result.sketches().stream().allMatch(MinHash::isEmpty)) {
      throw ApplicationFailure.newNonRetryableFailure(
          "the signature of "
              + accession
              + " would be empty ("
              + result.records()
              + " records, "
              + result.bases()
              + " bases, no k-mer kept): not stored",
          EMPTY);
    }
    Path file = null;
    try {
      file = Files.createTempFile("signature-", ".sig.gz");
      try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file), 1 << 16)) {
        SignatureJson.write(List.of(new Signature(name, filename, result.sketches())), out);
      }
      long bytes = storage.put(ref, file, Content.GZIPPED_JSON).size();
      List<SketchedSignature.Sketch> sketches = new ArrayList<>();
      for (MinHash m : result.sketches()) {
        sketches.add(new SketchedSignature.Sketch(m.ksize(), m.size(), m.md5sum()));
      }
      return new SketchedSignature(
          storage.uri(ref).toString(), bytes, result.records(), result.bases(), sketches, producer);
    } catch (IOException e) {
      throw ApplicationFailure.newFailure(
          "storing the signature of " + accession + " failed: " + Errors.describe(e),
          "StorageFailed");
    } finally {
      deleteQuietly(file);
    }
  }

  private static String tail(Path stderr) {
    try {
      String text = Files.readString(stderr, StandardCharsets.UTF_8).strip();
      if (text.isEmpty()) {
        return "";
      }
      return ": " + (text.length() > 500 ? "..." + text.substring(text.length() - 500) : text);
    } catch (IOException e) {
      return "";
    }
  }

  private static void deleteQuietly(Path p) {
    if (p != null) {
      try {
        Files.deleteIfExists(p);
      } catch (IOException ignored) {
        // a temporary file; the OS cleans its temp folder
      }
    }
  }
}
