package org.mevflow.activities.signatures;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.mevflow.activities.testing.Histories;
import org.mevflow.core.sketch.MinHash;
import org.mevflow.core.sketch.Signature;
import org.mevflow.core.sketch.SignatureJson;
import org.mevflow.core.sketch.SortedHashes;
import org.mevflow.core.sketch.SourmashCli;
import org.mevflow.core.storage.Content;
import org.mevflow.core.storage.ObjectRef;
import org.mevflow.db.jooq.tables.records.SubmissionsRecord;
import org.mevflow.db.type.DatasetStatus;
import org.mevflow.db.type.PublicDb;
import org.mevflow.db.type.SignatureSource;
import org.mevflow.db.type.SubmissionStatus;
import org.mevflow.db.type.VerificationStatus;
import org.mevflow.workflows.signatures.VerifyOutcome;
import org.mevflow.workflows.signatures.VerifyRequest;
import org.mevflow.workflows.signatures.VerifyWorkflow;

/** The verifier end to end: recompute from the same (scripted) source, compare, decide. */
class VerifyWorkflowTest extends SignatureWorkflowFixture {
  static final String ACC = "SRR0000100";

  private long user() {
    String name = "u" + UUID.randomUUID().toString().substring(0, 8);
    return users.create(name, name + "@example.org", "x", false).getId();
  }

  /** Stores a submission as the API does, and returns the request the API would start. */
  private VerifyRequest submit(Signature sig) throws IOException {
    return submit(sig, null);
  }

  /** As {@link #submit(Signature)}, recomputed with {@code implementations}. */
  private VerifyRequest submit(Signature sig, List<String> implementations) throws IOException {
    return submit(PublicDb.SRA, ACC, sig, false, implementations);
  }

  /** A submission for {@code accession} of {@code db}, by an operator or not. */
  private VerifyRequest submit(
      PublicDb db, String accession, Signature sig, boolean operator, List<String> implementations)
      throws IOException {
    String database = db.name().toLowerCase(java.util.Locale.ROOT);
    long dataset = datasets.ensure(db, accession).getId();
    UUID id = UUID.randomUUID();
    Path file = Files.createTempFile(dir, "submitted", ".sig.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      SignatureJson.write(List.of(sig), out);
    }
    ObjectRef ref =
        new ObjectRef("wort-" + database, "submitted/1/" + accession + "/" + id + ".sig");
    storage.put(ref, file, Content.GZIPPED_JSON);
    VerifyRequest request =
        new VerifyRequest(
            VerifyRequest.Subject.SUBMISSION,
            id.toString(),
            database,
            accession,
            storage.uri(ref).toString(),
            operator,
            implementations);
    submissions.create(
        id,
        dataset,
        user(),
        request.signatureUri(),
        Files.size(file),
        "0".repeat(64),
        request.workflowId());
    return request;
  }

  /** Started as the API starts it. */
  private VerifyOutcome verify(VerifyRequest request) {
    try {
      return env.getWorkflowClient()
          .newWorkflowStub(VerifyWorkflow.class, request.startOptions("tester"))
          .verify(request);
    } finally {
      Histories.record(
          env.getWorkflowClient(),
          request.workflowId(),
          "verify-"
              + request.subject().name().toLowerCase()
              + "-"
              + request.accession()
              + "-"
              + (++runs));
    }
  }

  private static int runs;

  /** What wort would have computed from genome-s10 (the stand-in's data), named for ACC. */
  private Signature honest() throws IOException {
    return new Signature(ACC, "", expectedSketches("genome-s10.fa.gz"));
  }

  /** {@code sig} with sketch {@code k} rewritten by {@code edit} (hashes, counts). */
  private static Signature edited(
      Signature sig, int k, java.util.function.BiConsumer<long[], long[]> edit) {
    List<MinHash> out = new ArrayList<>();
    for (MinHash m : sig.sketches()) {
      if (m.ksize() != k) {
        out.add(m);
        continue;
      }
      int n = (int) m.size();
      long[] hashes = new long[n];
      long[] counts = new long[n];
      SortedHashes.Cursor c = m.hashes().cursor();
      for (int i = 0; c.next(); i++) {
        hashes[i] = c.hash();
        counts[i] = c.count();
      }
      edit.accept(hashes, counts);
      out.add(
          new MinHash(0, k, 42, m.maxHash(), true, MinHash.DNA, SortedHashes.of(hashes, counts)));
    }
    return new Signature(sig.name(), sig.filename(), out);
  }

