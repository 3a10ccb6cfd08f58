package org.mevflow.core.temporal;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * mevflow's own Temporal settings ({@code mevflow.temporal.*}; the connection itself is the
 * Temporal starter's {@code spring.temporal.*}): whether a process registers mevflow's search
 * attributes on the namespace at start (the dev stack does; a managed cluster may forbid it).
 */
@ConfigurationProperties("mevflow.temporal")
public record TemporalSettings(Boolean registerSearchAttributes) {
  public TemporalSettings {
    registerSearchAttributes = registerSearchAttributes == null || registerSearchAttributes;
  }
}
