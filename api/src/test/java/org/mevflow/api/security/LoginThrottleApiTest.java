package org.mevflow.api.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mevflow.api.testing.Http.basic;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.mevflow.api.testing.ApiTest;
import org.mevflow.api.testing.Http;
import org.mevflow.db.UserRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Repeated wrong passwords on both routes that check one: 401 for the free ones, then 429 with
 * Retry-After and a problem body, even for the right password, until the wait has passed.
 */
@ApiTest
class LoginThrottleApiTest {
  @LocalServerPort int port;
  @Autowired UserRepository users;
  @Autowired PasswordEncoder passwords;

  private String account() {
    String name = "t" + UUID.randomUUID().toString().substring(0, 8);
    users.create(name, name + "@example.org", passwords.encode("right-password"), false);
    return name;
  }

  @Test
  void webmevsTokenRouteBacksOffAfterFiveFailures() {
    Http http = Http.local(port);
    String email = account() + "@example.org";
    for (int i = 0; i < 5; i++) {
      Http.Response wrong =
          http.postJson(
              "/api/token/", null, "{\"email\":\"" + email + "\",\"password\":\"wrong\"}");
      assertThat(wrong.status()).isEqualTo(401);
    }
    http.postJson("/api/token/", null, "{\"email\":\"" + email + "\",\"password\":\"wrong\"}");
    Http.Response right =
        http.postJson(
            "/api/token/", null, "{\"email\":\"" + email + "\",\"password\":\"right-password\"}");
    assertThat(right.status()).isEqualTo(429);
    assertThat(right.contentType()).startsWith("application/problem+json");
    assertThat(right.header("Retry-After")).get().isIn("1", "2");
    assertThat(right.json().get("detail").asText()).startsWith("too many failed logins");
  }

  @Test
  void wortsBasicCredentialsBackOffToo() {
    Http http = Http.local(port);
    String name = account();
    for (int i = 0; i < 6; i++) {
      assertThat(http.post("/v1/auth/tokens", basic(name, "wrong")).status()).isEqualTo(401);
    }
    Http.Response blocked = http.post("/v1/auth/tokens", basic(name, "right-password"));
    assertThat(blocked.status()).isEqualTo(429);
    assertThat(blocked.header("Retry-After")).isPresent();
    // wort's clients read {"status": String}
    assertThat(blocked.json().get("status").asText()).startsWith("too many failed logins");
  }
}
