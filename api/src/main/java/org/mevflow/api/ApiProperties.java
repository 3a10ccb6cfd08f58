package org.mevflow.api;

import jakarta.annotation.Nullable;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Settings of the HTTP surface. */
@ConfigurationProperties("mevflow.api")
public record ApiProperties(@Nullable List<String> corsAllowedOrigins) {
  public ApiProperties {
    corsAllowedOrigins = corsAllowedOrigins == null ? List.of() : List.copyOf(corsAllowedOrigins);
  }
}
