package org.mevflow.core.signatures;

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
    Integer threads,
    String eutilsUrl,
    String ncbiApiKey,
    String genomesUrlTemplate,
    Long maxSubmissionBytes,
    Long maxSubmissionJsonBytes) {

  public SignatureSettings {
    fastqDump = blank(fastqDump) ? "fastq-dump" : fastqDump;
    sraBucket = blank(sraBucket) ? "wort-sra" : sraBucket;
    genomesBucket = blank(genomesBucket) ? "wort-genomes" : genomesBucket;
    threads = threads == null || threads < 1 ? Runtime.getRuntime().availableProcessors() : threads;
    eutilsUrl = blank(eutilsUrl) ? "https://eutils.ncbi.nlm.nih.gov/entrez/eutils/" : eutilsUrl;
    // a submitted file, and the JSON it may decompress to (a gzip bomb must not exhaust memory)
    maxSubmissionBytes = maxSubmissionBytes == null ? 256L << 20 : maxSubmissionBytes;
    maxSubmissionJsonBytes = maxSubmissionJsonBytes == null ? 2L << 30 : maxSubmissionJsonBytes;
  }

  public static SignatureSettings defaults() {
    return new SignatureSettings(null, null, null, null, null, null, null, null, null);
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
