package org.mevflow.activities.analyses;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Metrics;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.mevflow.core.operations.OperationSpec;
import org.mevflow.core.resources.ResourceElements;
import org.mevflow.core.resources.ResourceType;
import org.mevflow.core.resources.ResourceValidator;
import org.mevflow.core.resources.Validation;
import org.mevflow.core.storage.Content;
import org.mevflow.core.storage.ObjectRef;
import org.mevflow.core.storage.ObjectStorage;
import org.mevflow.core.text.Errors;
import org.mevflow.db.ElementRepository;
import org.mevflow.db.ExecutionRepository;
import org.mevflow.db.OperationRepository;
import org.mevflow.db.ResourceRepository;
import org.mevflow.db.WorkspaceRepository;
import org.mevflow.db.jooq.tables.records.ExecutionsRecord;
import org.mevflow.db.jooq.tables.records.ResourcesRecord;
import org.mevflow.db.type.ExecutionStatus;
import org.mevflow.db.type.Runner;
import org.mevflow.workflows.analyses.ExecutionActivities;
import org.mevflow.workflows.analyses.ExecutionPlan;
import org.mevflow.workflows.analyses.OutputFile;

/** Execution records and output registration; every call is idempotent. */
public class ExecutionActivitiesImpl implements ExecutionActivities {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ExecutionRepository executions;
  private final OperationRepository operations;
  private final ResourceRepository resources;
  private final WorkspaceRepository workspaces;
  private final ElementRepository elements;
  private final ObjectStorage storage;
  private final Limits limits;

  /**
   * How long a run may take: on Cromwell, the spec's {@code time_limit} or {@code cromwell} when it
   * sets none ({@code mevflow.analyses.time-limit}); on the local runner, {@code local} ({@code
   * mevflow.analyses.local-time-limit}). The plan carries the limit to the workflow, which bounds
   * the run's activity by it.
   */
  public record Limits(Duration cromwell, Duration local) {}

  public ExecutionActivitiesImpl(
      ExecutionRepository executions,
      OperationRepository operations,
      ResourceRepository resources,
      WorkspaceRepository workspaces,
      ElementRepository elements,
      ObjectStorage storage,
      Limits limits) {
    this.limits = limits;
    this.executions = executions;
    this.operations = operations;
    this.resources = resources;
    this.workspaces = workspaces;
    this.elements = elements;
    this.storage = storage;
  }

  @Override
  public ExecutionPlan plan(String executionId) {
    ExecutionsRecord exec = executions.find(UUID.fromString(executionId)).orElseThrow();
    Duration limit = exec.getRunner() == Runner.CROMWELL ? limits.cromwell() : limits.local();
    try {
      Duration own =
          OperationSpec.parse(operations.find(exec.getOperationId()).orElseThrow().getSpec().data())
              .timeLimit();
      if (own != null && exec.getRunner() == Runner.CROMWELL) {
        limit = own;
      }
    } catch (OperationSpec.Invalid e) {
      throw new IllegalStateException(
          "an ingested spec no longer parses: " + Errors.describe(e), e);
    }
    return new ExecutionPlan(
        exec.getRunner(),
        exec.getStatus().isTerminal(),
        exec.getStatus(),
        exec.getRunnerJobId(),
        exec.getStartedAt() == null ? 0 : exec.getStartedAt().toInstant().toEpochMilli(),
        limit.toSeconds());
  }

  @Override
  public void status(String executionId, ExecutionStatus status) {
    executions.status(UUID.fromString(executionId), status);
  }

  /** One output file checked against its declared type: what to register it as. */
  private record CheckedOutput(
      String key, URI uri, ResourceType type, String format, Path standard, Validation verdict) {}

  /**
   * Registers each output file as a resource, once per execution and key, after checking every one
   * against its declared type as WebMEV checks outputs: a table is validated (and stored as its
   * standard TSV), a sequence, BED, JSON or binary file by its format. One invalid output fails the
   * execution with the reason, and then nothing is registered.
   */
  @Override
  public Map<String, Object> register(String executionId, Map<String, String> files) {
    List<OutputFile> all = new ArrayList<>();
    files.forEach((key, uri) -> all.add(new OutputFile(key, -1, uri, null)));
    return registerFiles(executionId, all);
  }