  private SubmissionsRecord submission(VerifyRequest r) {
    return submissions.find(UUID.fromString(r.id())).orElseThrow();
  }

  @Test
  void aCorrectSubmissionIsVerifiedAndServed() throws IOException {
    ncbi.runSizes.put(ACC, 10L);
    workers(fasta("genome-s10.fa.gz"), null);
    VerifyRequest request = submit(honest());

    VerifyOutcome outcome = verify(request);

    assertThat(outcome.verdict()).isEqualTo(VerifyOutcome.Verdict.MATCH);
    assertThat(outcome.reason()).startsWith("all 3 sketches match our recomputation");
    assertThat(submission(request).getStatus()).isEqualTo(SubmissionStatus.VERIFIED);
    var row = row(PublicDb.SRA, ACC);
    assertThat(row.getStatus()).isEqualTo(DatasetStatus.COMPUTED);
    assertThat(row.getSignatureSource()).isEqualTo(SignatureSource.SUBMITTED);
    assertThat(row.getSignatureUri()).isEqualTo(request.signatureUri());
    assertThat(datasets.sketches(row.getId())).hasSize(3);
    // the recomputation was a scratch copy
    assertThat(storage.list("wort-sra", "verify/")).isEmpty();
  }

  @Test
  void oneChangedHashIsRejectedNamingTheKAndTheCount() throws IOException {
    ncbi.runSizes.put(ACC, 10L);
    workers(fasta("genome-s10.fa.gz"), null);
    VerifyRequest request = submit(edited(honest(), 31, (h, c) -> h[3] = h[3] + 1));

    VerifyOutcome outcome = verify(request);

    assertThat(outcome.verdict()).isEqualTo(VerifyOutcome.Verdict.MISMATCH);
    assertThat(outcome.reason())
        .startsWith("k=31: 2 hashes differ (1 only in the held signature of ")
        .contains("1 only in our recomputation of ")
        .contains("Jaccard 0.99");
    SubmissionsRecord s = submission(request);
    assertThat(s.getStatus()).isEqualTo(SubmissionStatus.REJECTED);
    assertThat(s.getReason()).contains("k=31");
    var report = new com.fasterxml.jackson.databind.ObjectMapper().readTree(s.getReport().data());
    assertThat(report.get("verdict").asText()).isEqualTo("MISMATCH");
    assertThat(report.get("sketches").get(0).asText())
        .isEqualTo("k=21: identical (502 hashes, same abundances)");
    assertThat(row(PublicDb.SRA, ACC).getSignatureUri()).isNull();
  }

  @Test
  void changedAbundancesAreRejected() throws IOException {
    ncbi.runSizes.put(ACC, 10L);
    workers(fasta("genome-s10.fa.gz"), null);
    VerifyRequest request = submit(edited(honest(), 21, (h, c) -> c[0] = c[0] + 5));
    VerifyOutcome outcome = verify(request);
    assertThat(outcome.verdict()).isEqualTo(VerifyOutcome.Verdict.MISMATCH);
    assertThat(outcome.reason()).contains("k=21: same").contains("1 abundances differ");
    assertThat(submission(request).getStatus()).isEqualTo(SubmissionStatus.REJECTED);
  }

  @Test
  void aCoarserSketchWithoutAbundancesIsVerifiedAgainstOursDownsampled() throws IOException {
    ncbi.runSizes.put(ACC, 10L);
    workers(fasta("genome-s10.fa.gz"), null);
    MinHash k31 =
        honest()
            .sketch(31)
            .orElseThrow()
            .downsample(org.mevflow.core.sketch.SketchParams.maxHashFor(5000), false);
    VerifyRequest request = submit(new Signature(ACC, "mine.fa", List.of(k31)));
    assertThat(verify(request).verdict()).isEqualTo(VerifyOutcome.Verdict.MATCH);
  }

