package org.mevflow.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mevflow.api.testing.ApiTest;
import org.mevflow.api.testing.Http;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Every refused credential gets 401, a problem+json body saying why, and a challenge. */
@ApiTest
class AuthorizationHeaderTest {
  @LocalServerPort int port;

  @Test
  void noHeaderOnAProtectedRoute() {
    Http.Response r = Http.local(port).get("/api/users/", null);
    assertThat(r.status()).isEqualTo(401);
    assertThat(r.contentType()).startsWith("application/problem+json");
    assertThat(r.header("WWW-Authenticate")).contains("Bearer realm=\"mevflow\"");
    assertThat(r.json().get("detail").asText()).contains("Authorization: Bearer");
    assertThat(r.json().get("instance").asText()).isEqualTo("/api/users/");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "Bearer| must be 'Bearer <token>'",
        "Bearer | must be 'Bearer <token>'",
        "Token abc.def| must be 'Bearer <token>'",
        "Basic ZGV2OmRldg==| must be 'Bearer <token>'",
        "Bearer one two| must be 'Bearer <token>'",
        "Bearer abc.def| invalid bearer token",
        "Bearer x.y.z| token is malformed"
      })
  void malformedHeaders(String header, String reason) {
    Http.Response r = Http.local(port).get("/api/users/", header);
    assertThat(r.status()).as(header).isEqualTo(401);
    assertThat(r.contentType()).startsWith("application/problem+json");
    assertThat(r.json().get("detail").asText()).contains(reason.strip());
  }

  @Test
  void aBadHeaderIsIgnoredOnPublicRoutes() {
    Http.Response r = Http.local(port).get("/actuator/health", "Bearer expired.or.junk");
    assertThat(r.status()).isEqualTo(200);
  }

  @Test
  void corsPreflightAllowsTheConfiguredOriginAndHeaders() {
    Http.Response r =
        Http.local(port)
            .send(
                Http.local(port)
                    .request("/api/users/", null)
                    .header("Origin", "http://front.example")
                    .header("Access-Control-Request-Method", "GET")
                    .header("Access-Control-Request-Headers", "authorization,content-type")
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Access-Control-Allow-Origin")).contains("http://front.example");
    assertThat(r.header("Access-Control-Allow-Headers").orElse("").toLowerCase())
        .contains("authorization")
        .contains("content-type");

    Http.Response other =
        Http.local(port)
            .send(
                Http.local(port)
                    .request("/api/users/", null)
                    .header("Origin", "http://evil.example")
                    .header("Access-Control-Request-Method", "GET")
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
    assertThat(other.status()).isEqualTo(403);
    assertThat(other.contentType()).startsWith("application/problem+json");
    assertThat(other.json().get("detail").asText())
        .isEqualTo(
            "cross-origin request refused: origin 'http://evil.example' is not allowed"
                + " (mevflow.api.cors-allowed-origins)");
    assertThat(other.header("Vary").orElse("")).contains("Origin");

    Http.Response badHeader =
        Http.local(port)
            .send(
                Http.local(port)
                    .request("/v1/compute/sra/SRR1234567", null)
                    .header("Origin", "http://front.example")
                    .header("Access-Control-Request-Method", "POST")
                    .header("Access-Control-Request-Headers", "x-not-allowed")
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
    assertThat(badHeader.status()).isEqualTo(403);
    assertThat(badHeader.contentType()).startsWith("application/problem+json");
    assertThat(badHeader.json().get("detail").asText())
        .startsWith("cross-origin request refused: its method or headers are not allowed");
  }
}
