package org.mevflow.devstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Which Temporal server {@code ./mevflow dev} runs ({@code --temporal}), and where Temporal's CLI
 * is found: {@code MEVFLOW_TEMPORAL_BIN}, else the cache {@code scripts/install-temporal} installs
 * into, else {@code temporal} on the PATH.
 */
enum TemporalChoice {
  AUTO,
  CLI,
  TEST_SERVER;

  static final String MISSING =
      "Temporal's CLI is not installed (scripts/install-temporal builds it with Go, or set"
          + " MEVFLOW_TEMPORAL_BIN)";

  static TemporalChoice parse(String word) {
    return switch (word.strip().toLowerCase(Locale.ROOT)) {
      case "auto", "" -> AUTO;
      case "cli", "dev-server" -> CLI;
      case "test-server", "java" -> TEST_SERVER;
      default ->
          throw new IllegalArgumentException(
              "--temporal must be auto, cli or test-server, not '" + word + "'");
    };
  }

  /** As {@code --temporal} spells it. */
  String word() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  static Optional<Path> binary() {
    String set = System.getenv("MEVFLOW_TEMPORAL_BIN");
    if (set != null && !set.isBlank()) {
      return Optional.of(Path.of(set)).filter(Files::isExecutable);
    }
    Path cached = cache().resolve("bin/temporal");
    if (Files.isExecutable(cached)) {
      return Optional.of(cached);
    }
    for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
      Path candidate = Path.of(dir, "temporal");
      if (!dir.isEmpty() && Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /** {@code ${MEVFLOW_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/mevflow}}, as the scripts say. */
  static Path cache() {
    return org.mevflow.core.ToolCache.dir();
  }
}
