package org.mevflow.api.signatures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mevflow.api.testing.Http.basic;
import static org.mevflow.api.testing.Http.bearer;

import java.net.http.HttpRequest;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mevflow.api.security.WortTokens;
import org.mevflow.api.testing.ApiTest;
import org.mevflow.api.testing.Http;
import org.mevflow.db.UserRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * wort's site and the answers its clients read: the pages anyone may fetch (GET and HEAD, as Flask
 * answers HEAD wherever it answers GET), the no-slash page address redirected as Flask redirects
 * it, a page for a dataset never requested, 404 (not 401) for paths nothing answers, {@code
 * {"status": String}} in every /v1/ error, and token revocation with Basic credentials.
 */
@ApiTest
class WortSiteApiTest {
  @LocalServerPort int port;
  @Autowired UserRepository users;
  @Autowired WortTokens tokens;
  @Autowired PasswordEncoder passwords;

  Http http;

  @BeforeEach
  void client() {
    http = Http.local(port);
  }

  private Http.Response head(String path) {
    return http.send(http.request(path, null).method("HEAD", HttpRequest.BodyPublishers.noBody()));
  }

  @Test
  void theSitePagesAreServedToAnyoneForGetAndHead() {
    for (String page : List.of("/", "/about/", "/view/", "/view/sra/SRR0000001/")) {
      Http.Response get = http.get(page, null);
      assertThat(get.status()).as(page).isEqualTo(200);
      assertThat(get.contentType()).as(page).startsWith("text/html");
      Http.Response head = head(page);
      assertThat(head.status()).as("HEAD " + page).isEqualTo(200);
      assertThat(head.body()).isEmpty();
    }
    assertThat(http.get("/", null).body()).contains("datasets, calculated from");
    assertThat(http.get("/view/", null).body()).contains("/view/{db}/{dataset_id}");
    // a dataset nobody asked for: wort's page saying so
    assertThat(http.get("/view/sra/SRR0000001/", null).body())
        .contains("Dataset not calculated yet");
    // what GET answers for a signature, HEAD answers too (here: not computed)
    assertThat(head("/v1/view/sra/SRR0000001").status()).isEqualTo(404);
    assertThat(head("/v1/status/sra/SRR0000001").status()).isEqualTo(404);
  }

  @Test
  void thePageAddressWithoutItsSlashIsRedirectedAsFlaskDoes() {
    Http.Response r = http.get("/view/genomes/GCA_016787465.1", null);
    assertThat(r.status()).isEqualTo(308);
    assertThat(r.header("Location").orElseThrow()).contains("/view/genomes/GCA_016787465.1/");
  }

  @Test
  void pathsNothingAnswersAre404ForAnyoneAndWrongMethodsAre405() {
    Http.Response nowhere = http.get("/no/such/page", null);
    assertThat(nowhere.status()).isEqualTo(404);
    assertThat(nowhere.contentType()).startsWith("application/problem+json");
    Http.Response v1 = http.get("/v1/no-such-route", null);
    assertThat(v1.status()).isEqualTo(404);
    // routes that exist still need credentials
    assertThat(http.post("/v1/compute/sra/SRR0000001", null).status()).isEqualTo(401);
    assertThat(http.get("/api/workspaces/", null).status()).isEqualTo(401);
  }

  @Test
  void everyV1ErrorCarriesItsReasonAsWortsStatusMember() {
    String name = "s" + UUID.randomUUID().toString().substring(0, 8);
    String token = tokens.issue(users.create(name, name + "@example.org", "x", false).getId());
    Http.Response bad = http.post("/v1/compute/sra/SRR12", bearer(token));
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.contentType()).startsWith("application/problem+json");
    // wort's Rust client reads {"status": String}: a text, and the only status member
    assertThat(bad.json().get("status").isTextual()).isTrue();
    assertThat(bad.json().get("status").asText()).contains("not a valid SRA run accession");
    assertThat(bad.json().get("code").asInt()).isEqualTo(400);
    assertThat(bad.body().indexOf("\"status\"")).isEqualTo(bad.body().lastIndexOf("\"status\""));
    Http.Response unauthorized = http.post("/v1/compute/sra/SRR0000001", null);
    assertThat(unauthorized.json().get("status").asText()).contains("Bearer");
    // WebMEV's routes keep problem+json's numeric status
    assertThat(http.get("/api/workspaces/", null).json().get("status").asInt()).isEqualTo(401);
  }

  @Test
  void basicCredentialsRevokeTheUsersTokensAsWortsApiDocumentAllows() {
    String name = "r" + UUID.randomUUID().toString().substring(0, 8);
    users.create(name, name + "@example.org", passwords.encode("s3cret-pass"), false);
    String token = http.post("/v1/auth/tokens", basic(name, "s3cret-pass")).body();
    assertThat(http.get("/api/users/", bearer(token)).status()).isEqualTo(200);

    assertThat(http.delete("/v1/auth/tokens", basic(name, "s3cret-pass")).status()).isEqualTo(204);
    assertThat(http.get("/api/users/", bearer(token)).status()).isEqualTo(401);
    assertThat(http.delete("/v1/auth/tokens", basic(name, "wrong")).status()).isEqualTo(401);
  }

  @Test
  void wortsApiDocumentAndItsUiAreWhereWortServesThem() {
    Http.Response doc = http.get("/v1/openapi.json", null);
    assertThat(doc.status()).as(doc.toString()).isEqualTo(200);
    assertThat(doc.json().get("openapi").asText()).startsWith("3.");
    var paths = doc.json().get("paths");
    assertThat(paths.has("/v1/compute/sra/{sra_id}")).isTrue();
    assertThat(paths.has("/v1/compute/genomes/{assembly_accession}")).isTrue();
    assertThat(paths.has("/v1/view/{public_db}/{dataset_id}")).isTrue();
    assertThat(paths.has("/v1/auth/tokens")).isTrue();
    assertThat(paths.has("/v1/submit/{public_db}/{dataset_id}")).isTrue();
    // wort's document only: WebMEV's routes are in mevflow's
    paths.fieldNames().forEachRemaining(p -> assertThat(p).startsWith("/v1/"));
    assertThat(http.get("/v3/api-docs", null).json().get("paths").has("/api/workspaces/")).isTrue();
    Http.Response ui = http.get("/v1/ui/", null);
    assertThat(ui.status()).isEqualTo(302);
    assertThat(ui.header("Location").orElseThrow()).contains("/swagger-ui/index.html");
    assertThat(
            http.get(ui.header("Location").orElseThrow().replaceFirst("^https?://[^/]+", ""), null)
                .status())
        .isEqualTo(200);
  }
}
