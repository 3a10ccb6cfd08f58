package org.mevflow.api.security;

import jakarta.annotation.Nullable;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Token and login settings. {@code secret} signs JWTs and derives wort tokens; it has no default:
 * the dev launcher generates one under {@code .mevflow/}, production must configure {@code
 * MEVFLOW_SECRET}.
 */
@ConfigurationProperties("mevflow.security")
public record SecurityProperties(
    @Nullable String secret,
    @Nullable Duration accessTokenTtl,
    @Nullable Duration refreshTokenTtl,
    @Nullable Duration wortTokenTtl,
    @Nullable Integer loginFailuresPerAccount,
    @Nullable Integer loginFailuresPerAddress) {

  static final int MIN_SECRET_BYTES = 32;

  public SecurityProperties {
    if (secret == null || secret.getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
      throw new IllegalStateException(
          "mevflow.security.secret (MEVFLOW_SECRET) must be set to at least "
              + MIN_SECRET_BYTES
              + " bytes of random text; only './mevflow dev' generates one for you");
    }
    accessTokenTtl = accessTokenTtl == null ? Duration.ofMinutes(30) : accessTokenTtl;
    refreshTokenTtl = refreshTokenTtl == null ? Duration.ofDays(1) : refreshTokenTtl;
    wortTokenTtl = wortTokenTtl == null ? Duration.ofHours(24) : wortTokenTtl;
    // failed logins before backoff begins (LoginThrottle)
    loginFailuresPerAccount = loginFailuresPerAccount == null ? 5 : loginFailuresPerAccount;
    loginFailuresPerAddress = loginFailuresPerAddress == null ? 20 : loginFailuresPerAddress;
  }
}
