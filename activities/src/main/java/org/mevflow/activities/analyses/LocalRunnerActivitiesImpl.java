package org.mevflow.activities.analyses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.client.ActivityCompletionException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.mevflow.core.docker.DockerCli;
import org.mevflow.core.operations.OperationBundle;
import org.mevflow.core.operations.OperationSpec;
import org.mevflow.core.storage.Content;
import org.mevflow.core.storage.ObjectRef;
import org.mevflow.core.storage.ObjectStorage;
import org.mevflow.core.text.Errors;
import org.mevflow.db.ExecutionRepository;
import org.mevflow.db.OperationRepository;
import org.mevflow.db.ResourceRepository;
import org.mevflow.db.jooq.tables.records.ExecutionsRecord;
import org.mevflow.db.jooq.tables.records.OperationsRecord;
import org.mevflow.db.type.Runner;
import org.mevflow.workflows.analyses.LocalRunnerActivities;
import org.mevflow.workflows.analyses.RunOutputs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local runners. WebMEV's {@code local_docker} operations run in their image ({@link
 * LocalDockerRuns}). mevflow's own {@code local} runner: the operation's files and its input
 * resources are staged in a scratch folder, {@code run.sh} runs there (resources as file paths in
 * {@code INPUT_<key>}, other values as text) under a time limit, and the files named in {@code
 * outputs.json} are uploaded. Exit codes become readable errors; cancellation kills the process.
 */
public class LocalRunnerActivitiesImpl implements LocalRunnerActivities {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Logger log = LoggerFactory.getLogger(LocalRunnerActivitiesImpl.class);

  /** Where scratch folders go, the longest a run may take, the bucket for outputs. */
  public record Settings(Path scratch, Duration timeLimit, String outputBucket) {}

  private final Settings settings;
  private final ObjectStorage storage;
  private final ExecutionRepository executions;
  private final OperationRepository operations;
  private final ResourceRepository resources;
  private final Optional<DockerCli> docker;

  public LocalRunnerActivitiesImpl(
      Settings settings,
      ObjectStorage storage,
      ExecutionRepository executions,
      OperationRepository operations,
      ResourceRepository resources) {
    this(settings, storage, executions, operations, resources, Optional.empty());
  }

  public LocalRunnerActivitiesImpl(
      Settings settings,
      ObjectStorage storage,
      ExecutionRepository executions,
      OperationRepository operations,
      ResourceRepository resources,
      Optional<DockerCli> docker) {
    this.settings = settings;
    this.storage = storage;
    this.executions = executions;
    this.operations = operations;
    this.resources = resources;
    this.docker = docker;
  }

  @Override
  public RunOutputs run(String executionId) {
    ExecutionsRecord exec = executions.find(UUID.fromString(executionId)).orElseThrow();
    OperationsRecord op = operations.find(exec.getOperationId()).orElseThrow();
    if (op.getRunner() == Runner.LOCAL_DOCKER) {
      return inContainer(exec, op);
    }
    Path dir = settings.scratch().resolve(executionId);
    Path pidFile = settings.scratch().resolve(executionId + ".pid");
    try {
      stopLeftover(pidFile, dir);
      deleteTree(dir);
      Files.createDirectories(dir.resolve("inputs"));
      OperationSpec spec = OperationSpec.parse(op.getSpec().data());
      stageBundle(op, dir);
      Map<String, String> env = stageInputs(spec, JSON.readTree(exec.getInputs().data()), dir);
      return execute(spec, executionId, dir, env);
    } catch (IOException e) {
      throw new UncheckedIOException("local run of " + executionId + ": " + Errors.describe(e), e);
    } catch (OperationSpec.Invalid e) {
      return RunOutputs.failed(List.of("the operation's spec is invalid: " + Errors.describe(e)));
    } finally {
      try {
        deleteTree(dir);
        Files.deleteIfExists(pidFile);
      } catch (IOException ignored) {
        // scratch space; the next run of this execution starts by clearing it
      }
    }
  }

