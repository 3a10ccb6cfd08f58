package org.mevflow.api.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Backoff on failed logins, per account and per client address, for every route that checks a
 * password ({@code POST /api/token/}, wort's Basic credentials). The first failures are free (5 per
 * account, 20 per address); each one after that blocks the account or address for twice as long as
 * the previous block (2 s, 4 s, ... up to 15 minutes). While blocked, attempts are refused with 429
 * and {@code Retry-After} before any password is hashed, so guessing costs the guesser time and the
 * server nothing. A success clears its account; 15 quiet minutes clear anything. Memory is bounded:
 * at most {@link #MAX_TRACKED} keys, the stalest dropped first.
 */
public final class LoginThrottle {
  static final Duration MAX_BLOCK = Duration.ofMinutes(15);
  static final Duration FORGET_AFTER = Duration.ofMinutes(15);
  static final int MAX_TRACKED = 100_000;

  private final Clock clock;
  private final int freePerAccount;
  private final int freePerAddress;
  private final Map<String, Failures> failures = new ConcurrentHashMap<>();

  /** {@code freePerAccount}, {@code freePerAddress}: failures allowed before the backoff. */
  public LoginThrottle(Clock clock, int freePerAccount, int freePerAddress) {
    this.clock = clock;
    this.freePerAccount = freePerAccount;
    this.freePerAddress = freePerAddress;
  }

  private record Failures(int count, Instant last, Instant blockedUntil) {}

  /** Refused as long as this, or empty when the attempt may go ahead. */
  public Optional<Duration> blocked(String account, String address) {
    Instant now = clock.instant();
    Duration wait = Duration.ZERO;
    for (String key : keys(account, address)) {
      Failures f = failures.get(key);
      if (f != null && f.blockedUntil() != null && f.blockedUntil().isAfter(now)) {
        Duration left = Duration.between(now, f.blockedUntil());
        wait = left.compareTo(wait) > 0 ? left : wait;
      }
    }
    return wait.isZero() ? Optional.empty() : Optional.of(wait);
  }

  /** A wrong password (or an unknown account) for this account from this address. */
  public void failed(String account, String address) {
    Instant now = clock.instant();
    if (failures.size() >= MAX_TRACKED) {
      prune(now);
    }
    String[] keys = keys(account, address);
    for (String key : keys) {
      int free = key.startsWith("account:") ? freePerAccount : freePerAddress;
      failures.compute(
          key,
          (k, f) -> {
            int count =
                f == null || Duration.between(f.last(), now).compareTo(FORGET_AFTER) > 0
                    ? 1
                    : f.count() + 1;
            Instant until = null;
            if (count > free) {
              int doublings = Math.min(count - free, 20);
              Duration block = Duration.ofSeconds(1L << doublings);
              until = now.plus(block.compareTo(MAX_BLOCK) > 0 ? MAX_BLOCK : block);
            }
            return new Failures(count, now, until);
          });
    }
  }

  /** A correct password: the account starts afresh (its address keeps its count). */
  public void succeeded(String account) {
    if (account != null) {
      failures.remove("account:" + normal(account));
    }
  }

  private static String[] keys(String account, String address) {
    if (account == null || account.isBlank()) {
      return new String[] {"address:" + address};
    }
    return new String[] {"account:" + normal(account), "address:" + address};
  }

  private static String normal(String account) {
    String a = account.strip().toLowerCase(Locale.ROOT);
    return a.length() > 320 ? a.substring(0, 320) : a;
  }

  private void prune(Instant now) {
    failures
        .entrySet()
        .removeIf(e -> Duration.between(e.getValue().last(), now).compareTo(FORGET_AFTER) > 0);
    if (failures.size() >= MAX_TRACKED) {
      failures.entrySet().stream()
          .sorted(Comparator.comparing(e -> e.getValue().last()))
          .limit(failures.size() - MAX_TRACKED / 2)
          .map(Map.Entry::getKey)
          .toList()
          .forEach(failures::remove);
    }
  }

  /** Thrown (as an authentication failure) for an attempt made while blocked. */
  public static final class Blocked
      extends org.springframework.security.core.AuthenticationException {
    private final Duration retryAfter;

    public Blocked(Duration retryAfter) {
      super("too many failed logins; try again in " + seconds(retryAfter) + " s");
      this.retryAfter = retryAfter;
    }

    public long retryAfterSeconds() {
      return seconds(retryAfter);
    }

    static long seconds(Duration d) {
      return Math.max(1, (d.toMillis() + 999) / 1000);
    }
  }
}