  @Test
  void aSubmissionForAMissingAccessionIsUnverifiableKeptAndNotServed() throws IOException {
    ncbi.runSizes.put(ACC, 10L);
    workers("echo 'item not found' >&2; exit 3", null);
    VerifyRequest request = submit(honest());
    VerifyOutcome outcome = verify(request);
    assertThat(outcome.verdict()).isEqualTo(VerifyOutcome.Verdict.UNVERIFIABLE);
    SubmissionsRecord s = submission(request);
    assertThat(s.getStatus()).isEqualTo(SubmissionStatus.UNVERIFIABLE);
    assertThat(s.getReason()).contains("fastq-dump exit 3");
    assertThat(storage.head(ObjectRef.fromUri(java.net.URI.create(s.getStorageUri())))).isPresent();
    assertThat(row(PublicDb.SRA, ACC).getSignatureUri()).isNull();
  }

  @Test
  void twoSubmissionsForOneDatasetTheFirstVerifiedIsServed() throws IOException {
    ncbi.runSizes.put(ACC, 10L);
    workers(fasta("genome-s10.fa.gz"), null);
    VerifyRequest first = submit(honest());
    VerifyRequest second = submit(honest());
    verify(first);
    verify(second);
    assertThat(submission(first).getStatus()).isEqualTo(SubmissionStatus.VERIFIED);
    assertThat(submission(second).getStatus()).isEqualTo(SubmissionStatus.VERIFIED);
    assertThat(row(PublicDb.SRA, ACC).getSignatureUri()).isEqualTo(first.signatureUri());
    assertThat(submissions.forDataset(row(PublicDb.SRA, ACC).getId())).hasSize(2);
  }

  @Test
  void aServedSignatureIsReverifiedAndDriftIsRecordedWithoutReplacingIt() throws IOException {
    ncbi.runSizes.put(ACC, 10L);
    Path source = dir.resolve("source");
    Files.writeString(source, "genome-s10.fa.gz");
    workers("zcat \"" + golden + "/$(cat '" + source + "')\"", null);
    run("sra", ACC, false);
    var computed = row(PublicDb.SRA, ACC);

    UUID same = UUID.randomUUID();
    submissions.createVerification(same, computed.getId(), null, "verify-" + same);
    VerifyOutcome match =
        verify(
            new VerifyRequest(
                VerifyRequest.Subject.SERVED,
                same.toString(),
                "sra",
                ACC,
                computed.getSignatureUri()));
    assertThat(match.verdict()).isEqualTo(VerifyOutcome.Verdict.MATCH);
    assertThat(submissions.findVerification(same).orElseThrow().getStatus())
        .isEqualTo(VerificationStatus.MATCH);

    Files.writeString(source, "genome-s11.fa.gz"); // the source changed since
    UUID drift = UUID.randomUUID();
    submissions.createVerification(drift, computed.getId(), null, "verify-" + drift);
    VerifyOutcome changed =
        verify(
            new VerifyRequest(
                VerifyRequest.Subject.SERVED,
                drift.toString(),
                "sra",
                ACC,
                computed.getSignatureUri()));
    assertThat(changed.verdict()).isEqualTo(VerifyOutcome.Verdict.MISMATCH);
    var recorded = submissions.findVerification(drift).orElseThrow();
    assertThat(recorded.getStatus()).isEqualTo(VerificationStatus.DRIFT);
    assertThat(recorded.getReport().data()).contains("hashes differ");
    var after = row(PublicDb.SRA, ACC);
    assertThat(after.getSignatureUri()).isEqualTo(computed.getSignatureUri());
    assertThat(after.getSignatureSource()).isEqualTo(SignatureSource.COMPUTED);
    assertThat(stored("wort-sra", ACC).sketches().get(0).md5sum())
        .isEqualTo(expectedSketches("genome-s10.fa.gz").get(0).md5sum());
  }

  static final List<String> BOTH = List.of(VerifyRequest.NATIVE, VerifyRequest.SOURMASH);

