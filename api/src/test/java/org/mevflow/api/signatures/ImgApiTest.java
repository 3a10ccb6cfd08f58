package org.mevflow.api.signatures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mevflow.api.testing.Http.bearer;

import io.temporal.client.WorkflowClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
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
 * wort's third database, IMG: its signatures are viewed, paged and submitted as wort allows, into
 * {@code wort-img}; there is no compute for it (wort has no such route), and the 404 says why.
 */
@ApiTest
class ImgApiTest {
  @LocalServerPort int port;
  @Autowired UserRepository users;
  @Autowired WortTokens tokens;
  @Autowired DatasetRepository datasets;
  @Autowired ObjectStorage storage;
  @Autowired WorkflowClient temporal;

  Http http;
  String img;

  @BeforeEach
  void client() {
    http = Http.local(port);
    img = String.valueOf(2_500_000_000L + (long) (Math.random() * 1_000_000_000L));
  }

  private String token(boolean admin) {
    String name = "i" + UUID.randomUUID().toString().substring(0, 8);
    return tokens.issue(users.create(name, name + "@example.org", "x", admin).getId());
  }

  private static byte[] signature(String name) throws IOException {
    MinHash k31 =
        new MinHash(
            0,
            31,
            42,
            SketchParams.maxHashFor(1000),
            true,
            MinHash.DNA,
            SortedHashes.of(new long[] {3, 8, 13}, new long[] {1, 2, 1}));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    SignatureJson.write(List.of(new Signature(name, "genome.fna", List.of(k31))), out);
    return out.toByteArray();
  }

  @Test
  void aSignatureIsSubmittedForAnImgGenomeIntoWortsImgBucket() throws IOException {
    String token = token(false);
    Http.Response r =
        http.postFile("/v1/submit/img/" + img, bearer(token), "file", img + ".sig", signature(img));
    assertThat(r.status()).as(r.toString()).isEqualTo(202);
    assertThat(r.json().get("status").asText()).isEqualTo("Signature accepted");
    String id = r.json().get("submission_id").asText();
    assertThat(storage.list("wort-img", "submitted/"))
        .singleElement()
        .satisfies(o -> assertThat(o.ref().key()).endsWith("/" + img + "/" + id + ".sig"));
    assertThat(datasets.find(PublicDb.IMG, img)).isPresent();
    // the verifier is told who submitted it and what recomputes it (nothing can, for IMG)
    String input =
        temporal
            .fetchHistory("verify-" + id)
            .getEvents()
            .get(0)
            .getWorkflowExecutionStartedEventAttributes()
            .getInput()
            .getPayloads(0)
            .getData()
            .toString(StandardCharsets.UTF_8);
    assertThat(input)
        .contains("\"database\":\"img\"")
        .contains("\"operator\":false")
        .contains("\"recomputeWith\":[\"native\"]");
  }

  @Test
  void anImgIdIsANumberAndTheSignatureMustBeNamedForIt() throws IOException {
    String token = token(false);
    Http.Response bad =
        http.postFile("/v1/submit/img/IMG-1", bearer(token), "file", "x.sig", signature("IMG-1"));
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().get("status").asText()).contains("not a valid IMG genome id");
    Http.Response misnamed =
        http.postFile("/v1/submit/img/" + img, bearer(token), "file", "x.sig", signature("123"));
    assertThat(misnamed.status()).isEqualTo(400);
    assertThat(misnamed.json().get("status").asText())
        .contains("the signature is named '123', not " + img);
    assertThat(datasets.find(PublicDb.IMG, img)).isEmpty();
    assertThat(storage.list("wort-img", "submitted/")).noneMatch(o -> o.ref().key().contains(img));
  }

  @Test
  void thereIsNoComputeForImgAndThe404SaysWhy() {
    for (String token : java.util.Arrays.asList(null, token(false))) {
      Http.Response r = http.post("/v1/compute/img/" + img, token == null ? null : bearer(token));
      assertThat(r.status()).isEqualTo(404);
      assertThat(r.contentType()).startsWith("application/problem+json");
      // wort's clients read {"status": String}
      assertThat(r.json().get("status").asText())
          .contains("IMG signatures are not computed")
          .contains("/v1/submit/img/" + img);
    }
    assertThat(datasets.find(PublicDb.IMG, img)).isEmpty();
  }

  @Test
  void aServedImgSignatureIsViewedAndPagedAsWortServesThem() {
    Http.Response none = http.get("/v1/view/img/" + img, null);
    assertThat(none.status()).isEqualTo(404);
    assertThat(http.get("/view/img/" + img + "/", null).body())
        .contains("Dataset not calculated yet");

    datasets.ensure(PublicDb.IMG, img);
    datasets.markComputed(
        PublicDb.IMG, img, "file://wort-img/submitted/1/" + img + "/x.sig", 10, List.of());
    Http.Response view = http.get("/v1/view/img/" + img, null);
    assertThat(view.status()).isEqualTo(302);
    Http.Response head =
        http.send(
            http.request("/v1/view/img/" + img, null)
                .method("HEAD", HttpRequest.BodyPublishers.noBody()));
    assertThat(head.status()).isEqualTo(302);
    Http.Response page = http.get("/view/img/" + img + "/", null);
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body())
        .contains("Database: img")
        .contains("COMPUTED")
        .contains("Metadata at JGI IMG")
        .contains("taxon_oid=" + img);
    assertThat(http.get("/view/img/" + img, null).status()).isEqualTo(308);
    assertThat(http.get("/v1/status/img/" + img, null).json().get("status").asText())
        .isEqualTo("COMPUTED");
  }
}
