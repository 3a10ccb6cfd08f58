package org.mevflow.api.problem;

import java.util.Optional;
import java.util.UUID;

/** Ids from paths and bodies: a malformed one is simply not found, never a 500. */
public final class Ids {
  private Ids() {}

  public static Optional<UUID> parse(String id) {
    try {
      return id == null ? Optional.empty() : Optional.of(UUID.fromString(id));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
