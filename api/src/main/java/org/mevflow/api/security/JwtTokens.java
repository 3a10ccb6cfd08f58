package org.mevflow.api.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import org.mevflow.db.UserRepository;
import org.mevflow.db.jooq.tables.records.UsersRecord;
import org.springframework.stereotype.Service;

/**
 * WebMEV's JWTs, shaped like djangorestframework-simplejwt's: HS256, {@code token_type} access or
 * refresh, {@code user_id}, {@code jti}; access valid 30 minutes, refresh one day.
 */
@Service
public class JwtTokens {
  /** The two kinds of token, named as simplejwt names them in the token_type claim. */
  public enum Type {
    ACCESS("access"),
    REFRESH("refresh");

    final String claim;

    Type(String claim) {
      this.claim = claim;
    }
  }

  /** An access/refresh pair. */
  public record Pair(String access, String refresh) {}

  private final UserRepository users;
  private final Clock clock;
  private final SecurityProperties properties;
  private final MACSigner signer;
  private final MACVerifier verifier;

  public JwtTokens(UserRepository users, Clock clock, SecurityProperties properties) {
    this.users = users;
    this.clock = clock;
    this.properties = properties;
    byte[] key = Keys.derive(properties.secret(), "mevflow/jwt");
    try {
      this.signer = new MACSigner(key);
      this.verifier = new MACVerifier(key);
    } catch (JOSEException e) {
      throw new IllegalStateException("a 256-bit HMAC key is always accepted", e);
    }
  }

  public Pair issue(UsersRecord user) {
    return new Pair(sign(user.getId(), Type.ACCESS), sign(user.getId(), Type.REFRESH));
  }

  /** A new access token for a valid refresh token (the refresh token itself is kept). */
  public Pair refresh(String refreshToken) {
    MevflowUser user = authenticate(refreshToken, Type.REFRESH);
    return new Pair(sign(user.id(), Type.ACCESS), refreshToken);
  }

  /** The user behind a token of the given type, or {@link AuthenticationFailure} saying why not. */
  public MevflowUser authenticate(String token, Type expected) {
    JWTClaimsSet claims;
    try {
      SignedJWT jwt = SignedJWT.parse(token);
      if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(verifier)) {
        throw new AuthenticationFailure("token signature is invalid");
      }
      claims = jwt.getJWTClaimsSet();
    } catch (ParseException | JOSEException e) {
      throw new AuthenticationFailure("token is malformed");
    }
    Date expires = claims.getExpirationTime();
    if (expires == null || !expires.toInstant().isAfter(clock.instant())) {
      throw new AuthenticationFailure("token is expired");
    }
    if (!expected.claim.equals(claims.getClaim("token_type"))) {
      throw new AuthenticationFailure("token has wrong type: expected " + expected.claim);
    }
    long userId;
    try {
      userId = Long.parseLong(claims.getSubject());
    } catch (NumberFormatException e) {
      throw new AuthenticationFailure("token names no user");
    }
    UsersRecord user =
        users
            .findById(userId)
            .filter(UsersRecord::getIsActive)
            .orElseThrow(() -> new AuthenticationFailure("user not found or not active"));
    return MevflowUser.of(user, MevflowUser.Credential.JWT, null);
  }

  private String sign(long userId, Type type) {
    Instant now = clock.instant();
    Duration ttl = type == Type.ACCESS ? properties.accessTokenTtl() : properties.refreshTokenTtl();
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .subject(Long.toString(userId))
            .claim("user_id", userId)
            .claim("token_type", type.claim)
            .jwtID(UUID.randomUUID().toString().replace("-", ""))
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plus(ttl)))
            .build();
    SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
    try {
      jwt.sign(signer);
    } catch (JOSEException e) {
      throw new IllegalStateException("HS256 signing with a valid key cannot fail", e);
    }
    return jwt.serialize();
  }
}
