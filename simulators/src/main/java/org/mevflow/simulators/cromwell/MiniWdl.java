package org.mevflow.simulators.cromwell;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * A submitted workflow read by miniwdl, a real WDL parser and type checker (PyPI, installed by
 * {@code scripts/install-miniwdl}), through our helper {@code wdl_inputs.py}: the workflow's name,
 * its inputs checked against its declarations as Cromwell checks them (unexpected, missing
 * required, wrong type), and the inputs completed with the defaults that can be evaluated. Without
 * miniwdl the simulator says so instead of guessing.
 */
final class MiniWdl {
  static final long TIMEOUT_SECONDS = 60;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What miniwdl made of a workflow and its inputs. */
  record Checked(String workflow, List<String> errors, JsonNode inputs) {}

  private MiniWdl() {}

  /** The Python with miniwdl: MEVFLOW_MINIWDL_PYTHON, else mevflow's cache, if it is there. */
  static Path python() {
    String set = System.getenv("MEVFLOW_MINIWDL_PYTHON");
    if (set != null && !set.isBlank()) {
      return Path.of(set);
    }
    String cache = System.getenv("MEVFLOW_CACHE");
    if (cache == null || cache.isBlank()) {
      String xdg = System.getenv("XDG_CACHE_HOME");
      cache =
          (xdg == null || xdg.isBlank()
                  ? Path.of(System.getProperty("user.home"), ".cache")
                  : Path.of(xdg))
              .resolve("mevflow")
              .toString();
    }
    return Path.of(cache, "bin", "miniwdl-python");
  }

  static Checked check(String wdl, byte[] dependencies, JsonNode inputs)
      throws IOException, InterruptedException {
    Path python = python();
    if (!Files.isExecutable(python)) {
      throw new IOException(
          "the Cromwell simulator reads WDL with miniwdl, which is not installed ("
              + python
              + "; run scripts/install-miniwdl)");
    }
    Path dir = Files.createTempDirectory("wdl-");
    try {
      Files.writeString(dir.resolve("main.wdl"), wdl);
      if (dependencies != null) {
        unzip(dependencies, dir);
      }
      Files.write(dir.resolve("inputs.json"), JSON.writeValueAsBytes(inputs));
      Path script = dir.resolve(".wdl_inputs.py");
      try (InputStream in = MiniWdl.class.getResourceAsStream("wdl_inputs.py")) {
        Files.copy(in, script);
      }
      Process p =
          new ProcessBuilder(python.toString(), script.toString(), dir.toString())
              .redirectErrorStream(false)
              .redirectError(dir.resolve(".stderr").toFile())
              .start();
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException("miniwdl did not answer in " + TIMEOUT_SECONDS + " s");
      }
      if (p.exitValue() != 0) {
        throw new IOException(
            "miniwdl failed: " + Files.readString(dir.resolve(".stderr")).strip());
      }
      JsonNode answer = JSON.readTree(new String(out, StandardCharsets.UTF_8));
      List<String> errors = new ArrayList<>();
      answer.path("errors").forEach(e -> errors.add(e.asText()));
      return new Checked(answer.path("workflow").asText(null), errors, answer.path("inputs"));
    } finally {
      try (Stream<Path> walk = Files.walk(dir)) {
        walk.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
  }

  /** The dependency zip's .wdl files beside main.wdl (entries outside the folder are skipped). */
  private static void unzip(byte[] zip, Path dir) throws IOException {
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        Path target = dir.resolve(e.getName()).normalize();
        if (e.isDirectory() || !target.startsWith(dir) || target.equals(dir.resolve("main.wdl"))) {
          continue;
        }
        Files.createDirectories(target.getParent());
        Files.write(target, in.readNBytes(16 << 20));
      }
    }
  }
}
