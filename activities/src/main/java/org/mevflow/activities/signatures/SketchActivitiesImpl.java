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
import org.mevflow.core.storage.Content;
import org.mevflow.core.storage.ObjectRef;
import org.mevflow.core.storage.ObjectStorage;
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

    /** From the signatures settings, heartbeating well inside the 45 s heartbeat timeout. */
    public static Settings of(SignatureSettings s) {
      return new Settings(
          s.fastqDump(),
          s.sraBucket(),
          s.genomesBucket(),
          s.threads(),
          Duration.ofSeconds(10),
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
    this.settings = settings;
    this.storage = storage;
    this.http = http;
    this.genomeNames = genomeNames;
  }

  private final java.util.function.UnaryOperator<String> genomeNames;

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

  /** wort's layout: {@code sigs/<accession>.sig}. */
  static String servedKey(String accession) {
    return "sigs/" + accession + ".sig";
  }

  private SketchedSignature run(String accession, String key) {
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
          "cannot run fastq-dump ('" + settings.fastqDump() + "'): " + e.getMessage(),
          "FastqDumpFailed");
    }
    try {
      Sketcher.Result result = null;
      IOException readError = null;
      try (InputStream in = process.getInputStream()) {
        result = sketch(in);
      } catch (IOException e) {
        readError = e;
      }
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
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
      if (exit != 0) {
        throw ApplicationFailure.newFailure(
            "fastq-dump exited with " + exit + " for " + accession + errors, "FastqDumpFailed");
      }
      if (readError != null) {
        throw inputFailure(accession, "fastq-dump's output", readError);
      }
      return store(new ObjectRef(settings.sraBucket(), key), accession, "", result);
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
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(2)).GET().build();
    HttpResponse<InputStream> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (IOException e) {
      throw ApplicationFailure.newFailure(
          "download of " + url + " failed: " + e.getMessage(), "DownloadFailed");
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
      Sketcher.Result result;
      try {
        result = sketch(body);
      } catch (IOException e) {
        throw inputFailure(accession, url, e);
      }
      String filename = url.substring(url.lastIndexOf('/') + 1);
      return store(
          new ObjectRef(settings.genomesBucket(), key),
          accession,
          genomeNames.apply(accession),
          filename,
          result);
    } catch (IOException e) {
      throw ApplicationFailure.newFailure(
          "download of " + url + " failed: " + e.getMessage(), "DownloadFailed");
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
    if (e instanceof EmptyInputException) {
      return ApplicationFailure.newNonRetryableFailure(
          "no sequence at all for " + accession + " in " + source, EMPTY);
    }
    if (e instanceof SequenceFormatException) {
      return ApplicationFailure.newNonRetryableFailure(
          source + " for " + accession + " is not valid FASTA/FASTQ: " + e.getMessage(), MALFORMED);
    }
    return ApplicationFailure.newFailure(
        "reading " + source + " for " + accession + " failed: " + e.getMessage(), "ReadFailed");
  }

  private SketchedSignature store(
      ObjectRef ref, String accession, String filename, Sketcher.Result result) {
    return store(ref, accession, accession, filename, result);
  }

  private SketchedSignature store(
      ObjectRef ref, String accession, String name, String filename, Sketcher.Result result) {
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
          storage.uri(ref).toString(), bytes, result.records(), result.bases(), sketches);
    } catch (IOException e) {
      throw ApplicationFailure.newFailure(
          "storing the signature of " + accession + " failed: " + e.getMessage(), "StorageFailed");
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
