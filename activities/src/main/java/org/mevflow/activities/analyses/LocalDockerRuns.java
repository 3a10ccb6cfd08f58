package org.mevflow.activities.analyses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.client.ActivityCompletionException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.mevflow.core.docker.DockerCli;
import org.mevflow.core.operations.Converters;
import org.mevflow.core.operations.EntrypointTemplate;
import org.mevflow.core.operations.OperationBundle;
import org.mevflow.core.operations.OperationSpec;
import org.mevflow.core.operations.ShellWords;
import org.mevflow.core.storage.Content;
import org.mevflow.core.storage.ObjectRef;
import org.mevflow.core.storage.ObjectStorage;
import org.mevflow.core.text.Errors;
import org.mevflow.db.ResourceRepository;
import org.mevflow.db.jooq.tables.records.ExecutionsRecord;
import org.mevflow.db.jooq.tables.records.OperationsRecord;
import org.mevflow.workflows.analyses.RunOutputs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * WebMEV's {@code local_docker} mode: the run's folder ({@code <execution dir>/<execution id>})
 * gets the input resources the converters localize; {@code entrypoint.txt} is rendered with the
 * converted inputs and split as WebMEV's shell call splits it; the operation's image runs detached
 * under the execution's id with the execution folder mounted at the same path, the user's uid:gid
 * and {@code WORKDIR} set to the run's folder. The activity heartbeats while the container runs,
 * stops it at the time limit or on cancel, then reads {@code outputs.json} through the output
 * converters, keeps the container's log on failure (exit 137: out of memory, as WebMEV says) and
 * removes the container. A worker that stops leaves the container running; a retry finds it by
 * name: still running, it is waited for; ended, its outputs are read; gone, the run starts again.
 */
