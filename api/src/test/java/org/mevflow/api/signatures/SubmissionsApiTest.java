package org.mevflow.api.signatures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mevflow.api.testing.Http.bearer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mevflow.api.security.WortTokens;
import org.mevflow.api.testing.ApiTest;
import org.mevflow.api.testing.Http;
import org.mevflow.core.sketch.MinHash;
import org.mevflow.core.sketch.Signature;
import org.mevflow.core.sketch.SignatureJson;
import org.mevflow.core.sketch.SketchParams;
import org.mevflow.core.sketch.SortedHashes;
import org.mevflow.core.storage.ObjectStorage;
import org.mevflow.db.DatasetRepository;
import org.mevflow.db.UserRepository;
import org.mevflow.db.type.PublicDb;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * POST /v1/submit: what is not a verifiable signature for the dataset is refused with the reason,
 * and nothing of it is stored; what is accepted is stored and handed to the verifier.
 */
@ApiTest
class SubmissionsApiTest {
  @LocalServerPort int port;
  @Autowired UserRepository users;
  @Autowired WortTokens tokens;
  @Autowired DatasetRepository datasets;
  @Autowired ObjectStorage storage;

  Http http;
  String token;
  long userId;
  String acc;

  @BeforeEach
  void user() {
    http = Http.local(port);
    String name = "s" + UUID.randomUUID().toString().substring(0, 8);
    userId = users.create(name, name + "@example.org", "x", false).getId();
    token = tokens.issue(userId);
    acc = "SRR" + (1_000_000 + (int) (Math.random() * 8_999_999));
  }

  private static MinHash sketch(int k, long scaled, int num, String molecule, long... hashes) {
    return new MinHash(
        num,
        k,
        42,
        num > 0 ? 0 : SketchParams.maxHashFor(scaled),
        false,
        molecule,
        SortedHashes.of(hashes, null));
  }

