package org.mevflow.api.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mevflow.api.testing.Http.bearer;
import static org.mevflow.db.jooq.Tables.FEEDBACK;
import static org.mevflow.db.jooq.Tables.SITE_MESSAGES;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.util.UUID;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mevflow.api.security.WortTokens;
import org.mevflow.api.testing.ApiTest;
import org.mevflow.api.testing.Http;
import org.mevflow.core.storage.Content;
import org.mevflow.core.storage.ObjectRef;
import org.mevflow.core.storage.ObjectStorage;
import org.mevflow.db.ResourceRepository;
import org.mevflow.db.UserRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Table contents as the front end's tables and plots read them; downloads; the small routes. */
@ApiTest
class ContentsAndSiteTest {
  @LocalServerPort int port;
  @Autowired UserRepository users;
  @Autowired WortTokens tokens;
  @Autowired ResourceRepository resources;
  @Autowired ObjectStorage storage;
  @Autowired DSLContext db;

  Http http;
  String auth;
  long owner;

  @BeforeEach
  void user() {
    http = Http.local(port);
    String name = "c" + UUID.randomUUID().toString().substring(0, 8);
    owner = users.create(name, name + "@example.org", "x", false).getId();
    auth = bearer(tokens.issue(owner));
  }

  /** A validated table, as the validation workflow leaves it. */
  private String table(String type, String tsv) throws Exception {
    UUID id = UUID.randomUUID();
    ObjectRef ref = new ObjectRef("mevflow-resources", "standard/" + id + "/" + type + ".tsv");
    storage.put(
        ref, Files.writeString(Files.createTempFile("t", ".tsv"), tsv), Content.OCTET_STREAM);
    resources.createUploaded(
        id, owner, "table.tsv", storage.uri(ref).toString(), tsv.length(), "sha256:x");
    resources.validated(id, type, "tsv", null, null, "ok");
    return id.toString();
  }

  @Test
  void aJsonResourcesContentsAndPreviewAreTheDocument() throws Exception {
    String id = table("JSON", "{\"genes\": 3, \"top\": [\"TP53\"]}");
    JsonNode preview = http.get("/api/resources/" + id + "/contents/preview/", auth).json();
    assertThat(preview.get("genes").asInt()).isEqualTo(3);
    assertThat(http.get("/api/resources/" + id + "/contents/", auth).json().at("/top/0").asText())
        .isEqualTo("TP53");
  }

  @Test
  void previewPagesAndRowNameFilters() throws Exception {
    StringBuilder tsv = new StringBuilder("gene\tS1\tS2\n");
    for (int i = 1; i <= 25; i++) {
      tsv.append("G").append(i).append('\t').append(i).append('\t').append(i / 2.0).append('\n');
    }
    tsv.append("TP53\tNA\t1e3\n");
    String id = table("EXP_MTX", tsv.toString());

    JsonNode preview = http.get("/api/resources/" + id + "/contents/preview", auth).json();
    assertThat(preview).hasSize(10);
    assertThat(preview.get(0).get("rowname").asText()).isEqualTo("G1");
    assertThat(preview.get(0).at("/values/S1").isIntegralNumber()).isTrue();
    assertThat(preview.get(0).at("/values/S2").asDouble()).isEqualTo(0.5);
    assertThat(http.get("/api/resources/" + id + "/contents/preview/", auth).status())
        .isEqualTo(200);

    JsonNode page =
        http.get("/api/resources/" + id + "/contents/?page=2&page_size=10", auth).json();
    assertThat(page.get("count").asInt()).isEqualTo(26);
    assertThat(page.get("results")).hasSize(10);
    assertThat(page.get("results").get(0).get("rowname").asText()).isEqualTo("G11");
    assertThat(page.get("next").asText()).endsWith("page_size=10&page=3");
    assertThat(page.get("previous").asText()).endsWith("page_size=10&page=1");
    JsonNode last =
        http.get("/api/resources/" + id + "/contents/?page=3&page_size=10", auth).json();
    assertThat(last.get("results")).hasSize(6);
    assertThat(last.get("next").isNull()).isTrue();

    JsonNode gene =
        http.get("/api/resources/" + id + "/contents/?__rowname__=[case-ins-eq]:tp53", auth).json();
    assertThat(gene).hasSize(1);
    assertThat(gene.get(0).at("/values/S1").isNull()).isTrue();
    assertThat(gene.get(0).at("/values/S2").asDouble()).isEqualTo(1000.0);
    assertThat(http.get("/api/resources/" + id + "/contents/", auth).json()).hasSize(26);
    assertThat(http.get("/api/resources/" + id + "/contents/?page=0", auth).status())
        .isEqualTo(400);
  }

