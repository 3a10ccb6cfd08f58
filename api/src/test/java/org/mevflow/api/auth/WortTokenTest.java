package org.mevflow.api.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mevflow.api.testing.Http.basic;
import static org.mevflow.api.testing.Http.bearer;
import static org.mevflow.db.jooq.Tables.API_TOKENS;

import java.time.Duration;
import java.util.UUID;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mevflow.api.testing.ApiTest;
import org.mevflow.api.testing.Http;
import org.mevflow.api.testing.TestClock;
import org.mevflow.db.UserRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.password.PasswordEncoder;

@ApiTest
class WortTokenTest {
  @LocalServerPort int port;
  @Autowired UserRepository users;
  @Autowired PasswordEncoder passwords;
  @Autowired TestClock clock;
  @Autowired DSLContext db;

  Http http;
  String name;

  @BeforeEach
  void user() {
    http = Http.local(port);
    name = "u" + UUID.randomUUID().toString().substring(0, 8);
    users.create(name, name + "@example.org", passwords.encode("s3cret-pass"), false);
  }

  private String issue() {
    Http.Response r = http.post("/v1/auth/tokens", basic(name, "s3cret-pass"));
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    assertThat(r.contentType()).startsWith("text/plain");
    return r.body();
  }

  @Test
  void aTokenIsIssuedForBasicCredentialsAndAuthenticatesLaterCalls() {
    String token = issue();
    Http.Response me = http.get("/api/users/", bearer(token));
    assertThat(me.status()).isEqualTo(200);
    assertThat(me.json().get(0).get("username").asText()).isEqualTo(name);
  }

  @Test
  void anUnexpiredTokenIsHandedOutAgainAndAnExpiredOneIsNot() {
    String first = issue();
    assertThat(issue()).isEqualTo(first);

    clock.advance(Duration.ofHours(24).plusSeconds(1));
    Http.Response expired = http.get("/api/users/", bearer(first));
    assertThat(expired.status()).isEqualTo(401);
    assertThat(expired.contentType()).startsWith("application/problem+json");
    assertThat(expired.json().get("detail").asText()).contains("expired");

    String second = issue();
    assertThat(second).isNotEqualTo(first);
    assertThat(http.get("/api/users/", bearer(second)).status()).isEqualTo(200);
  }

  @Test
  void aRevokedTokenIsRefusedAndANewOneIsIssuedAfterwards() {
    String token = issue();
    assertThat(http.delete("/v1/auth/tokens", bearer(token)).status()).isEqualTo(204);

    Http.Response refused = http.get("/api/users/", bearer(token));
    assertThat(refused.status()).isEqualTo(401);
    assertThat(refused.json().get("detail").asText()).isEqualTo("bearer token was revoked");
    assertThat(http.delete("/v1/auth/tokens", bearer(token)).status()).isEqualTo(401);

    String fresh = issue();
    assertThat(fresh).isNotEqualTo(token);
    assertThat(http.get("/api/users/", bearer(fresh)).status()).isEqualTo(200);
  }

  @Test
  void wrongOrMissingBasicCredentialsGet401WithAProblemBody() {
    Http.Response wrong = http.post("/v1/auth/tokens", basic(name, "not-the-password"));
    assertThat(wrong.status()).isEqualTo(401);
    assertThat(wrong.contentType()).startsWith("application/problem+json");
    assertThat(wrong.header("WWW-Authenticate")).contains("Basic realm=\"mevflow\"");
    assertThat(wrong.json().get("detail").asText()).contains("wrong username or password");

    Http.Response unknown = http.post("/v1/auth/tokens", basic("nobody-" + name, "x"));
    assertThat(unknown.status()).isEqualTo(401);

    Http.Response missing = http.post("/v1/auth/tokens", null);
    assertThat(missing.status()).isEqualTo(401);
    assertThat(missing.json().get("detail").asText()).contains("HTTP Basic");

    Http.Response bearerInstead = http.post("/v1/auth/tokens", bearer("abc.def"));
    assertThat(bearerInstead.status()).isEqualTo(401);
    assertThat(bearerInstead.json().get("detail").asText()).contains("HTTP Basic");
  }

  @Test
  void forgedAndUnknownTokensAreRefused() {
    String token = issue();
    int dot = token.indexOf('.');
    char flipped = token.charAt(dot + 1) == 'A' ? 'B' : 'A';
    String forged = token.substring(0, dot + 1) + flipped + token.substring(dot + 2);
    Http.Response r = http.get("/api/users/", bearer(forged));
    assertThat(r.status()).isEqualTo(401);
    assertThat(r.json().get("detail").asText()).isEqualTo("invalid bearer token");

    Http.Response malformed = http.get("/api/users/", bearer("no-dot-at-all"));
    assertThat(malformed.status()).isEqualTo(401);
    assertThat(malformed.json().get("detail").asText()).isEqualTo("malformed bearer token");
  }

  @Test
  void revokingWithAJwtIsABadRequest() {
    Http.Response login =
        http.postJson(
            "/api/token/",
            null,
            "{\"email\":\"" + name + "@example.org\",\"password\":\"s3cret-pass\"}");
    String access = login.json().get("access").asText();
    Http.Response r = http.delete("/v1/auth/tokens", bearer(access));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.contentType()).startsWith("application/problem+json");
  }

  @Test
  void theDatabaseHoldsNoTokenOnlyItsHash() {
    String token = issue();
    String mac = token.substring(token.indexOf('.') + 1);
    var stored = db.fetch(API_TOKENS);
    assertThat(stored).isNotEmpty();
    for (var row : stored) {
      assertThat(row.intoList()).noneMatch(v -> v != null && v.toString().contains(mac));
    }
  }
}
