package org.mevflow.core.sketch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * sourmash's own Rust core (the npm package's WebAssembly build), run by Node: the independent
 * implementation our sketches are checked against. Installed on first use from the npm registry
 * into ~/.cache/mevflow; if Node, npm or the package cannot be had, the test fails saying why.
 */
final class SourmashOracle {
  static final String VERSION = "0.13.1";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static Path module;

  private SourmashOracle() {}

  /** Params as the oracle script takes them. */
  record Params(List<Integer> ksizes, long scaled, int num, boolean abund) {
    String json() {
      return String.format(
          "{\"ksizes\":%s,\"scaled\":%d,\"num\":%d,\"abund\":%b,\"seed\":42}",
          ksizes, scaled, num, abund);
    }

    List<SketchParams> asSketchParams() {
      return ksizes.stream()
          .map(k -> new SketchParams(k, 42, scaled, num, abund))
          .collect(Collectors.toList());
    }
  }

  /** An oracle sketch: hashes ascending, abundances (or null), md5sum. */
  record Sketch(int ksize, long[] mins, long[] abundances, String md5sum) {}

  static synchronized Path module() throws IOException, InterruptedException {
    if (module != null) {
      return module;
    }
    Path prefix =
        Path.of(System.getProperty("user.home"), ".cache", "mevflow", "sourmash-oracle", VERSION);
    Path dir = prefix.resolve("node_modules").resolve("sourmash");
    if (!Files.exists(dir.resolve("sourmash_bg.wasm"))) {
      Files.createDirectories(prefix);
      String out =
          run(
              prefix,
              300,
              "npm",
              "install",
              "--prefix",
              prefix.toString(),
              "--no-audit",
              "--no-fund",
              "--loglevel=error",
              "sourmash@" + VERSION);
      if (!Files.exists(dir.resolve("sourmash_bg.wasm"))) {
        throw new IllegalStateException(
            "the sourmash oracle (npm sourmash@" + VERSION + ") could not be installed:\n" + out);
      }
    }
    module = dir;
    return dir;
  }

  static List<Sketch> sketch(Path input, Params params) throws IOException, InterruptedException {
    Path script = Path.of("src/test/oracle/sourmash-oracle.mjs").toAbsolutePath();
    String out =
        run(
            Path.of("."),
            600,
            "node",
            script.toString(),
            module().toString(),
            input.toString(),
            params.json());
    JsonNode sig;
    try {
      sig = JSON.readTree(out);
    } catch (IOException e) {
      throw new IllegalStateException("oracle output is not JSON:\n" + out, e);
    }
    List<Sketch> sketches = new ArrayList<>();
    for (JsonNode s : sig.get("signatures")) {
      long[] mins = numbers(s.get("mins"));
      long[] abund = s.has("abundances") ? numbers(s.get("abundances")) : null;
      sketches.add(new Sketch(s.get("ksize").asInt(), mins, abund, s.get("md5sum").asText()));
    }
    return sketches;
  }

  private static long[] numbers(JsonNode array) {
    long[] out = new long[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = new BigInteger(array.get(i).asText()).longValue();
    }
    return out;
  }

  private static String run(Path dir, int seconds, String... command)
      throws IOException, InterruptedException {
    Process p;
    try {
      p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot run '" + command[0] + "' for the sourmash oracle (is Node.js installed?)", e);
    }
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException(String.join(" ", command) + " timed out");
    }
    String text = new String(out, StandardCharsets.UTF_8);
    if (p.exitValue() != 0) {
      throw new IllegalStateException(
          String.join(" ", command) + " exited " + p.exitValue() + ":\n" + text);
    }
    return text;
  }
}
