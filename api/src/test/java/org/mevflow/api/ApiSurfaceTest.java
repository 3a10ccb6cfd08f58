package org.mevflow.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mevflow.api.testing.Http.bearer;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.mevflow.api.security.WortTokens;
import org.mevflow.api.testing.ApiTest;
import org.mevflow.api.testing.Http;
import org.mevflow.db.UserRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Health, OpenAPI, and the error handler's answers for routes and roles. */
@ApiTest
class ApiSurfaceTest {
  @LocalServerPort int port;
  @Autowired UserRepository users;
  @Autowired WortTokens tokens;

  private String tokenFor(boolean admin) {
    String name = "s" + UUID.randomUUID().toString().substring(0, 8);
    long id = users.create(name, name + "@example.org", "x", admin).getId();
    return tokens.issue(id);
  }

  @Test
  void healthChecksTheDatabaseAndTemporal() {
    Http.Response r = Http.local(port).get("/actuator/health", null);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().at("/status").asText()).isEqualTo("UP");
    assertThat(r.json().at("/components/db/status").asText()).isEqualTo("UP");
    assertThat(r.json().at("/components/temporal/status").asText()).isEqualTo("UP");
  }

  @Test
  void openApiDocumentAndSwaggerUiAreServed() {
    Http.Response doc = Http.local(port).get("/v3/api-docs", null);
    assertThat(doc.status()).isEqualTo(200);
    assertThat(doc.json().at("/paths").has("/v1/auth/tokens")).isTrue();
    assertThat(doc.json().at("/paths").has("/api/token/")).isTrue();
    assertThat(Http.local(port).get("/swagger-ui/index.html", null).status()).isEqualTo(200);
  }

  @Test
  void unknownRoutesAreProblems() {
    Http.Response r = Http.local(port).get("/v1/no-such-route", bearer(tokenFor(false)));
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.contentType()).startsWith("application/problem+json");
  }

  @Test
  void adminRoutesRefuseOrdinaryUsers() {
    Http.Response r =
        Http.local(port).get("/v1/admin/workers/analyses/roundtrip", bearer(tokenFor(false)));
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.contentType()).startsWith("application/problem+json");
    assertThat(r.json().get("detail").asText()).contains("admin");
  }

  @Test
  void anUnknownTaskQueueIsNotFound() {
    Http.Response r =
        Http.local(port).get("/v1/admin/workers/no-such-queue/roundtrip", bearer(tokenFor(true)));
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.json().get("detail").asText()).contains("unknown task queue 'no-such-queue'");
  }
}
