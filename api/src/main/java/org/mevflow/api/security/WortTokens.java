package org.mevflow.api.security;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Base64;
import org.mevflow.db.TokenRepository;
import org.mevflow.db.UserRepository;
import org.mevflow.db.jooq.tables.records.ApiTokensRecord;
import org.mevflow.db.jooq.tables.records.UsersRecord;
import org.springframework.stereotype.Service;

/**
 * wort's bearer tokens: valid 24 h, handed out again while unexpired (as wort does), revocable.
 *
 * <p>A token is {@code selector.mac}, where {@code mac} = HMAC(secret, selector). The database
 * keeps the selector and the token's SHA-256, never the token: a leaked table yields no usable
 * token, and the server can still re-derive an unexpired token from its selector to reuse it.
 */
@Service
public class WortTokens {
  /** A token handed out again must still be good for at least this long. */
  private static final Duration REUSE_MARGIN = Duration.ofMinutes(1);

  private static final Duration TOUCH_INTERVAL = Duration.ofMinutes(1);
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  private final TokenRepository tokens;
  private final UserRepository users;
  private final Clock clock;
  private final Duration ttl;
  private final byte[] key;
  private final SecureRandom random = new SecureRandom();

  public WortTokens(
      TokenRepository tokens, UserRepository users, Clock clock, SecurityProperties properties) {
    this.tokens = tokens;
    this.users = users;
    this.clock = clock;
    this.ttl = properties.wortTokenTtl();
    this.key = Keys.derive(properties.secret(), "mevflow/wort-token");
  }

  /** The caller's live token if one has time left, else a new one. */
  public String issue(long userId) {
    OffsetDateTime now = OffsetDateTime.now(clock);
    var reusable = tokens.findReusable(userId, now.plus(REUSE_MARGIN));
    if (reusable.isPresent()) {
      String token = tokenFor(reusable.get().getSelector());
      // After a secret rotation the derived token no longer matches what was issued: issue anew.
      if (Keys.sha256Hex(token).equals(reusable.get().getTokenHash())) {
        return token;
      }
    }
    byte[] selectorBytes = new byte[16];
    random.nextBytes(selectorBytes);
    String selector = B64.encodeToString(selectorBytes);
    String token = tokenFor(selector);
    tokens.insert(userId, selector, Keys.sha256Hex(token), now.plus(ttl));
    return token;
  }

  /** The user a token belongs to, or {@link AuthenticationFailure} saying why it is refused. */
  public MevflowUser authenticate(String token) {
    int dot = token.indexOf('.');
    if (dot <= 0 || dot != token.lastIndexOf('.')) {
      throw new AuthenticationFailure("malformed bearer token");
    }
    // Constant-time check of the MAC before any database lookup: forged tokens cost nothing.
    if (!MessageDigest.isEqual(tokenFor(token.substring(0, dot)).getBytes(), token.getBytes())) {
      throw new AuthenticationFailure("invalid bearer token");
    }
    ApiTokensRecord row =
        tokens
            .findByHash(Keys.sha256Hex(token))
            .orElseThrow(() -> new AuthenticationFailure("unknown bearer token"));
    OffsetDateTime now = OffsetDateTime.now(clock);
    if (row.getRevokedAt() != null) {
      throw new AuthenticationFailure("bearer token was revoked");
    }
    if (!row.getExpiresAt().isAfter(now)) {
      throw new AuthenticationFailure("bearer token expired at " + row.getExpiresAt());
    }
    UsersRecord user =
        users
            .findById(row.getUserId())
            .filter(UsersRecord::getIsActive)
            .orElseThrow(() -> new AuthenticationFailure("the token's user is not active"));
    if (row.getLastUsedAt() == null || row.getLastUsedAt().plus(TOUCH_INTERVAL).isBefore(now)) {
      tokens.touch(row.getId(), now);
    }
    return MevflowUser.of(user, MevflowUser.Credential.WORT_TOKEN, row.getId());
  }

  /** Revokes the token; false if it was already revoked. */
  public boolean revoke(long tokenId) {
    return tokens.revoke(tokenId, OffsetDateTime.now(clock));
  }

  /** Revokes every live token of the user; how many there were. */
  public int revokeAll(long userId) {
    return tokens.revokeAll(userId, OffsetDateTime.now(clock));
  }

  private String tokenFor(String selector) {
    return selector + "." + B64.encodeToString(Keys.hmac(key, selector));
  }
}
