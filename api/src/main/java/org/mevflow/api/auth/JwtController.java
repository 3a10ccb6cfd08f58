package org.mevflow.api.auth;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import java.util.UUID;
import org.mevflow.api.problem.ApiException;
import org.mevflow.api.security.AuthenticationFailure;
import org.mevflow.api.security.JwtTokens;
import org.mevflow.core.text.Errors;
import org.mevflow.db.UserRepository;
import org.mevflow.db.jooq.tables.records.UsersRecord;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** WebMEV's login: email and password for a JWT pair, and the refresh of an access token. */
@RestController
@Tag(name = "WebMEV auth")
public class JwtController {
  private final UserRepository users;
  private final PasswordEncoder passwords;
  private final JwtTokens jwt;

  /** Compared against when the email is unknown, so that both failures take the same time. */
  private final String noUserHash;

  private final org.mevflow.api.security.LoginThrottle throttle;

  public JwtController(
      UserRepository users,
      PasswordEncoder passwords,
      JwtTokens jwt,
      org.mevflow.api.security.LoginThrottle throttle) {
    this.throttle = throttle;
    this.users = users;
    this.passwords = passwords;
    this.jwt = jwt;
    this.noUserHash = passwords.encode(UUID.randomUUID().toString());
  }

  /** {@code POST /api/token/} body. */
  public record Login(@NotBlank String email, @NotBlank String password) {}

  /** {@code POST /api/token/refresh/} body. */
  public record Refresh(@NotBlank String refresh) {}

  @PostMapping("/api/token/")
  @Operation(
      summary =
          "Obtain an access (30 min) and a refresh token; 429 with Retry-After after repeated"
              + " failures")
  public JwtTokens.Pair obtain(
      @Valid @RequestBody Login login, jakarta.servlet.http.HttpServletRequest request) {
    String address = request.getRemoteAddr();
    // refused before any password is hashed
    throttle
        .blocked(login.email(), address)
        .ifPresent(
            wait -> {
              var blocked = new org.mevflow.api.security.LoginThrottle.Blocked(wait);
              throw ApiException.tooManyRequests(blocked.getMessage(), blocked.retryAfterSeconds());
            });
    UsersRecord user = users.findByEmail(login.email()).orElse(null);
    boolean matches =
        passwords.matches(login.password(), user == null ? noUserHash : user.getPasswordHash());
    if (user == null || !matches || !user.getIsActive()) {
      throttle.failed(login.email(), address);
      throw ApiException.unauthorized("no active account found with the given credentials");
    }
    throttle.succeeded(login.email());
    return jwt.issue(user);
  }

  @PostMapping("/api/token/refresh/")
  @Operation(summary = "A new access token for a refresh token")
  public JwtTokens.Pair refresh(@Valid @RequestBody Refresh refresh) {
    try {
      return jwt.refresh(refresh.refresh());
    } catch (AuthenticationFailure e) {
      throw ApiException.unauthorized("refresh " + Errors.describe(e));
    }
  }
}
