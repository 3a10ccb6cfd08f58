package org.mevflow.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The backoff, on a clock the test moves. */
class LoginThrottleTest {
  /** A clock that stands still until told. */
  static final class Manual extends Clock {
    Instant now = Instant.parse("2026-12-01T00:00:00Z");

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }

  final Manual clock = new Manual();
  final LoginThrottle throttle = new LoginThrottle(clock, 5, 20);

  @Test
  void fiveFailuresAreFreeThenEachDoublesTheWaitUpToFifteenMinutes() {
    for (int i = 0; i < 5; i++) {
      assertThat(throttle.blocked("a@x.org", "10.0.0.1")).isEmpty();
      throttle.failed("a@x.org", "10.0.0.1");
    }
    assertThat(throttle.blocked("a@x.org", "10.0.0.1")).isEmpty();
    throttle.failed("a@x.org", "10.0.0.1");
    assertThat(throttle.blocked("A@X.org ", "10.0.0.9")).contains(Duration.ofSeconds(2));
    clock.now = clock.now.plusSeconds(2);
    assertThat(throttle.blocked("a@x.org", "10.0.0.1")).isEmpty();
    throttle.failed("a@x.org", "10.0.0.1");
    assertThat(throttle.blocked("a@x.org", "10.0.0.1")).contains(Duration.ofSeconds(4));
    for (int i = 0; i < 30; i++) {
      throttle.failed("a@x.org", "10.0.0." + (i + 2));
    }
    assertThat(throttle.blocked("a@x.org", "10.0.0.1")).contains(Duration.ofMinutes(15));
    // another account from another address is not held up
    assertThat(throttle.blocked("b@x.org", "10.0.0.200")).isEmpty();
  }

  @Test
  void aSuccessClearsTheAccountAndQuietTimeClearsEverything() {
    for (int i = 0; i < 6; i++) {
      throttle.failed("a@x.org", "10.0.0.1");
    }
    clock.now = clock.now.plusSeconds(3);
    throttle.succeeded("a@x.org");
    throttle.failed("a@x.org", "10.0.0.1");
    assertThat(throttle.blocked("a@x.org", "10.0.0.1")).isEmpty();

    for (int i = 0; i < 10; i++) {
      throttle.failed("c@x.org", "10.0.0.3");
    }
    assertThat(throttle.blocked("c@x.org", "10.0.0.3")).isPresent();
    clock.now = clock.now.plus(Duration.ofMinutes(16));
    assertThat(throttle.blocked("c@x.org", "10.0.0.3")).isEmpty();
    throttle.failed("c@x.org", "10.0.0.3");
    assertThat(throttle.blocked("c@x.org", "10.0.0.3")).isEmpty();
  }

  @Test
  void oneAddressGuessingManyAccountsIsHeldUpByItsAddress() {
    for (int i = 0; i < 21; i++) {
      throttle.failed("user" + i + "@x.org", "10.9.9.9");
    }
    assertThat(throttle.blocked("fresh@x.org", "10.9.9.9")).contains(Duration.ofSeconds(2));
    assertThat(throttle.blocked("fresh@x.org", "10.9.9.8")).isEmpty();
  }
}
