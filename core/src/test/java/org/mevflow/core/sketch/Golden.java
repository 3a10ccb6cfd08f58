package org.mevflow.core.sketch;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the golden files written by the real sourmash live (../shared/testdata/sourmash). */
final class Golden {
  private Golden() {}

  static Path dir() {
    String shared = System.getProperty("mevflow.shared", "../../shared");
    Path dir = Path.of(shared, "testdata", "sourmash").normalize();
    if (!Files.isDirectory(dir)) {
      throw new IllegalStateException(
          "golden files not found at " + dir.toAbsolutePath() + " (is ../shared beside the repo?)");
    }
    return dir;
  }

  static Path file(String name) {
    return dir().resolve(name);
  }
}