final class LocalDockerRuns {
  private static final Logger log = LoggerFactory.getLogger(LocalDockerRuns.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final DockerCli docker;
  private final ObjectStorage storage;
  private final ResourceRepository resources;
  private final String outputBucket;
  private final Duration timeLimit;

  LocalDockerRuns(
      DockerCli docker,
      ObjectStorage storage,
      ResourceRepository resources,
      String outputBucket,
      Duration timeLimit) {
    this.docker = docker;
    this.storage = storage;
    this.resources = resources;
    this.outputBucket = outputBucket;
    this.timeLimit = timeLimit;
  }

  RunOutputs run(ExecutionsRecord exec, OperationsRecord op, OperationSpec spec)
      throws IOException, InterruptedException {
    String name = exec.getId().toString();
    Path dir = docker.executionDir().resolve(name);
    Optional<DockerCli.State> state = docker.state(name);
    if (state.isEmpty()) {
      deleteTree(dir);
      Files.createDirectories(dir);
      List<String> command;
      try {
        command = command(op, spec, JSON.readTree(exec.getInputs().data()), dir);
      } catch (OperationSpec.Invalid | IllegalArgumentException e) {
        return RunOutputs.failed(
            List.of("the entrypoint could not be made: " + Errors.describe(e)));
      }
      long[] ids = userAndGroup();
      try {
        docker.run(name, op.getImage(), dir, ids[0], ids[1], command);
      } catch (DockerCli.DockerException e) {
        if (e.exitCode() == 125 || e.exitCode() == 1) {
          // the CLI refused the run (image not found, a bad argument): retrying will not help
          return RunOutputs.failed(List.of("the container could not start: " + Errors.describe(e)));
        }
        throw e;
      }
      log.info("execution {}: container of {} started in {}", name, op.getImage(), dir);
    } else {
      log.info("execution {}: found its container {}", name, state.get().status());
    }
    ActivityExecutionContext context = Activity.getExecutionContext();
    long deadline = System.nanoTime() + timeLimit.toNanos();
    DockerCli.State ended;
    try {
      while (true) {
        DockerCli.State s = docker.state(name).orElse(null);
        if (s == null) {
          return RunOutputs.failed(List.of("the container " + name + " vanished while running"));
        }
        if (!s.running()) {
          ended = s;
          break;
        }
        context.heartbeat(null); // throws once the workflow asks for cancellation
        if (System.nanoTime() > deadline) {
          docker.remove(name);
          deleteTree(dir);
          return RunOutputs.failed(
              List.of("the run took longer than " + timeLimit + " and its container was stopped"));
        }
        Thread.sleep(1000);
      }
    } catch (io.temporal.client.ActivityWorkerShutdownException stopping) {
      // the worker stops, not the run: the container goes on and the next attempt, on whichever
      // worker, finds it by its name
      log.info("execution {}: the worker is stopping; its container runs on", name);
      throw stopping;
    } catch (ActivityCompletionException cancelled) {
      log.info("execution {}: cancelled, removing its container", name);
      docker.remove(name);
      deleteTree(dir);
      throw cancelled;
    }
    try {
      if (ended.exitCode() != 0) {
        String logs;
        try {
          logs = docker.logs(name).strip();
        } catch (DockerCli.DockerException e) {
          logs = "(no logs: " + Errors.describe(e) + ")";
        }
        String message =
            "the container exited with "
                + ended.exitCode()
                + (logs.isEmpty() ? "" : ": " + last(logs, 2000));
        return RunOutputs.failed(
            ended.exitCode() == 137 || ended.oomKilled()
                ? List.of(
                    message,
                    "The process ran out of memory and exited. Sometimes the job parameters can"
                        + " result in analyses exceeding the processing capabilities of WebMeV.")
                : List.of(message));
      }
      Path manifest = dir.resolve("outputs.json");
      if (!Files.isRegularFile(manifest)) {
        return RunOutputs.failed(List.of("the outputs file was not found (outputs.json)"));
      }
      JsonNode produced;
      try {
        produced = JSON.readTree(manifest.toFile());
      } catch (IOException e) {
        return RunOutputs.failed(List.of("outputs.json is not JSON: " + Errors.describe(e)));
      }
      if (produced == null || !produced.isObject()) {
        return RunOutputs.failed(List.of("outputs.json is not a JSON object"));
      }
      return OutputConversion.convert(
          spec, produced, (key, index, path) -> store(name, dir, key, index, path));
    } finally {
      docker.remove(name);
      deleteTree(dir);
    }
  }

  /** The rendered entrypoint, split into the words the container receives. */
  private List<String> command(OperationsRecord op, OperationSpec spec, JsonNode inputs, Path dir)
      throws IOException, OperationSpec.Invalid {
    Map<String, ObjectRef> bundle = OperationBundle.files(storage, op.getBundleUri());
    ObjectRef entrypoint = bundle.get("entrypoint.txt");
    if (entrypoint == null) {
      throw new OperationSpec.Invalid("the operation has no entrypoint.txt");
    }
    String template;
    try (InputStream in = storage.get(entrypoint)) {
      template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Map<String, JsonNode> args = new LinkedHashMap<>();
    Converters.Resources local = new Staged(dir);
    for (OperationSpec.Input input : spec.inputs().values()) {
      JsonNode v = inputs.get(input.key());
      if (v == null || v.isNull()) {
        continue;
      }
      String converter = input.spec().converter();
      args.put(input.key(), converter == null ? v : Converters.input(converter, v, local));
    }
    return ShellWords.split(EntrypointTemplate.parse(template).render(args).strip());
  }

  /** Resources copied into the run's folder, as WebMEV's local converters localize them. */
  private final class Staged implements Converters.Resources {
    private final Path dir;

    Staged(Path dir) {
      this.dir = dir;
    }

    @Override
    public String localPath(UUID id) throws IOException {
      var r = resources.find(id).orElseThrow();
      Path target = dir.resolve(OutputFiles.safe(r.getName()));
      if (Files.exists(target)) {
        target = dir.resolve(id + "_" + OutputFiles.safe(r.getName()));
      }
      try (InputStream in = storage.get(ObjectRef.fromUri(URI.create(r.getStorageUri())))) {
        Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
      }
      return target.toString();
    }

    @Override
    public String uri(UUID id) {
      return resources.find(id).orElseThrow().getStorageUri();
    }

    @Override
    public String type(UUID id) {
      return resources.find(id).orElseThrow().getResourceType();
    }
  }

  /** A file the tool named (inside its run folder, where it could write) put into storage. */
  private String store(String executionId, Path dir, String key, int index, String produced)
      throws IOException, OutputConversion.Refused {
    Path file = dir.resolve(produced).normalize();
    if (!file.startsWith(dir) || !Files.isRegularFile(file)) {
      throw new OutputConversion.Refused(
          "'" + produced + "' is not a file the run wrote in its folder " + dir);
    }
    String fileName = (index >= 0 ? index + "-" : "") + file.getFileName();
    ObjectRef ref = OutputFiles.ref(outputBucket, executionId, key, fileName);
    storage.put(ref, file, Content.OCTET_STREAM);
    return storage.uri(ref).toString();
  }

  private static long[] userAndGroup() {
    var unix = new com.sun.security.auth.module.UnixSystem();
    return new long[] {unix.getUid(), unix.getGid()};
  }

  private static String last(String text, int n) {
    return text.length() <= n ? text : "..." + text.substring(text.length() - n);
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var walk = Files.walk(dir)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
