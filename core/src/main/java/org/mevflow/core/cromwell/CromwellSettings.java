package org.mevflow.core.cromwell;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The Cromwell server analyses run on ({@code mevflow.cromwell.*}): its URL (none: Cromwell
 * operations answer 503 here), the Authorization header sent with every call, and each call's
 * timeout.
 */
@ConfigurationProperties("mevflow.cromwell")
public record CromwellSettings(String url, String authorization, Duration timeout) {
  public CromwellSettings {
    url = url == null ? "" : url.strip();
    authorization = authorization == null || authorization.isBlank() ? null : authorization;
    timeout = timeout == null ? Duration.ofSeconds(30) : timeout;
  }

  public boolean configured() {
    return !url.isEmpty();
  }

  /** A client of the configured server; empty when none is configured. */
  public Optional<CromwellClient> client() {
    if (!configured()) {
      return Optional.empty();
    }
    return Optional.of(
        new CromwellClient(
            new CromwellClient.Settings(URI.create(url), authorization, timeout),
            HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build()));
  }
}
