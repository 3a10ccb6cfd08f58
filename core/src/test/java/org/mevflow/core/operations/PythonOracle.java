package org.mevflow.core.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The Python that WebMEV's behaviour is checked against: the environment {@code
 * scripts/install-miniwdl} makes (Python 3 with Jinja2 pinned, as WebMEV renders entrypoints with
 * it), found as the simulator finds it. A test that needs it fails when it is missing: {@code
 * scripts/setup} installs it.
 */
final class PythonOracle {
  private static final ObjectMapper JSON = new ObjectMapper();

  private PythonOracle() {}

  static Path python() {
    return org.mevflow.core.ToolCache.miniwdlPython();
  }

  /** Runs {@code script} with {@code input} (JSON) on its standard input; answers its JSON. */
  static JsonNode run(String script, JsonNode input) throws IOException, InterruptedException {
    Path python = python();
    if (!Files.isExecutable(python)) {
      throw new IllegalStateException(python + " is missing: run scripts/setup");
    }
    Process p = new ProcessBuilder(python.toString(), "-c", script).start();
    p.getOutputStream().write(JSON.writeValueAsBytes(input));
    p.getOutputStream().close();
    byte[] out = p.getInputStream().readAllBytes();
    byte[] err = p.getErrorStream().readAllBytes();
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException("python failed: " + new String(err, StandardCharsets.UTF_8));
    }
    return JSON.readTree(out);
  }
}