  private static byte[] json(Signature... sigs) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    SignatureJson.write(List.of(sigs), out);
    return out.toByteArray();
  }

  private static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(data);
    }
    return out.toByteArray();
  }

  private Http.Response submit(byte[] file) {
    return http.postFile("/v1/submit/sra/" + acc, bearer(token), "file", acc + ".sig", file);
  }

  private void assertRefused(byte[] file, String reason) throws IOException {
    Http.Response r = submit(file);
    assertThat(r.status()).as(r.toString()).isEqualTo(400);
    assertThat(r.contentType()).startsWith("application/problem+json");
    assertThat(r.json().get("detail").asText()).contains(reason);
    assertThat(datasets.find(PublicDb.SRA, acc)).isEmpty();
    assertThat(storage.list("wort-sra", "submitted/" + userId + "/")).isEmpty();
  }

  @Test
  void aValidSignatureIsAcceptedStoredAndHandedToTheVerifier() throws IOException {
    Signature sig = new Signature(acc, "reads.fq", List.of(sketch(31, 1000, 0, "DNA", 5, 9, 77)));
    Http.Response r = submit(json(sig));
    assertThat(r.status()).as(r.toString()).isEqualTo(202);
    assertThat(r.json().get("status").asText()).isEqualTo("Signature accepted");
    String id = r.json().get("submission_id").asText();
    assertThat(r.json().get("workflow_id").asText()).isEqualTo("verify-" + id);

    var stored = storage.list("wort-sra", "submitted/" + userId + "/" + acc + "/");
    assertThat(stored)
        .singleElement()
        .satisfies(
            o -> {
              assertThat(o.contentEncoding()).isEqualTo("gzip");
              assertThat(o.ref().key()).endsWith(id + ".sig");
            });

    Http.Response mine = http.get("/v1/submissions/" + id, bearer(token));
    assertThat(mine.status()).isEqualTo(200);
    assertThat(mine.json().get("status").asText()).isIn("PENDING", "VERIFYING");

    String other = "o" + UUID.randomUUID().toString().substring(0, 8);
    String otherToken =
        tokens.issue(users.create(other, other + "@example.org", "x", false).getId());
    assertThat(http.get("/v1/submissions/" + id, bearer(otherToken)).status()).isEqualTo(404);
    String admin = "a" + UUID.randomUUID().toString().substring(0, 8);
    String adminToken =
        tokens.issue(users.create(admin, admin + "@example.org", "x", true).getId());
    assertThat(http.get("/v1/submissions/" + id, bearer(adminToken)).status()).isEqualTo(200);
    assertThat(http.get("/v1/submissions/not-a-uuid", bearer(token)).status()).isEqualTo(404);

    Http.Response status = http.get("/v1/status/sra/" + acc, null);
    assertThat(status.json().at("/submissions/0/id").asText()).isEqualTo(id);
    // known from the submission only: not a phantom QUEUED computation, no workflow to name
    assertThat(status.json().get("status").asText()).isEqualTo("SUBMITTED");
    assertThat(status.json().get("workflow_id").isNull()).isTrue();
  }

  @Test
  void gzippedSubmissionsAreAcceptedToo() throws IOException {
    Signature sig = new Signature(acc, "", List.of(sketch(21, 2000, 0, "DNA", 3, 4)));
    assertThat(submit(gzip(json(sig))).status()).isEqualTo(202);
  }

  @Test
  void aNameThatStartsWithTheAccessionAsWortNamesAssembliesIsAccepted() throws IOException {
    Signature named =
        new Signature(
            acc + " Escherichia coli str. K-12, ASM584v2",
            "",
            List.of(sketch(31, 1000, 0, "DNA", 5, 9)));
    assertRefused(
        json(new Signature(acc + "0 x", "", List.of(sketch(31, 1000, 0, "DNA", 1)))),
        "is named '" + acc + "0 x', not " + acc);
    assertThat(submit(json(named)).status()).isEqualTo(202);
  }

  @Test
  void junkBytesAreRefused() throws IOException {
    byte[] junk = new byte[5000];
    new java.util.Random(3).nextBytes(junk);
    assertRefused(junk, "not a sourmash signature file");
    assertRefused(
        "{\"class\":\"something\"}".getBytes(StandardCharsets.UTF_8), "not a sourmash signature");
  }

  @Test
  void aGzipBombIsRefusedWithoutExpanding() throws IOException {
    // valid JSON so far: an array opened, then 30 MB of white space (~30 KB compressed)
    byte[] padding = new byte[30_000_000];
    java.util.Arrays.fill(padding, (byte) ' ');
    padding[0] = '[';
    byte[] bomb = gzip(padding);
    assertThat(bomb.length).isLessThan(2_000_000);
    assertRefused(bomb, "refused as a decompression bomb");
  }

  @Test
  void aGzipBombOfHashesIsRefusedWithoutKeepingThem() throws IOException {
    // the heap bomb: one sketch whose 'mins' repeat a number (compresses ~1000:1), and one whose
    // ascending hashes compress like real ones but are more than the file may hold
    String head =
        "[{\"class\":\"sourmash_signature\",\"name\":\""
            + acc
            + "\",\"signatures\":[{\"ksize\":31,\"max_hash\":18446744073709552,"
            + "\"molecule\":\"DNA\",\"mins\":[";
    StringBuilder same = new StringBuilder(head);
    same.append("1,".repeat(3_000_000)).append("1]}]}]");
    // refused at its second hash, as it streams by
    assertRefused(
        gzip(same.toString().getBytes(StandardCharsets.US_ASCII)),
        "'mins' are not strictly ascending at position 1");
    StringBuilder ascending = new StringBuilder(head);
    for (int i = 1; i <= 600_000; i++) {
      ascending.append(i).append(',');
    }
    ascending.append("600001]}]}]");
    byte[] many = gzip(ascending.toString().getBytes(StandardCharsets.US_ASCII));
    assertThat(many.length).isLessThan(2_000_000);
    assertRefused(many, "more than 500000 hashes");
  }

  @Test
  void anOversizeFileIsRefused() throws IOException {
    assertRefused(new byte[2_100_000], "submissions are limited to 2000000");
  }

  @Test
  void signaturesWeCannotVerifyAreRefusedWithTheReason() throws IOException {
    assertRefused(
        json(new Signature("SRR0000001", "", List.of(sketch(31, 1000, 0, "DNA", 1)))),
        "is named 'SRR0000001', not " + acc);
    assertRefused(
        json(new Signature(null, "", List.of(sketch(31, 1000, 0, "DNA", 1)))), "has no name");
    assertRefused(
        json(new Signature(acc, "", List.of(sketch(31, 1000, 0, "protein", 1)))), "no DNA sketch");
    assertRefused(
        json(new Signature(acc, "", List.of(sketch(31, 1000, 0, "DNA")))), "k=31 is empty");
    assertRefused(json(new Signature(acc, "", List.of(sketch(25, 1000, 0, "DNA", 1)))), "k=25");
    assertRefused(
        json(new Signature(acc, "", List.of(sketch(31, 100, 0, "DNA", 1)))), "cannot be verified");
    assertRefused(
        json(new Signature(acc, "", List.of(sketch(31, 0, 500, "DNA", 1)))), "num sketch");
    assertRefused(json(new Signature(acc, "", List.of())), "no DNA sketch");
    Signature one = new Signature(acc, "", List.of(sketch(31, 1000, 0, "DNA", 1)));
    assertRefused(json(one, one), "holds 2 signatures");
  }

  @Test
  void theRouteNeedsATokenAFileAndAValidAccession() {
    assertThat(
            http.postFile("/v1/submit/sra/" + acc, null, "file", "x.sig", new byte[] {1}).status())
        .isEqualTo(401);
    Http.Response noFile =
        http.postFile("/v1/submit/sra/" + acc, bearer(token), "other", "x.sig", new byte[] {1});
    assertThat(noFile.status()).isEqualTo(400);
    assertThat(noFile.json().get("detail").asText()).contains("multipart field 'file'");
    assertThat(
            http.postFile("/v1/submit/sra/nope", bearer(token), "file", "x.sig", new byte[] {1})
                .status())
        .isEqualTo(400);
  }

  @Test
  void reverificationIsForAdminsAndServedSignaturesOnly() {
    String admin = "a" + UUID.randomUUID().toString().substring(0, 8);
    String adminToken =
        tokens.issue(users.create(admin, admin + "@example.org", "x", true).getId());
    assertThat(http.post("/v1/verify/sra/" + acc, bearer(token)).status()).isEqualTo(403);
    assertThat(http.post("/v1/verify/sra/" + acc, bearer(adminToken)).status()).isEqualTo(404);
    datasets.ensure(PublicDb.SRA, acc);
    datasets.markComputed(PublicDb.SRA, acc, "file://wort-sra/sigs/" + acc + ".sig", 10, List.of());
    Http.Response started = http.post("/v1/verify/sra/" + acc, bearer(adminToken));
    assertThat(started.status()).isEqualTo(202);
    String id = started.json().get("verification_id").asText();
    assertThat(started.json().get("workflow_id").asText()).isEqualTo("verify-" + id);
    assertThat(
            http.get("/v1/verifications/" + id, bearer(adminToken)).json().get("status").asText())
        .isEqualTo("RUNNING");
  }
}
