package org.mevflow.worker;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The healers' settings ({@code mevflow.reconciler.*}): how old a row must be before it counts as
 * stranded ({@code grace}, 2 min), and how long a validation may take before its resource is marked
 * failed ({@code validation-limit}, 125 min). How often they run is {@code interval} (60 s), read
 * by their {@code @Scheduled} triggers.
 */
@ConfigurationProperties("mevflow.reconciler")
public record ReconcilerProperties(Duration grace, Duration validationLimit, Duration interval) {
  public ReconcilerProperties {
    grace = grace == null ? Duration.ofMinutes(2) : grace;
    validationLimit = validationLimit == null ? Duration.ofMinutes(125) : validationLimit;
    interval = interval == null ? Duration.ofSeconds(60) : interval;
  }
}
