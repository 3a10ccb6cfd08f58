package org.mevflow.activities.analyses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mevflow.activities.temporal.Alive;
import org.mevflow.core.cromwell.CromwellClient;
import org.mevflow.core.cromwell.CromwellException;
import org.mevflow.core.operations.OperationBundle;
import org.mevflow.core.operations.OperationSpec;
import org.mevflow.core.storage.Content;
import org.mevflow.core.storage.NoSuchObjectException;
import org.mevflow.core.storage.ObjectRef;
import org.mevflow.core.storage.ObjectStorage;
import org.mevflow.core.text.Errors;
import org.mevflow.db.ExecutionRepository;
import org.mevflow.db.OperationRepository;
import org.mevflow.db.ResourceRepository;
import org.mevflow.db.jooq.tables.records.ExecutionsRecord;
import org.mevflow.db.jooq.tables.records.OperationsRecord;
import org.mevflow.workflows.analyses.CromwellActivities;
import org.mevflow.workflows.analyses.CromwellJobs;
import org.mevflow.workflows.analyses.CromwellStatus;
import org.mevflow.workflows.analyses.RunOutputs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Cromwell runner's effects. The workflow source is the operation's {@code main.wdl}, the other
 * {@code .wdl} files go in a zip as dependencies, {@code inputs.json} is a template whose {@code
 * "{{key}}"} values are replaced by the execution's inputs (resources as their storage URIs), and
 * {@code options.json}, if the bundle has one, is sent as the workflow options.
 */
public class CromwellActivitiesImpl implements CromwellActivities {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Logger log = LoggerFactory.getLogger(CromwellActivitiesImpl.class);
  private static final Pattern VERSION = Pattern.compile("(?m)^\\s*version\\s+(\\S+)");

  private final CromwellClient cromwell;
  private final ObjectStorage storage;
  private final ExecutionRepository executions;
  private final OperationRepository operations;
  private final ResourceRepository resources;
  private final String outputBucket;

  private final CromwellSubmissions submissions;

  /** {@code cromwell} is null where no Cromwell server is configured: every call then refuses. */
  public CromwellActivitiesImpl(
      CromwellClient cromwell,
      ObjectStorage storage,
      ExecutionRepository executions,
      OperationRepository operations,
      ResourceRepository resources,
      String outputBucket) {
    this.cromwell = cromwell;
    this.storage = storage;
    this.executions = executions;
    this.operations = operations;
    this.resources = resources;
    this.outputBucket = outputBucket;
    this.submissions = new CromwellSubmissions(resources, storage);
  }

  private CromwellClient cromwell() {
    if (cromwell == null) {
      throw refused("this worker has no Cromwell server configured (mevflow.cromwell.url)");
    }
    return cromwell;
  }

  @Override
  public String submit(String executionId) {
    ExecutionsRecord exec = executions.find(UUID.fromString(executionId)).orElseThrow();
    OperationsRecord op = operations.find(exec.getOperationId()).orElseThrow();
    OperationSpec spec = spec(op);
    CromwellClient.Submission submission;
    try {
      Map<String, ObjectRef> files = OperationBundle.files(storage, op.getBundleUri());
      if (!files.containsKey("main.wdl")) {
        throw refused("the operation has no main.wdl");
      }
      String wdl = text(files.get("main.wdl"));
      JsonNode template =
          files.containsKey("inputs.json") ? parse(text(files.get("inputs.json"))) : null;
      ObjectNode inputs =
          submissions.inputs(template, spec, JSON.readTree(exec.getInputs().data()));
      Matcher version = VERSION.matcher(wdl);
      submission =
          new CromwellClient.Submission(
              UUID.fromString(CromwellJobs.requestedId(executionId)),
              wdl,
              JSON.writeValueAsString(inputs),
              submissions.dependencies(files),
              version.find() ? version.group(1) : "draft-2",
              files.containsKey("options.json") ? text(files.get("options.json")) : null);
    } catch (IOException e) {
      throw new UncheckedIOException("preparing the submit of " + executionId, e);
    }
    String jobId;
    try {
      jobId = cromwell().submit(submission).id();
    } catch (CromwellException e) {
      throw classified(e);
    }
    executions.runnerJob(exec.getId(), jobId);
    log.info("execution {} submitted to Cromwell as job {}", executionId, jobId);
    return jobId;
  }

  @Override
  public CromwellStatus status(String jobId) {
    try {
      return CromwellStatus.of(cromwell().status(jobId));
    } catch (CromwellException e) {
      throw classified(e);
    }
  }

  @Override
  public RunOutputs collect(String executionId, String jobId) {
    // heartbeats while the outputs are read and copied: a lost task or a dead worker is retried
    // after the activity's heartbeat timeout, not its 2-hour limit
    try (Alive alive = Alive.whileWorking()) {
      return collectOutputs(executionId, jobId);
    }
  }

