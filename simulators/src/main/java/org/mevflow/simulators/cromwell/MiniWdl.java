package org.mevflow.simulators.cromwell;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.mevflow.core.storage.Content;
import org.mevflow.core.storage.NoSuchObjectException;
import org.mevflow.core.storage.ObjectRef;
import org.mevflow.core.storage.ObjectStorage;

/**
 * A submitted workflow read and run by miniwdl, a real WDL parser, type checker and interpreter
 * (PyPI, installed by {@code scripts/install-miniwdl}), through our helpers: {@code wdl_inputs.py}
 * checks the inputs against the workflow's declarations as Cromwell checks them (unexpected,
 * missing required, wrong type) and completes them with the defaults that can be evaluated; {@code
 * wdl_run.py} runs the workflow (every call, scatter and declaration) with each task's command on
 * this host, for the images allowed to run there. Without miniwdl the simulator says so instead of
 * guessing.
 */
final class MiniWdl {
  static final long TIMEOUT_SECONDS = 600;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What miniwdl made of a workflow and its inputs; {@code files}: the File inputs' values. */
  record Checked(String workflow, List<String> errors, JsonNode inputs, List<String> files) {}

  /** The images whose tasks run on the host unless configured otherwise: plain base images. */
  static final List<String> HOST_IMAGES = List.of("ubuntu", "debian", "busybox", "alpine", "bash");

  /** A run that failed; the message is the job's failure as Cromwell would word it. */
  static final class Failed extends Exception {
    Failed(String message) {
      super(message);
    }
  }

  private MiniWdl() {}

  /** The Python with miniwdl: MEVFLOW_MINIWDL_PYTHON, else mevflow's tool cache. */
  static Path python() {
    return org.mevflow.core.ToolCache.miniwdlPython();
  }