  /**
   * Registers each output file as a resource, once per execution and resource key, after checking
   * every one against its type as WebMEV checks outputs: the type the tool named (a
   * VariableDataResource output), else the type the spec declares (the first that validates, for
   * several). A table is validated (and stored as its standard TSV), a sequence, BED, JSON or
   * binary file by its format. One invalid output fails the execution with the reason, and then
   * nothing is registered. A list output answers the list of its resources' ids.
   */
  @Override
  public Map<String, Object> registerFiles(String executionId, List<OutputFile> files) {
    ExecutionsRecord exec = executions.find(UUID.fromString(executionId)).orElseThrow();
    OperationSpec spec;
    try {
      spec =
          OperationSpec.parse(
              operations.find(exec.getOperationId()).orElseThrow().getSpec().data());
    } catch (OperationSpec.Invalid e) {
      throw new IllegalStateException(
          "an ingested spec no longer parses: " + Errors.describe(e), e);
    }
    List<CheckedOutput> checked = new ArrayList<>();
    List<Path> temporary = new ArrayList<>();
    try {
      for (OutputFile f : files) {
        OperationSpec.Output declared = spec.outputs().get(f.key());
        List<String> types =
            f.type() != null
                ? List.of(f.type())
                : declared == null || declared.spec().resourceTypes().isEmpty()
                    ? List.of("*")
                    : declared.spec().resourceTypes();
        URI uri = URI.create(f.uri());
        Path file = Files.createTempFile("output-", ".in");
        temporary.add(file);
        try (InputStream in = storage.get(ObjectRef.fromUri(uri))) {
          Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        }
        CheckedOutput ok = null;
        List<String> why = new ArrayList<>();
        for (String key : types) {
          ResourceType type = ResourceType.fromKey(key).orElse(ResourceType.ANY);
          String format = type.isTable() ? tableFormat(uri) : type.acceptableFormats().get(0);
          Path standard = Files.createTempFile("output-", ".tsv");
          temporary.add(standard);
          Validation v = ResourceValidator.validate(file, type, format, standard);
          if (v.valid()) {
            ok = new CheckedOutput(f.resourceKey(), uri, type, format, standard, v);
            break;
          }
          why.add(type.title() + ": " + v.message());
        }
        if (ok == null) {
          throw ApplicationFailure.newNonRetryableFailure(
              "output '" + f.resourceKey() + "' is not valid (" + String.join("; ", why) + ")",
              "InvalidOutput");
        }
        checked.add(ok);
      }
      Map<String, Object> outputs = new LinkedHashMap<>();
      for (int i = 0; i < checked.size(); i++) {
        OutputFile f = files.get(i);
        String id = registerOne(exec, checked.get(i)).toString();
        if (f.index() < 0) {
          outputs.put(f.key(), id);
        } else {
          @SuppressWarnings("unchecked")
          List<String> ids =
              (List<String>) outputs.computeIfAbsent(f.key(), k -> new ArrayList<String>());
          ids.add(id);
        }
      }
      return outputs;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      for (Path t : temporary) {
        try {
          Files.deleteIfExists(t);
        } catch (IOException ignored) {
          // temporary
        }
      }
    }
  }

  /** A table's format from its file name: CSV when it says so, else TSV. */
  private static String tableFormat(URI uri) {
    return uri.getPath().toLowerCase(java.util.Locale.ROOT).endsWith(".csv") ? "csv" : "tsv";
  }

  private UUID registerOne(ExecutionsRecord exec, CheckedOutput c) throws IOException {
    String storedUri = c.uri().toString();
    String format = c.format();
    long size = storage.head(ObjectRef.fromUri(c.uri())).map(o -> o.size()).orElse(0L);
    if (c.type().isTable()) {
      // tables are served from their standard TSV, as uploads are
      ObjectRef source = ObjectRef.fromUri(c.uri());
      ObjectRef standard =
          new ObjectRef(source.bucket(), source.key() + ".standard." + c.type().key() + ".tsv");
      size =
          storage
              .put(standard, c.standard(), new Content("text/tab-separated-values", null))
              .size();
      storedUri = storage.uri(standard).toString();
      format = "tsv";
    }
    String name =
        exec.getJobName()
            + " - "
            + c.uri().getPath().substring(c.uri().getPath().lastIndexOf('/') + 1);
    ResourcesRecord r =
        resources.output(
            exec.getId(),
            c.key(),
            exec.getOwnerId(),
            name,
            storedUri,
            size,
            c.type().key(),
            format,
            c.verdict().message());
    elements.replace(
        r.getId(),
        c.type().isTable() ? ResourceElements.extract(c.standard(), c.type()) : java.util.Map.of());
    if (exec.getWorkspaceId() != null) {
      workspaces.add(exec.getWorkspaceId(), r.getId());
    }
    return r.getId();
  }

  @Override
  public void finish(
      String executionId,
      ExecutionStatus status,
      Map<String, Object> outputs,
      List<String> errors) {
    Metrics.counter("mevflow.executions.finished", "status", status.name()).increment();
    try {
      executions.finish(
          UUID.fromString(executionId),
          status,
          outputs == null ? null : JSON.writeValueAsString(outputs),
          JSON.writeValueAsString(errors == null ? List.of() : errors));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