  @Test
  void annotationTablesKeepTheirTextAndOnlyTablesHaveContents() throws Exception {
    String id = table("ANN", "sample\tcondition\nS1\ttreated\n");
    assertThat(
            http.get("/api/resources/" + id + "/contents/preview", auth)
                .json()
                .get(0)
                .at("/values/condition")
                .asText())
        .isEqualTo("treated");
    String other =
        http.postFile("/api/resources/upload/", auth, "datafile", "x.bin", new byte[] {1, 2, 3})
            .json()
            .get("id")
            .asText();
    Http.Response r = http.get("/api/resources/" + other + "/contents/preview", auth);
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().get("detail").asText()).contains("only validated tables");
  }

  @Test
  void downloadAndSignedUrlForLocalStorage() {
    String id =
        http.postFile("/api/resources/upload/", auth, "datafile", "my file.txt", "hello".getBytes())
            .json()
            .get("id")
            .asText();
    Http.Response download = http.get("/api/resources/download/" + id + "/", auth);
    assertThat(download.status()).isEqualTo(200);
    assertThat(download.body()).isEqualTo("hello");
    assertThat(download.header("Content-Disposition").orElseThrow()).contains("attachment");
    JsonNode signed = http.get("/api/resources/signed-url/" + id + "/", auth).json();
    assertThat(signed.get("download_type").asText()).isEqualTo("local");
    assertThat(signed.get("url").asText()).endsWith("/api/resources/download/" + id + "/");
  }

  @Test
  void theSmallRoutesTheFrontEndCallsOnEveryPage() {
    db.deleteFrom(SITE_MESSAGES).execute();
    assertThat(http.get("/api/latest-message/", null).json().get("message").asText()).isEmpty();
    db.insertInto(SITE_MESSAGES).set(SITE_MESSAGES.MESSAGE, "Maintenance on Friday").execute();
    assertThat(http.get("/api/latest-message/", null).json().get("message").asText())
        .isEqualTo("Maintenance on Friday");

    assertThat(http.postJson("/api/feedback/", auth, "{\"message\":\"Great tool\"}").status())
        .isEqualTo(201);
    assertThat(db.fetchCount(FEEDBACK, FEEDBACK.USER_ID.eq(owner))).isEqualTo(1);
    assertThat(http.postJson("/api/feedback/", auth, "{\"message\":\"\"}").status()).isEqualTo(400);
    assertThat(http.postJson("/api/feedback/", null, "{\"message\":\"x\"}").status())
        .isEqualTo(401);

    assertThat(http.get("/api/public-datasets/", auth).json().isEmpty()).isTrue();
    Http.Response dropbox = http.postJson("/api/resources/dropbox-upload/", auth, "[]");
    assertThat(dropbox.status()).isEqualTo(501);
    assertThat(dropbox.contentType()).startsWith("application/problem+json");
    // the Files tab lists Globus transfers on every load: none, as WebMEV answers without any
    Http.Response transfers = http.get("/api/globus/transfer/", auth);
    assertThat(transfers.status()).isEqualTo(200);
    assertThat(transfers.json()).isEmpty();
    assertThat(http.get("/api/globus/initiate/?direction=upload", auth).status()).isEqualTo(501);
  }
}