  @Test
  void withBothImplementationsASubmissionIsVerifiedOnlyWhenTheRealSourmashAgreesToo()
      throws IOException {
    assertThat(sourmash).as("scripts/setup installs sourmash").isPresent();
    ncbi.runSizes.put(ACC, 10L);
    workers(fasta("genome-s10.fa.gz"), null);
    VerifyRequest request = submit(honest(), BOTH);

    VerifyOutcome outcome = verify(request);

    assertThat(outcome.verdict()).isEqualTo(VerifyOutcome.Verdict.MATCH);
    assertThat(outcome.reason())
        .startsWith("verified by 2 independent implementations; mevflow's sketcher: all 3 sketches")
        .containsPattern("; sourmash 4\\.9\\.4: all 3 sketches match");
    SubmissionsRecord s = submission(request);
    assertThat(s.getStatus()).isEqualTo(SubmissionStatus.VERIFIED);
    var report = new com.fasterxml.jackson.databind.ObjectMapper().readTree(s.getReport().data());
    assertThat(report.get("sketches")).hasSize(6);
    assertThat(report.get("sketches").get(3).asText())
        .startsWith("sourmash 4.9.4: k=21: identical (502 hashes");
    assertThat(row(PublicDb.SRA, ACC).getSignatureUri()).isEqualTo(request.signatureUri());
    // both recomputations were scratch copies
    assertThat(storage.list("wort-sra", "verify/")).isEmpty();
  }

  @Test
  void sourmashAloneRecomputesWhenItIsTheOnlyOneConfigured() throws IOException {
    ncbi.runSizes.put(ACC, 10L);
    workers(fasta("genome-s10.fa.gz"), null);
    VerifyRequest request = submit(honest(), List.of(VerifyRequest.SOURMASH));
    VerifyOutcome outcome = verify(request);
    assertThat(outcome.verdict()).isEqualTo(VerifyOutcome.Verdict.MATCH);
    assertThat(outcome.reason()).startsWith("all 3 sketches match our recomputation");
    assertThat(submission(request).getStatus()).isEqualTo(SubmissionStatus.VERIFIED);
  }

  @Test
  void aForgedSubmissionIsRejectedByBothImplementations() throws IOException {
    ncbi.runSizes.put(ACC, 10L);
    workers(fasta("genome-s10.fa.gz"), null);
    VerifyRequest request = submit(edited(honest(), 51, (h, c) -> h[0] = h[0] + 1), BOTH);
    VerifyOutcome outcome = verify(request);
    assertThat(outcome.verdict()).isEqualTo(VerifyOutcome.Verdict.MISMATCH);
    assertThat(outcome.reason())
        .startsWith("not verified: 2 of 2 implementations disagree; mevflow's sketcher: k=51")
        .contains("sourmash 4.9.4: k=51: 2 hashes differ");
    assertThat(submission(request).getStatus()).isEqualTo(SubmissionStatus.REJECTED);
    assertThat(row(PublicDb.SRA, ACC).getSignatureUri()).isNull();
  }

  @Test
  void whenTheImplementationsDisagreeWithEachOtherNothingIsVerified() throws IOException {
    // a faulty second implementation: the real sourmash, handed 90% of the genome
    Path real = sourmash.orElseThrow().executable();
    Path faulty = dir.resolve("faulty-sourmash");
    Files.writeString(
        faulty,
        "#!/bin/bash\n"
            + "if [ \"$1\" = --version ]; then exec '"
            + real
            + "' --version; fi\n"
            + "cut -c1-450000 | '"
            + real
            + "' \"$@\"\n");
    faulty.toFile().setExecutable(true);
    sourmash = Optional.of(new SourmashCli(faulty, java.time.Duration.ofMinutes(2)));
    ncbi.runSizes.put(ACC, 10L);
    workers(fasta("genome-s10.fa.gz"), null);
    VerifyRequest request = submit(honest(), BOTH);

    VerifyOutcome outcome = verify(request);

    assertThat(outcome.verdict()).isEqualTo(VerifyOutcome.Verdict.MISMATCH);
    assertThat(outcome.reason())
        .startsWith("not verified: 1 of 2 implementations disagree; mevflow's sketcher: all 3")
        .contains("; sourmash 4.9.4: k=21: ");
    assertThat(submission(request).getStatus()).isEqualTo(SubmissionStatus.REJECTED);
    assertThat(row(PublicDb.SRA, ACC).getSignatureUri()).isNull();
  }