  private RunOutputs inContainer(ExecutionsRecord exec, OperationsRecord op) {
    if (docker.isEmpty()) {
      return RunOutputs.failed(
          List.of(
              "this operation runs in a Docker container and no Docker is configured on this"
                  + " worker (mevflow.docker.binary)"));
    }
    OperationSpec spec;
    try {
      spec = OperationSpec.parse(op.getSpec().data());
    } catch (OperationSpec.Invalid e) {
      return RunOutputs.failed(List.of("the operation's spec is invalid: " + Errors.describe(e)));
    }
    try {
      return new LocalDockerRuns(
              docker.get(), storage, resources, settings.outputBucket(), settings.timeLimit())
          .run(exec, op, spec);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "container run of " + exec.getId() + ": " + Errors.describe(e), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /**
   * An earlier attempt's run.sh still running (its worker died without killing it) is stopped with
   * everything it started, so that two runs never write one scratch folder.
   */
  private static void stopLeftover(Path pidFile, Path dir) throws IOException {
    if (!Files.isRegularFile(pidFile)) {
      return;
    }
    try {
      long pid = Long.parseLong(Files.readString(pidFile).strip());
      ProcessHandle.of(pid)
          .filter(p -> p.info().command().map(c -> c.endsWith("sh")).orElse(false))
          .filter(p -> p.info().arguments().map(a -> List.of(a).contains("run.sh")).orElse(false))
          .ifPresent(
              p -> {
                log.warn("stopping run.sh (pid {}) left by an earlier attempt in {}", pid, dir);
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.onExit().orTimeout(10, TimeUnit.SECONDS).exceptionally(e -> p).join();
              });
    } catch (NumberFormatException unreadable) {
      // not ours to act on
    }
    Files.deleteIfExists(pidFile);
  }

  private void stageBundle(OperationsRecord op, Path dir) throws IOException {
    for (var file : OperationBundle.files(storage, op.getBundleUri()).entrySet()) {
      Path target = dir.resolve(file.getKey()).normalize();
      if (!target.startsWith(dir)) {
        continue;
      }
      Files.createDirectories(target.getParent());
      try (InputStream in = storage.get(file.getValue())) {
        Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }

  private Map<String, String> stageInputs(OperationSpec spec, JsonNode inputs, Path dir)
      throws IOException {
    Map<String, String> env = new LinkedHashMap<>();
    for (OperationSpec.Input input : spec.inputs().values()) {
      JsonNode v = inputs.get(input.key());
      if (v == null || v.isNull()) {
        continue;
      }
      String var = "INPUT_" + input.key().replaceAll("[^A-Za-z0-9_]", "_");
      if (!input.spec().type().isResource()) {
        env.put(var, v.isTextual() ? v.asText() : v.toString());
        continue;
      }
      List<String> paths = new ArrayList<>();
      List<JsonNode> ids = new ArrayList<>();
      if (v.isArray()) {
        v.forEach(ids::add);
      } else {
        ids.add(v);
      }
      for (JsonNode id : ids) {
        var r = resources.find(UUID.fromString(id.asText())).orElseThrow();
        Path target =
            dir.resolve("inputs")
                .resolve(input.key())
                .resolve(r.getId() + "-" + OutputFiles.safe(r.getName()));
        Files.createDirectories(target.getParent());
        try (InputStream in = storage.get(ObjectRef.fromUri(URI.create(r.getStorageUri())))) {
          Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
        paths.add(target.toString());
      }
      env.put(var, String.join(",", paths));
    }
    return env;
  }

  private RunOutputs execute(
      OperationSpec spec, String executionId, Path dir, Map<String, String> env)
      throws IOException {
    ProcessBuilder pb =
        new ProcessBuilder("sh", "run.sh")
            .directory(dir.toFile())
            .redirectOutput(dir.resolve("stdout.txt").toFile())
            .redirectError(dir.resolve("stderr.txt").toFile());
    pb.environment().putAll(env);
    Process p = pb.start();
    // a worker killed with -9 leaves run.sh running: the next attempt finds it by this file
    Files.writeString(settings.scratch().resolve(executionId + ".pid"), Long.toString(p.pid()));
    log.info("execution {}: run.sh started in {}", executionId, dir);
    p.getOutputStream().close();
    ActivityExecutionContext context = Activity.getExecutionContext();
    long deadline = System.nanoTime() + settings.timeLimit().toNanos();
    try {
      while (!p.waitFor(2, TimeUnit.SECONDS)) {
        context.heartbeat(null); // throws once the workflow asks for cancellation
        if (System.nanoTime() > deadline) {
          p.destroyForcibly();
          return RunOutputs.failed(
              List.of("the run took longer than " + settings.timeLimit() + " and was stopped"));
        }
      }
    } catch (ActivityCompletionException cancelled) {
      p.destroyForcibly();
      throw cancelled;
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
    int exit = p.exitValue();
    log.info("execution {}: run.sh exited with {}", executionId, exit);
    if (exit != 0) {
      return RunOutputs.failed(
          List.of(
              "run.sh exited with "
                  + exit
                  + (exit > 128 ? " (killed by signal " + (exit - 128) + ")" : "")
                  + tail(dir.resolve("stderr.txt"))));
    }
    Path manifest = dir.resolve("outputs.json");
    if (!Files.isRegularFile(manifest)) {
      return RunOutputs.failed(List.of("run.sh wrote no outputs.json"));
    }
    JsonNode named = JSON.readTree(manifest.toFile());
    return OutputConversion.convert(
        spec,
        named,
        (key, index, rel) -> {
          Path file = dir.resolve(rel).normalize();
          if (!file.startsWith(dir) || !Files.isRegularFile(file)) {
            throw new OutputConversion.Refused("'" + rel + "' is not a file run.sh wrote");
          }
          String name = (index >= 0 ? index + "-" : "") + file.getFileName();
          ObjectRef ref = OutputFiles.ref(settings.outputBucket(), executionId, key, name);
          storage.put(ref, file, Content.OCTET_STREAM);
          return storage.uri(ref).toString();
        });
  }

  private static String tail(Path file) {
    try {
      String text = Files.readString(file, StandardCharsets.UTF_8).strip();
      return text.isEmpty()
          ? ""
          : ": " + (text.length() > 800 ? "..." + text.substring(text.length() - 800) : text);
    } catch (IOException e) {
      return "";
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
