package org.mevflow.api.auth;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.mevflow.api.problem.ApiException;
import org.mevflow.api.security.MevflowUser;
import org.mevflow.api.security.WortTokens;
import org.mevflow.db.UserRepository;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** wort's token routes: a bearer token for a username and password, and its revocation. */
@RestController
@Tag(name = "wort auth")
public class WortTokenController {
  private final WortTokens tokens;
  private final UserRepository users;

  public WortTokenController(WortTokens tokens, UserRepository users) {
    this.tokens = tokens;
    this.users = users;
  }

  @PostMapping(path = "/v1/auth/tokens", produces = MediaType.TEXT_PLAIN_VALUE)
  @Operation(summary = "A bearer token valid 24 h (HTTP Basic); an unexpired one is reused")
  public String issue(@AuthenticationPrincipal UserDetails login) {
    long userId =
        users
            .findByLogin(login.getUsername())
            .orElseThrow(() -> ApiException.unauthorized("user no longer exists"))
            .getId();
    return tokens.issue(userId);
  }

  @io.swagger.v3.oas.annotations.responses.ApiResponse(
      responseCode = "204",
      description = "revoked")
  @DeleteMapping("/v1/auth/tokens")
  @Operation(
      summary =
          "Revoke the wort token this request carries (bearer), or every token of the user"
              + " (HTTP Basic, as wort's API document allows)")
  public ResponseEntity<Void> revoke(@AuthenticationPrincipal Object principal) {
    if (principal instanceof UserDetails login) {
      long userId =
          users
              .findByLogin(login.getUsername())
              .orElseThrow(() -> ApiException.unauthorized("user no longer exists"))
              .getId();
      tokens.revokeAll(userId);
      return ResponseEntity.noContent().build();
    }
    MevflowUser user = (MevflowUser) principal;
    if (user.tokenId() == null) {
      throw new ApiException(
          HttpStatus.BAD_REQUEST,
          "this request authenticated with a "
              + user.credential()
              + "; send the wort token to revoke as the bearer token");
    }
    tokens.revoke(user.tokenId());
    return ResponseEntity.noContent().build();
  }
}
