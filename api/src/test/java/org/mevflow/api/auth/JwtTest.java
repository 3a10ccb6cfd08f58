package org.mevflow.api.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mevflow.api.testing.Http.bearer;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
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
class JwtTest {
  @LocalServerPort int port;
  @Autowired UserRepository users;
  @Autowired PasswordEncoder passwords;
  @Autowired TestClock clock;

  Http http;
  String email;

  @BeforeEach
  void user() {
    http = Http.local(port);
    String name = "j" + UUID.randomUUID().toString().substring(0, 8);
    email = name + "@Example.org";
    users.create(name, email, passwords.encode("pass-word-1"), false);
  }

  private JsonNode login() {
    Http.Response r =
        http.postJson(
            "/api/token/", null, "{\"email\":\"" + email + "\",\"password\":\"pass-word-1\"}");
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    return r.json();
  }

  private static JsonNode claims(String jwt) throws Exception {
    String payload = jwt.split("\\.")[1];
    return new com.fasterxml.jackson.databind.ObjectMapper()
        .readTree(new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8));
  }

  @Test
  void loginGivesAnAccessAndARefreshTokenShapedLikeSimpleJwt() throws Exception {
    JsonNode pair = login();
    JsonNode access = claims(pair.get("access").asText());
    JsonNode refresh = claims(pair.get("refresh").asText());
    assertThat(access.get("token_type").asText()).isEqualTo("access");
    assertThat(refresh.get("token_type").asText()).isEqualTo("refresh");
    assertThat(access.get("exp").asLong() - access.get("iat").asLong()).isEqualTo(30 * 60);
    assertThat(refresh.get("exp").asLong() - refresh.get("iat").asLong()).isEqualTo(24 * 3600);
    assertThat(access.get("user_id").asLong()).isEqualTo(refresh.get("user_id").asLong());

    Http.Response me = http.get("/api/users/", bearer(pair.get("access").asText()));
    assertThat(me.status()).isEqualTo(200);
    assertThat(me.json().get(0).get("email").asText()).isEqualTo(email.toLowerCase());
  }

  @Test
  void anAccessTokenExpiresAfterThirtyMinutesAndRefreshIgnoresTheExpiredBearerHeader() {
    JsonNode pair = login();
    String access = pair.get("access").asText();
    clock.advance(Duration.ofMinutes(30).plusSeconds(1));

    Http.Response expired = http.get("/api/users/", bearer(access));
    assertThat(expired.status()).isEqualTo(401);
    assertThat(expired.contentType()).startsWith("application/problem+json");
    assertThat(expired.json().get("detail").asText()).isEqualTo("token is expired");

    // WebMEV's front end sends the expired access token along with its refresh request.
    Http.Response refreshed =
        http.postJson(
            "/api/token/refresh/",
            bearer(access),
            "{\"refresh\":\"" + pair.get("refresh").asText() + "\"}");
    assertThat(refreshed.status()).as(refreshed.toString()).isEqualTo(200);
    String fresh = refreshed.json().get("access").asText();
    assertThat(http.get("/api/users/", bearer(fresh)).status()).isEqualTo(200);
  }

  @Test
  void aRefreshTokenExpiresAfterADay() {
    String refresh = login().get("refresh").asText();
    clock.advance(Duration.ofDays(1).plusSeconds(1));
    Http.Response r =
        http.postJson("/api/token/refresh/", null, "{\"refresh\":\"" + refresh + "\"}");
    assertThat(r.status()).isEqualTo(401);
    assertThat(r.json().get("detail").asText()).contains("expired");
  }

  @Test
  void eachTokenTypeIsAcceptedOnlyWhereItBelongs() {
    JsonNode pair = login();
    Http.Response refreshAsAccess = http.get("/api/users/", bearer(pair.get("refresh").asText()));
    assertThat(refreshAsAccess.status()).isEqualTo(401);
    assertThat(refreshAsAccess.json().get("detail").asText()).contains("wrong type");

    Http.Response accessAsRefresh =
        http.postJson(
            "/api/token/refresh/", null, "{\"refresh\":\"" + pair.get("access").asText() + "\"}");
    assertThat(accessAsRefresh.status()).isEqualTo(401);
  }

  @Test
  void aTamperedTokenIsRefused() throws Exception {
    String access = login().get("access").asText();
    String[] parts = access.split("\\.");
    String otherUser =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(
                claims(access)
                    .toString()
                    .replaceFirst("\"sub\":\"\\d+\"", "\"sub\":\"1\"")
                    .getBytes(StandardCharsets.UTF_8));
    Http.Response r = http.get("/api/users/", bearer(parts[0] + "." + otherUser + "." + parts[2]));
    assertThat(r.status()).isEqualTo(401);
    assertThat(r.json().get("detail").asText()).isEqualTo("token signature is invalid");

    Http.Response garbage = http.get("/api/users/", bearer("a.b.c"));
    assertThat(garbage.status()).isEqualTo(401);
    assertThat(garbage.json().get("detail").asText()).isEqualTo("token is malformed");
  }

  @Test
  void wrongCredentialsAndBadBodiesAreClearErrors() {
    Http.Response wrong =
        http.postJson("/api/token/", null, "{\"email\":\"" + email + "\",\"password\":\"nope\"}");
    assertThat(wrong.status()).isEqualTo(401);
    assertThat(wrong.contentType()).startsWith("application/problem+json");
    assertThat(wrong.json().get("detail").asText())
        .isEqualTo("no active account found with the given credentials");

    Http.Response unknown =
        http.postJson("/api/token/", null, "{\"email\":\"who@nowhere\",\"password\":\"nope\"}");
    assertThat(unknown.status()).isEqualTo(401);

    Http.Response missing = http.postJson("/api/token/", null, "{\"email\":\"" + email + "\"}");
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.contentType()).startsWith("application/problem+json");

    Http.Response notJson = http.postJson("/api/token/", null, "{email:");
    assertThat(notJson.status()).isEqualTo(400);
    assertThat(notJson.contentType()).startsWith("application/problem+json");
    assertThat(notJson.body()).doesNotContain("Exception").doesNotContain("at org.");
  }
}