  static Checked check(String wdl, byte[] dependencies, JsonNode inputs)
      throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("wdl-");
    try {
      prepare(dir, wdl, dependencies, inputs);
      JsonNode answer = helper("wdl_inputs.py", dir, List.of(dir.toString()));
      List<String> errors = new ArrayList<>();
      answer.path("errors").forEach(e -> errors.add(e.asText()));
      List<String> files = new ArrayList<>();
      answer.path("files").forEach(f -> files.add(f.asText()));
      return new Checked(
          answer.path("workflow").asText(null), errors, answer.path("inputs"), files);
    } finally {
      deleteTree(dir);
    }
  }

  /**
   * Runs the workflow with miniwdl's runtime in {@code scratch}, each task's command on this host
   * when its image is one of {@code hostImages} (else the job fails: "this task needs container
   * X"). File inputs are read first (bucket URIs from storage; on local storage, local paths, as
   * Cromwell's local backend reads them); File outputs are put in storage under {@code
   * outputBucket}/{@code prefix}. Answers the outputs, fully qualified name to value (a File as its
   * bucket URI, or its path on local storage, as Cromwell names them).
   */
  static Map<String, JsonNode> run(
      String wdl,
      byte[] dependencies,
      Checked checked,
      Path scratch,
      ObjectStorage storage,
      String outputBucket,
      String prefix,
      List<String> hostImages)
      throws IOException, InterruptedException, Failed {
    Files.createDirectories(scratch);
    Path inputsDir = Files.createDirectories(scratch.resolve("inputs"));
    Map<String, String> local = new LinkedHashMap<>();
    for (String uri : checked.files()) {
      if (local.containsKey(uri)) {
        continue;
      }
      Path target =
          Files.createDirectories(inputsDir.resolve(Integer.toString(local.size())))
              .resolve(uri.substring(uri.lastIndexOf('/') + 1));
      if (uri.startsWith("/") && storage.keepsLocalFiles()) {
        // a local path, as Cromwell's local backend reads it (a local-storage stack sends these)
        Path file = Path.of(uri);
        if (!Files.isRegularFile(file)) {
          throw new Failed("Workflow input processing failed: Could not localize " + uri);
        }
        Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
      } else if (uri.startsWith(storage.scheme() + "://")) {
        ObjectRef ref = ObjectRef.fromUri(URI.create(uri));
        try (InputStream in = storage.get(ref)) {
          Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (NoSuchObjectException e) {
          throw new Failed("Workflow input processing failed: Could not localize " + uri);
        }
      } else {
        throw new Failed(
            "Workflow input processing failed: Could not localize "
                + uri
                + ": the simulator reads "
                + storage.scheme()
                + ":// files"
                + (storage.keepsLocalFiles() ? " and local paths" : ""));
      }
      local.put(uri, target.toString());
    }
    Path dir = Files.createDirectories(scratch.resolve("workflow"));
    prepare(dir, wdl, dependencies, replaced(checked.inputs(), local));
    JsonNode answer =
        helper(
            "wdl_run.py",
            dir,
            List.of(
                dir.toString(),
                Files.createDirectories(scratch.resolve("run")).toString(),
                String.join(",", hostImages)));
    if (answer.hasNonNull("error")) {
      throw new Failed(answer.get("error").asText());
    }
    Map<String, String> uploaded = new LinkedHashMap<>();
    int n = 0;
    for (JsonNode f : answer.path("files")) {
      Path file = Path.of(f.asText());
      ObjectRef ref =
          new ObjectRef(
              outputBucket, prefix + "/outputs/" + (n++) + "/" + file.getFileName().toString());
      storage.put(ref, file, Content.OCTET_STREAM);
      // Cromwell names outputs in its bucket by URI, on a local filesystem by path
      uploaded.put(
          f.asText(),
          storage.localFile(ref).map(Path::toString).orElse(storage.uri(ref).toString()));
    }
    Map<String, JsonNode> outputs = new LinkedHashMap<>();
    answer
        .path("outputs")
        .fields()
        .forEachRemaining(e -> outputs.put(e.getKey(), replaced(e.getValue(), uploaded)));
    return outputs;
  }

  /** The value with every text equal to a key of {@code map} replaced by its value. */
  private static JsonNode replaced(JsonNode v, Map<String, String> map) {
    if (v.isTextual()) {
      String r = map.get(v.asText());
      return r == null ? v : JSON.getNodeFactory().textNode(r);
    }
    if (v.isArray()) {
      var out = JSON.createArrayNode();
      v.forEach(i -> out.add(replaced(i, map)));
      return out;
    }
    if (v.isObject()) {
      var out = JSON.createObjectNode();
      v.fields().forEachRemaining(e -> out.set(e.getKey(), replaced(e.getValue(), map)));
      return out;
    }
    return v;
  }

  private static void prepare(Path dir, String wdl, byte[] dependencies, JsonNode inputs)
      throws IOException {
    Files.writeString(dir.resolve("main.wdl"), wdl);
    if (dependencies != null) {
      unzip(dependencies, dir);
    }
    Files.write(dir.resolve("inputs.json"), JSON.writeValueAsBytes(inputs));
    for (String helper : List.of("wdl_common.py", "wdl_inputs.py", "wdl_run.py")) {
      try (InputStream in = MiniWdl.class.getResourceAsStream(helper)) {
        Files.copy(in, dir.resolve(helper), StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }

  /** Runs one helper on {@code dir}; answers the JSON it printed. */
  private static JsonNode helper(String script, Path dir, List<String> args)
      throws IOException, InterruptedException {
    Path python = python();
    if (!Files.isExecutable(python)) {
      throw new IOException(
          "the Cromwell simulator reads WDL with miniwdl, which is not installed ("
              + python
              + "; run scripts/install-miniwdl)");
    }
    List<String> command =
        new ArrayList<>(List.of(python.toString(), dir.resolve(script).toString()));
    command.addAll(args);
    Path stdout = dir.resolve("." + script + ".out");
    Path stderr = dir.resolve("." + script + ".err");
    Process p =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectOutput(stdout.toFile())
            .redirectError(stderr.toFile())
            .start();
    p.getOutputStream().close();
    if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      throw new IOException("miniwdl did not answer in " + TIMEOUT_SECONDS + " s");
    }
    if (p.exitValue() != 0) {
      throw new IOException("miniwdl failed: " + Files.readString(stderr).strip());
    }
    return JSON.readTree(Files.readString(stdout, StandardCharsets.UTF_8));
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path f : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(f);
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
