package org.mevflow.core.signatures;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.mevflow.core.sketch.SignatureJson;
import org.mevflow.core.sketch.SourmashCli;
import org.mevflow.db.type.PublicDb;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How signatures are computed and where they go; bound from {@code mevflow.signatures.*}. Every
 * field has a default (wort's buckets, NCBI's E-utilities, {@code fastq-dump} on PATH).
 */
@ConfigurationProperties("mevflow.signatures")
public record SignatureSettings(
    String fastqDump,
    String sraBucket,
    String genomesBucket,
    String imgBucket,
    Integer threads,
    String eutilsUrl,
    String ncbiApiKey,
    String genomesUrlTemplate,
    Long maxSubmissionBytes,
    Long maxSubmissionJsonBytes,
    String verifyWith,
    String sourmash,
    String assemblySummaryUrl,
    Long maxSubmissionHashes,
    Duration sketchRetryAfter,
    Duration sketchHeartbeatTimeout) {

  public SignatureSettings {
    fastqDump = blank(fastqDump) ? "fastq-dump" : fastqDump;
    sraBucket = blank(sraBucket) ? "wort-sra" : sraBucket;
    genomesBucket = blank(genomesBucket) ? "wort-genomes" : genomesBucket;
    imgBucket = blank(imgBucket) ? "wort-img" : imgBucket;
    threads = threads == null || threads < 1 ? Runtime.getRuntime().availableProcessors() : threads;
    eutilsUrl = blank(eutilsUrl) ? "https://eutils.ncbi.nlm.nih.gov/entrez/eutils/" : eutilsUrl;
    // a submitted file, and the JSON it may decompress to (a gzip bomb must not exhaust memory)
    maxSubmissionBytes = maxSubmissionBytes == null ? 256L << 20 : maxSubmissionBytes;
    maxSubmissionJsonBytes = maxSubmissionJsonBytes == null ? 2L << 30 : maxSubmissionJsonBytes;
    // the verifier holds a submission's hashes in memory: 20 M hashes (with abundances) ~ 320 MB
    maxSubmissionHashes = maxSubmissionHashes == null ? 20_000_000L : maxSubmissionHashes;
    verifyWith = blank(verifyWith) ? "native" : verifyWith.strip().toLowerCase(Locale.ROOT);
    if (!List.of("native", "sourmash", "both").contains(verifyWith)) {
      throw new IllegalArgumentException(
          "mevflow.signatures.verify-with (MEVFLOW_VERIFY_WITH) is '"
              + verifyWith
              + "'; it must be native, sourmash or both");
    }
    // a sketch whose attempt failed (its worker died, its stream broke) is tried again after this
    sketchRetryAfter = sketchRetryAfter == null ? Duration.ofMinutes(1) : sketchRetryAfter;
    if (sketchRetryAfter.isNegative() || sketchRetryAfter.isZero()) {
      throw new IllegalArgumentException(
          "mevflow.signatures.sketch-retry-after (MEVFLOW_SKETCH_RETRY_AFTER) is "
              + sketchRetryAfter
              + "; it must be positive");
    }
    // a sketch whose worker died is given up on after this long without a heartbeat
    sketchHeartbeatTimeout =
        sketchHeartbeatTimeout == null ? Duration.ofSeconds(45) : sketchHeartbeatTimeout;
    if (sketchHeartbeatTimeout.compareTo(Duration.ofSeconds(5)) < 0) {
      throw new IllegalArgumentException(
          "mevflow.signatures.sketch-heartbeat-timeout (MEVFLOW_SKETCH_HEARTBEAT_TIMEOUT) is "
              + sketchHeartbeatTimeout
              + "; it must be at least 5 s");
    }
    sourmash =
        blank(sourmash) ? SourmashCli.installed().map(Path::toString).orElse(null) : sourmash;
  }

  public static SignatureSettings defaults() {
    return new SignatureSettings(
        null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
        null);
  }

  /**
   * The implementations the verifier recomputes with, in order: our sketcher ("native"), the real
   * sourmash ("sourmash"), or both, when a submission is verified only if both agree with it.
   */
  public List<String> recomputeWith() {
    return switch (verifyWith) {
      case "both" -> List.of("native", "sourmash");
      default -> List.of(verifyWith);
    };
  }

  /** The real sourmash, when one is installed or configured ({@code MEVFLOW_SOURMASH}). */
  public Optional<SourmashCli> sourmashCli() {
    return Optional.ofNullable(sourmash)
        .map(p -> new SourmashCli(Path.of(p), Duration.ofMinutes(10)));
  }

  /**
   * What checking a submission may cost: its decompressed size, a compression ratio no signature
   * reaches (sourmash's JSON of decimal hashes compresses about 2-3 times; a bomb thousands), its
   * hashes, and a minute.
   */
  public SignatureJson.Limits submissionLimits() {
    return new SignatureJson.Limits(
        maxSubmissionJsonBytes, 50, maxSubmissionHashes, Duration.ofMinutes(1));
  }

  /** The bucket of a database's signatures, as wort names them ({@code wort-<db>}). */
  public String bucket(PublicDb db) {
    return switch (db) {
      case SRA -> sraBucket;
      case GENOMES -> genomesBucket;
      case IMG -> imgBucket;
    };
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