  @Test
  void whenSourmashIsMissingTheSubmissionIsUnverifiableAndSaysWhy() throws IOException {
    sourmash =
        Optional.of(
            new SourmashCli(dir.resolve("no-such-sourmash"), java.time.Duration.ofMinutes(1)));
    ncbi.runSizes.put(ACC, 10L);
    workers(fasta("genome-s10.fa.gz"), null);
    VerifyRequest request = submit(honest(), BOTH);

    VerifyOutcome outcome = verify(request);

    assertThat(outcome.verdict()).isEqualTo(VerifyOutcome.Verdict.UNVERIFIABLE);
    assertThat(outcome.reason())
        .startsWith("mevflow's sketcher agrees, but sourmash could not recompute it: cannot run")
        .contains("no-such-sourmash");
    assertThat(submission(request).getStatus()).isEqualTo(SubmissionStatus.UNVERIFIABLE);
    assertThat(row(PublicDb.SRA, ACC).getSignatureUri()).isNull();
    assertThat(storage.list("wort-sra", "verify/")).isEmpty();
  }

  @Test
  void anImgSubmissionCannotBeRecomputedAndIsServedOnlyOnAnOperatorsWord() throws IOException {
    workers("exit 99", null);
    String img = "2506381016";
    for (boolean operator : List.of(false, true)) {
      VerifyRequest request =
          submit(PublicDb.IMG, img, new Signature(img, "", honest().sketches()), operator, BOTH);

      VerifyOutcome outcome = verify(request);

      assertThat(outcome.verdict()).isEqualTo(VerifyOutcome.Verdict.UNVERIFIABLE);
      assertThat(outcome.reason()).contains("IMG's sequences are not public");
      SubmissionsRecord s = submission(request);
      assertThat(s.getStatus()).isEqualTo(SubmissionStatus.UNVERIFIABLE);
      var served = row(PublicDb.IMG, img);
      if (operator) {
        assertThat(s.getReason()).contains("served on the authority of the operator");
        assertThat(served.getStatus()).isEqualTo(DatasetStatus.COMPUTED);
        assertThat(served.getSignatureUri()).isEqualTo(request.signatureUri());
        assertThat(served.getSignatureSource()).isEqualTo(SignatureSource.SUBMITTED);
      } else {
        assertThat(s.getReason()).endsWith(": nothing to recompute");
        assertThat(served.getSignatureUri()).isNull();
      }
    }
    // nothing was ever sketched or dumped for IMG
    assertThat(calls).doesNotExist();
  }

  @Test
  void anAssemblySubmissionNamedAsWortNamesItIsVerifiedByBothFromTheDownload() throws IOException {
    String gca = "GCA_000000001.1";
    ncbi.files.put(gca + ".fna.gz", Files.readAllBytes(golden.resolve("genome-s11.fa.gz")));
    workers("exit 99", ncbi.base() + "/files/{accession}.fna.gz");
    Signature named =
        new Signature(
            gca + " Escherichia coli str. K-12, ASM1v1",
            gca + "_ASM1v1_genomic.fna.gz",
            expectedSketches("genome-s11.fa.gz"));
    VerifyRequest request = submit(PublicDb.GENOMES, gca, named, false, BOTH);

    VerifyOutcome outcome = verify(request);

    assertThat(outcome.verdict()).as(outcome.reason()).isEqualTo(VerifyOutcome.Verdict.MATCH);
    assertThat(outcome.reason()).startsWith("verified by 2 independent implementations");
    assertThat(row(PublicDb.GENOMES, gca).getSignatureUri()).isEqualTo(request.signatureUri());
    assertThat(storage.list("wort-genomes", "verify/")).isEmpty();
  }
}
