package org.mevflow.core;

import java.nio.file.Path;

/**
 * Where {@code scripts/setup} installs the tools mevflow runs beside itself (never committed):
 * {@code $MEVFLOW_CACHE}, else {@code $XDG_CACHE_HOME/mevflow}, else {@code ~/.cache/mevflow}.
 */
public final class ToolCache {
  private ToolCache() {}

  public static Path dir() {
    String cache = System.getenv("MEVFLOW_CACHE");
    if (cache != null && !cache.isBlank()) {
      return Path.of(cache);
    }
    String xdg = System.getenv("XDG_CACHE_HOME");
    return (xdg == null || xdg.isBlank()
            ? Path.of(System.getProperty("user.home"), ".cache")
            : Path.of(xdg))
        .resolve("mevflow");
  }

  /**
   * The Python of the environment {@code scripts/install-miniwdl} makes (miniwdl and Jinja2,
   * pinned): {@code MEVFLOW_MINIWDL_PYTHON}, else {@code <cache>/bin/miniwdl-python}.
   */
  public static Path miniwdlPython() {
    String set = System.getenv("MEVFLOW_MINIWDL_PYTHON");
    if (set != null && !set.isBlank()) {
      return Path.of(set);
    }
    return dir().resolve("bin").resolve("miniwdl-python");
  }
}