  private RunOutputs collectOutputs(String executionId, String jobId) {
    JsonNode metadata;
    try {
      metadata = cromwell().metadata(jobId);
    } catch (CromwellException e) {
      throw classified(e);
    }
    CromwellStatus status = CromwellStatus.of(metadata.path("status").asText());
    if (status != CromwellStatus.SUCCEEDED) {
      List<String> errors = failures(metadata.path("failures"));
      if (errors.isEmpty()) {
        errors = List.of("the Cromwell job " + jobId + " ended " + status.word());
      }
      log.warn(
          "Cromwell job {} of execution {} ended {}: {}",
          jobId,
          executionId,
          status.word(),
          errors);
      return RunOutputs.failed(errors);
    }
    ExecutionsRecord exec = executions.find(UUID.fromString(executionId)).orElseThrow();
    OperationSpec spec = spec(operations.find(exec.getOperationId()).orElseThrow());
    JsonNode produced = metadata.path("outputs");
    RunOutputs result;
    try {
      result =
          OutputConversion.convert(
              spec,
              produced,
              (key, index, source) -> {
                try {
                  return copy(executionId, key, index, source);
                } catch (IllegalArgumentException e) {
                  throw new OutputConversion.Refused(
                      "it is at " + source + ", which mevflow cannot read: " + Errors.describe(e));
                } catch (NoSuchObjectException e) {
                  throw new OutputConversion.Refused("it is not at " + source);
                }
              });
    } catch (IOException e) {
      throw new UncheckedIOException("copying the outputs of " + executionId, e);
    }
    if (result.succeeded()) {
      log.info(
          "Cromwell job {} of execution {}: {} output files copied",
          jobId,
          executionId,
          result.outputFilesOrNone().size());
    } else {
      log.warn(
          "Cromwell job {} of execution {} succeeded but: {}", jobId, executionId, result.errors());
    }
    return result;
  }

  @Override
  public CromwellStatus abort(String jobId) {
    log.info("aborting Cromwell job {}", jobId);
    try {
      return CromwellStatus.of(cromwell().abort(jobId));
    } catch (CromwellException e) {
      if (e.notFound()) {
        return CromwellStatus.ABORTED; // never submitted, or gone: nothing runs
      }
      if (e.status() == 403) {
        return status(jobId); // already ended
      }
      throw classified(e);
    }
  }

  /**
   * Copies one output from where Cromwell left it to the same key on every attempt: a bucket URI of
   * this storage's scheme, or, on local storage, an absolute path (Cromwell's local backend on this
   * machine).
   */
  private String copy(String executionId, String key, int index, String source) throws IOException {
    if (source.startsWith("/") && storage.keepsLocalFiles()) {
      Path file = Path.of(source).normalize();
      // a file Cromwell wrote, not a link it could have been made to leave behind
      if (!Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
        throw new NoSuchObjectException(source);
      }
      ObjectRef to =
          OutputFiles.ref(
              outputBucket,
              executionId,
              key,
              (index >= 0 ? index + "-" : "") + file.getFileName().toString());
      storage.put(to, file, Content.OCTET_STREAM);
      return storage.uri(to).toString();
    }
    URI uri = URI.create(source);
    if (!storage.scheme().equals(uri.getScheme())) {
      throw new IllegalArgumentException("this storage reads " + storage.scheme() + ":// URIs");
    }
    ObjectRef from = ObjectRef.fromUri(uri);
    ObjectRef to =
        OutputFiles.ref(
            outputBucket,
            executionId,
            key,
            (index >= 0 ? index + "-" : "")
                + from.key().substring(from.key().lastIndexOf('/') + 1));
    storage.copy(from, to);
    return storage.uri(to).toString();
  }

  /** Failure messages, the causes' before the generic wrappers, without repeats. */
  private static List<String> failures(JsonNode failures) {
    Set<String> messages = new LinkedHashSet<>();
    collectCauses(failures, messages);
    return new ArrayList<>(messages);
  }

  private static void collectCauses(JsonNode failures, Set<String> messages) {
    for (JsonNode f : failures) {
      JsonNode causes = f.path("causedBy");
      if (causes.isArray() && !causes.isEmpty()) {
        collectCauses(causes, messages);
      } else if (f.hasNonNull("message")) {
        messages.add(f.get("message").asText());
      }
    }
  }

  private static OperationSpec spec(OperationsRecord op) {
    try {
      return OperationSpec.parse(op.getSpec().data());
    } catch (OperationSpec.Invalid e) {
      throw refused("the operation's spec no longer parses: " + Errors.describe(e));
    }
  }

  private String text(ObjectRef ref) throws IOException {
    try (InputStream in = storage.get(ref)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw refused("the operation's inputs.json is not JSON: " + Errors.describe(e));
    }
  }

  static ApplicationFailure refused(String message) {
    return ApplicationFailure.newNonRetryableFailure(message, REFUSED);
  }

  /** Retryable trouble stays a plain exception (retried); the rest becomes a typed failure. */
  private static RuntimeException classified(CromwellException e) {
    if (e.retryable()) {
      return e;
    }
    return ApplicationFailure.newNonRetryableFailure(
        e.getMessage(), e.notFound() ? UNKNOWN_JOB : REFUSED);
  }
}
