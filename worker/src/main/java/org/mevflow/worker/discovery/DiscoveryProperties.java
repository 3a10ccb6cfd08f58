package org.mevflow.worker.discovery;

import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import org.mevflow.core.text.Errors;
import org.mevflow.workflows.discovery.DiscoveryRequest;
import org.mevflow.workflows.discovery.DiscoverySchedule;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.lang.Nullable;

/**
 * Daily discovery ({@code mevflow.discovery.*}): whether this worker sets it up, how runs are
 * triggered ({@code auto}: a Temporal Schedule where the server keeps schedules, else this
 * process), the time of day and zone, sketches in flight per run, and the E-utilities page size.
 * {@code mevflow.discovery.check-interval} (default 60s) is how often the in-process trigger looks
 * at the clock.
 */
@ConfigurationProperties("mevflow.discovery")
public record DiscoveryProperties(
    @Nullable Boolean enabled,
    @Nullable Trigger trigger,
    @Nullable String at,
    @Nullable String zone,
    @Nullable Integer concurrency,
    @Nullable Integer pageSize) {
  /** How daily runs are started. */
  public enum Trigger {
    AUTO,
    SCHEDULE,
    IN_PROCESS
  }

  public DiscoveryProperties {
    enabled = enabled != null && enabled;
    trigger = trigger == null ? Trigger.AUTO : trigger;
    at = at == null || at.isBlank() ? "04:00" : at.strip();
    zone = zone == null || zone.isBlank() ? "UTC" : zone.strip();
    concurrency = concurrency == null ? DiscoveryRequest.DEFAULT_CONCURRENCY : concurrency;
    pageSize = pageSize == null ? DiscoveryRequest.DEFAULT_PAGE_SIZE : pageSize;
  }

  /** The schedule's settings, checked: a bad value stops the worker at start with its reason. */
  public DiscoverySchedule.Settings settings() {
    LocalTime time;
    ZoneId zoneId;
    try {
      time = LocalTime.parse(at);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "mevflow.discovery.at must be a time of day such as 04:00, not '" + at + "'");
    }
    try {
      zoneId = ZoneId.of(zone);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "mevflow.discovery.zone must be a time zone such as UTC or America/New_York, not '"
              + zone
              + "'");
    }
    try {
      return new DiscoverySchedule.Settings(time, zoneId, concurrency, pageSize);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("mevflow.discovery: " + Errors.describe(e));
    }
  }
}
