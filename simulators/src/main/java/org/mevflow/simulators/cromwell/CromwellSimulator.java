package org.mevflow.simulators.cromwell;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.mevflow.core.storage.ObjectStorage;
import org.mevflow.core.storage.StorageSettings;
import org.mevflow.core.text.Errors;
import org.mevflow.workflows.analyses.CromwellStatus;

/**
 * A Cromwell server for tests, benchmarks and {@code ./mevflow dev --cromwell-sim}: it speaks
 * Cromwell's REST API over real HTTP, checks every request against {@code cromwell-api.yaml} (a
 * request the document does not allow gets Cromwell's 400 and is recorded as a violation), refuses
 * what real Cromwell refuses, reads each workflow with miniwdl (a real WDL parser) and fails a job
 * whose inputs do not fit the workflow's declarations as Cromwell fails it ("Workflow input
 * processing failed"), and plays a {@link Scenario} per submitted workflow. Successful jobs run
 * their WDL with miniwdl's interpreter (any number of calls and scatters; each task's command on
 * this host when its image is a plain base image, otherwise the job fails saying which container
 * the task needs) and leave their outputs in storage, as Cromwell leaves them in its bucket. {@code
 * GET /sim/stats} reports what was asked of it. Long for a class because it is the HTTP face of one
 * stand-in (routes, job states, scenarios); the API document's checks ({@link CromwellApiSpec}),
 * multipart parsing and WDL running live in their own classes.
 */
public final class CromwellSimulator implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What a submit carried besides the WDL: type version, dependency zip entries, options. */
  public record Submitted(String typeVersion, List<String> dependencies, String options) {}

  /** One call the simulator answered: when, which operation, for which job, with what code. */
  public record Call(long atMillis, String operation, String jobId, int status) {}

  private static final class Job {
    final String id;
    final Scenario scenario;
    final Instant submitted;
    final String workflowName;
    final String wdl;
    final JsonNode inputs;
    Submitted sent;
    CromwellStatus state = CromwellStatus.SUBMITTED;
    int polls;
    int errorsLeft;
    int metadataFailuresLeft;
    boolean abortRequested;
    Instant started;
    Instant ended;
    Map<String, JsonNode> outputs = Map.of();
    List<String> failures = List.of();
    String failureKind = "Workflow failed";
    byte[] dependencies;

    Job(String id, Scenario scenario, Instant submitted, String wdl, JsonNode inputs) {
      this.id = id;
      this.scenario = scenario;
      this.submitted = submitted;
      this.wdl = wdl;
      this.inputs = inputs;
      this.errorsLeft = scenario.errorBurst();
      this.metadataFailuresLeft = scenario.metadataFailures();
      var m = java.util.regex.Pattern.compile("\\bworkflow\\s+(\\w+)").matcher(wdl);
      this.workflowName = m.find() ? m.group(1) : "workflow";
    }
  }

  private final CromwellApiSpec spec = CromwellApiSpec.bundled();
  private volatile String lastAuthorization;
  private final ObjectStorage storage;
  private final String bucket;
  private final Path scratch;
  private volatile List<String> hostImages = hostImagesFromEnvironment();
  private final Clock clock;
  private final HttpServer server;
  private final ExecutorService handlers;
  private final Map<String, Job> jobs = new ConcurrentHashMap<>();
  private final ConcurrentLinkedQueue<Scenario> next = new ConcurrentLinkedQueue<>();
  private final List<String> violations = Collections.synchronizedList(new ArrayList<>());
  private final ConcurrentLinkedQueue<Call> calls = new ConcurrentLinkedQueue<>();
  private final AtomicInteger serverErrorsLeft = new AtomicInteger();
  private final AtomicInteger submits = new AtomicInteger();
  private volatile Scenario standard;

  /**
   * Listens on 127.0.0.1:{@code port} (0 for any). Outputs go to {@code bucket} in {@code storage};
   * {@code scratch} holds the runs.
   */
  public CromwellSimulator(
      ObjectStorage storage, String bucket, Path scratch, int port, Scenario standard, Clock clock)
      throws IOException {
    this.storage = storage;
    this.bucket = bucket;
    this.scratch = scratch;
    this.standard = standard;
    this.clock = clock;
    this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 256);
    this.handlers = Executors.newFixedThreadPool(32);
    server.setExecutor(handlers);
    server.createContext("/", this::handle);
    server.start();
  }

  /**
   * A simulator whose outputs go to local storage under {@code storageRoot} (a dev stack's),
   * running each job for {@code runTime}: what {@code ./mevflow dev --cromwell-sim} and {@code
   * ./mevflow cromwell-sim} start.
   */
  public static CromwellSimulator onLocalStorage(
      Path storageRoot, Path scratch, int port, Duration runTime) throws IOException {
    return onStorage(
        new StorageSettings("local", new StorageSettings.Local(storageRoot.toString()), null, null)
            .open(),
        scratch,
        port,
        runTime);
  }

  /**
   * A simulator whose outputs go to the bucket {@code cromwell-executions} of {@code storage} (a
   * cluster's object store, as a real Cromwell writes to its bucket), each job running {@code
   * runTime}.
   */
  public static CromwellSimulator onStorage(
      ObjectStorage storage, Path scratch, int port, Duration runTime) throws IOException {
    return new CromwellSimulator(
        storage,
        "cromwell-executions",
        scratch,
        port,
        Scenario.succeed().runTime(runTime),
        Clock.systemUTC());
  }

  /**
   * The images whose tasks run on this host (names without tags, with or without registry); a task
   * of another image fails its job: "this task needs container X". Default: plain base images
   * (ubuntu, debian, busybox, alpine, bash), or MEVFLOW_CROMWELL_SIM_HOST_IMAGES.
   */
  public void hostImages(List<String> images) {
    this.hostImages = List.copyOf(images);
  }

  private static List<String> hostImagesFromEnvironment() {
    String set = System.getenv("MEVFLOW_CROMWELL_SIM_HOST_IMAGES");
    if (set == null || set.isBlank()) {
      return MiniWdl.HOST_IMAGES;
    }
    return java.util.Arrays.stream(set.split(","))
        .map(String::strip)
        .filter(x -> !x.isEmpty())
        .toList();
  }

  public URI base() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** The scenario for workflows submitted after the queued ones are used up. */
  public void standard(Scenario s) {
    standard = s;
  }

  /** Scenarios for the next submissions, in order. */
  public void next(Scenario... scenarios) {
    next.addAll(List.of(scenarios));
  }

  /** The next {@code n} requests of any kind answer 500. */
  public void serverErrors(int n) {
    serverErrorsLeft.set(n);
  }

  /** Submissions that created a job (a duplicate id is refused and not counted). */
  public int submits() {
    return submits.get();
  }

  /** Requests the API document does not allow, with the reason; empty when all were valid. */
  public List<String> violations() {
    synchronized (violations) {
      return List.copyOf(violations);
    }
  }

  public List<Call> calls() {
    return List.copyOf(calls);
  }

  /** What the job's submit carried, or empty if the simulator does not know the id. */
  public Optional<Submitted> submitted(String id) {
    return Optional.ofNullable(jobs.get(id)).map(j -> j.sent);
  }

  /** The Authorization header of the last API request, or empty if it had none. */
  public Optional<String> lastAuthorization() {
    return Optional.ofNullable(lastAuthorization);
  }

  /** A job's state word, or empty if the simulator does not know the id. */
  public Optional<String> state(String id) {
    return Optional.ofNullable(jobs.get(id)).map(j -> j.state.word());
  }

  private void handle(HttpExchange x) throws IOException {
    try (x) {
      String path = x.getRequestURI().getRawPath();
      if (path.startsWith("/sim/")) {
        control(x, path);
        return;
      }
      lastAuthorization = x.getRequestHeaders().getFirst("Authorization");
      byte[] body = x.getRequestBody().readAllBytes();
      List<CromwellApiSpec.Part> parts = List.of();
      String contentType = x.getRequestHeaders().getFirst("Content-Type");
      if (contentType != null && contentType.toLowerCase().startsWith("multipart/")) {
        try {
          parts = MultipartForm.parse(contentType, body);
        } catch (MultipartForm.Malformed e) {
          violations.add(x.getRequestMethod() + " " + path + ": " + Errors.describe(e));
          send(x, null, null, 400, fail(e.getMessage()));
          return;
        }
      }
      CromwellApiSpec.Check check =
          spec.check(x.getRequestMethod(), path, query(x.getRequestURI().getRawQuery()), parts);
      if (check.operation().isEmpty()) {
        violations.add(x.getRequestMethod() + " " + path + ": " + check.violations());
        send(x, null, null, 404, fail("Not found: " + path));
        return;
      }
      CromwellApiSpec.Operation op = check.operation().get();
      if (!check.valid()) {
        violations.add(op.id() + ": " + String.join("; ", check.violations()));
        send(x, op, null, 400, fail("Error(s): " + String.join("\n", check.violations())));
        return;
      }
      if (serverErrorsLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        send(x, op, null, 500, fail("Internal server error (scripted)"));
        return;
      }
      String[] segments = path.split("/");
      switch (op.id()) {
        case "submit" -> submit(x, op, parts);
        case "status", "metadata", "abort", "outputs" -> onJob(x, op, segments[4]);
        default -> send(x, op, null, 500, fail(op.id() + " is not simulated"));
      }
    } catch (RuntimeException | InterruptedException e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      violations.add("the simulator failed: " + e);
      x.sendResponseHeaders(500, -1);
    }
  }

  private void submit(
      HttpExchange x, CromwellApiSpec.Operation op, List<CromwellApiSpec.Part> parts)
      throws IOException, InterruptedException {
    Map<String, byte[]> form = new LinkedHashMap<>();
    parts.forEach(p -> form.put(p.name(), p.data()));
    if (!form.containsKey("workflowSource") == !form.containsKey("workflowUrl")) {
      send(
          x,
          op,
          null,
          400,
          fail("Error(s): Exactly one of workflowSource or workflowUrl must be specified"));
      return;
    }
    if (!form.containsKey("workflowSource")) {
      send(x, op, null, 400, fail("Error(s): the simulator cannot fetch workflowUrl"));
      return;
    }
    String wdl = new String(form.get("workflowSource"), StandardCharsets.UTF_8);
    JsonNode inputs;
    try {
      inputs =
          form.containsKey("workflowInputs")
              ? JSON.readTree(form.get("workflowInputs"))
              : JSON.createObjectNode();
    } catch (IOException e) {
      send(x, op, null, 400, fail("Error(s): Input file is not a valid yaml or json."));
      return;
    }
    if (inputs == null || !inputs.isObject()) {
      send(x, op, null, 400, fail("Error(s): Submitted inputs couldn't be processed as an object"));
      return;
    }
    for (String jsonPart : List.of("workflowOptions", "labels")) {
      if (form.containsKey(jsonPart)) {
        try {
          if (!JSON.readTree(form.get(jsonPart)).isObject()) {
            throw new IOException("not an object");
          }
        } catch (IOException e) {
          send(x, op, null, 400, fail("Error(s): " + jsonPart + " is not a valid JSON object"));
          return;
        }
      }
    }
    if (form.containsKey("workflowDependencies") && !isZip(form.get("workflowDependencies"))) {
      send(x, op, null, 400, fail("Error(s): workflowDependencies is not a zip file"));
      return;
    }
    String id =
        form.containsKey("requestedWorkflowId")
            ? new String(form.get("requestedWorkflowId"), StandardCharsets.UTF_8).strip()
            : UUID.randomUUID().toString();
    try {
      UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      send(x, op, null, 400, fail("Error(s): requestedWorkflowId is not a UUID: " + id));
      return;
    }
    Scenario scenario = Optional.ofNullable(next.poll()).orElse(standard);
    Job job = new Job(id, scenario, clock.instant(), wdl, inputs);
    if (jobs.putIfAbsent(id, job) != null) {
      send(x, op, id, 400, fail("Error(s): Requested workflow IDs are already in use: " + id));
      return;
    }
    job.dependencies = form.get("workflowDependencies");
    job.sent =
        new Submitted(
            form.containsKey("workflowTypeVersion")
                ? new String(form.get("workflowTypeVersion"), StandardCharsets.UTF_8)
                : null,
            form.containsKey("workflowDependencies")
                ? zipEntries(form.get("workflowDependencies"))
                : List.of(),
            form.containsKey("workflowOptions")
                ? new String(form.get("workflowOptions"), StandardCharsets.UTF_8)
                : null);
    submits.incrementAndGet();
    if (!scenario.submitDelay().isZero()) {
      Thread.sleep(scenario.submitDelay().toMillis());
    }
    send(x, op, id, 201, idAndStatus(job));
  }

  private void onJob(HttpExchange x, CromwellApiSpec.Operation op, String id)
      throws IOException, InterruptedException {
    Job job = jobs.get(id);
    if (job == null) {
      send(x, op, id, 404, fail("Unrecognized workflow ID: " + id));
      return;
    }
    if (!job.scenario.answerDelay().isZero()) {
      Thread.sleep(job.scenario.answerDelay().toMillis());
    }
    synchronized (job) {
      if (job.errorsLeft > 0) {
        job.errorsLeft--;
        send(x, op, id, 500, fail("Internal server error (scripted burst)"));
        return;
      }
      switch (op.id()) {
        case "status" -> {
          job.polls++;
          advance(job);
          if (!jobs.containsKey(id)) {
            send(x, op, id, 404, fail("Unrecognized workflow ID: " + id));
            return;
          }
          send(x, op, id, 200, idAndStatus(job));
        }
        case "abort" -> {
          if (job.state.isTerminal()) {
            send(
                x,
                op,
                id,
                403,
                fail(
                    "Couldn't abort "
                        + id
                        + " because it is in terminal state "
                        + job.state.word()));
            return;
          }
          job.abortRequested = true;
          job.state = CromwellStatus.ABORTING;
          send(x, op, id, 200, idAndStatus(job));
        }
        case "outputs" -> {
          ObjectNode n = JSON.createObjectNode().put("id", id);
          n.set("outputs", JSON.valueToTree(job.outputs));
          send(x, op, id, 200, n);
        }
        default -> {
          if (job.metadataFailuresLeft > 0) {
            job.metadataFailuresLeft--;
            send(x, op, id, 500, fail("Internal server error (scripted metadata failure)"));
            return;
          }
          send(x, op, id, 200, metadata(job));
        }
      }
    }
  }

  /** Moves a job along its scenario; called on each status call. */
  private void advance(Job job) {
    Instant now = clock.instant();
    if (job.state == CromwellStatus.ABORTING) {
      job.state = CromwellStatus.ABORTED;
      job.ended = now;
      return;
    }
    if (job.state.isTerminal()) {
      return;
    }
    if (job.state == CromwellStatus.SUBMITTED) {
      job.state = CromwellStatus.RUNNING;
      job.started = now;
    }
    Scenario s = job.scenario;
    if (job.polls < s.polls() || now.isBefore(job.submitted.plus(s.runTime()))) {
      return;
    }
    job.ended = now;
    switch (s.outcome()) {
      case SUCCEED -> execute(job);
      case FAIL -> {
        job.state = CromwellStatus.FAILED;
        job.failures = s.failures().isEmpty() ? List.of("Workflow failed") : s.failures();
      }
      case ABORT_EXTERNALLY -> job.state = CromwellStatus.ABORTED;
      case VANISH -> jobs.remove(job.id);
    }
  }

  private void execute(Job job) {
    Path dir = scratch.resolve(job.id);
    try {
      // Cromwell reads the workflow and checks the inputs against its declarations first
      MiniWdl.Checked checked = MiniWdl.check(job.wdl, job.dependencies, job.inputs);
      if (!checked.errors().isEmpty()) {
        job.state = CromwellStatus.FAILED;
        job.failureKind = "Workflow input processing failed";
        job.failures = checked.errors();
        return;
      }
      job.outputs =
          MiniWdl.run(
              job.wdl,
              job.dependencies,
              checked,
              dir,
              storage,
              bucket,
              job.workflowName + "/" + job.id,
              hostImages);
      job.state = CromwellStatus.SUCCEEDED;
    } catch (MiniWdl.Failed e) {
      job.state = CromwellStatus.FAILED;
      job.failures = List.of(e.getMessage());
    } catch (IOException e) {
      job.state = CromwellStatus.FAILED;
      job.failures = List.of("I/O error in the job: " + Errors.describe(e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      job.state = CromwellStatus.FAILED;
      job.failures = List.of("interrupted");
    } finally {
      try {
        deleteTree(dir);
      } catch (IOException ignored) {
        // scratch
      }
    }
  }

  private ObjectNode metadata(Job job) {
    ObjectNode n = JSON.createObjectNode();
    n.put("id", job.id);
    n.put("workflowName", job.workflowName);
    n.put("status", job.state.word());
    n.put("submission", job.submitted.toString());
    if (job.started != null) {
      n.put("start", job.started.toString());
    }
    if (job.ended != null && job.state.isTerminal()) {
      n.put("end", job.ended.toString());
    }
    n.set("inputs", job.inputs);
    n.set("outputs", JSON.valueToTree(job.outputs));
    if (!job.failures.isEmpty()) {
      ArrayNode failures = n.putArray("failures");
      for (String f : job.failures) {
        ObjectNode cause = JSON.createObjectNode().put("message", f);
        cause.putArray("causedBy");
        failures.addObject().put("message", job.failureKind).putArray("causedBy").add(cause);
      }
    }
    n.putObject("calls");
    return n;
  }

  private void control(HttpExchange x, String path) throws IOException {
    if (path.equals("/sim/stats") && x.getRequestMethod().equals("GET")) {
      ObjectNode n = JSON.createObjectNode();
      n.put("submits", submits.get());
      n.put("jobs", jobs.size());
      ObjectNode byOp = n.putObject("callsByOperation");
      ArrayNode list = n.putArray("calls");
      for (Call c : calls) {
        byOp.put(c.operation(), byOp.path(c.operation()).asInt(0) + 1);
        list.addArray().add(c.atMillis()).add(c.operation()).add(c.jobId()).add(c.status());
      }
      n.set("violations", JSON.valueToTree(violations()));
      write(x, 200, n);
      return;
    }
    write(x, 404, fail("no such simulator control: " + path));
  }

  private void send(
      HttpExchange x, CromwellApiSpec.Operation op, String jobId, int status, JsonNode body)
      throws IOException {
    if (op != null) {
      calls.add(new Call(clock.millis(), op.id(), jobId, status));
      for (String v : spec.checkResponse(op, status, body)) {
        violations.add("simulator answer: " + v);
      }
    }
    write(x, status, body);
  }

  private static void write(HttpExchange x, int status, JsonNode body) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    x.getResponseHeaders().set("Content-Type", "application/json");
    x.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = x.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static ObjectNode idAndStatus(Job job) {
    return JSON.createObjectNode().put("id", job.id).put("status", job.state.word());
  }

  private static ObjectNode fail(String message) {
    return JSON.createObjectNode().put("status", "fail").put("message", message);
  }

  private static Map<String, List<String>> query(String raw) {
    Map<String, List<String>> q = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return q;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      q.computeIfAbsent(k, key -> new ArrayList<>()).add(v);
    }
    return q;
  }

  private static List<String> zipEntries(byte[] data) {
    List<String> names = new ArrayList<>();
    try (ZipInputStream zip = new ZipInputStream(new java.io.ByteArrayInputStream(data))) {
      for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
        names.add(e.getName());
      }
    } catch (IOException e) {
      names.add("(unreadable: " + Errors.describe(e) + ")");
    }
    return names;
  }

  private static boolean isZip(byte[] data) {
    try (ZipInputStream zip = new ZipInputStream(new java.io.ByteArrayInputStream(data))) {
      ZipEntry first = zip.getNextEntry();
      return first != null;
    } catch (IOException e) {
      return false;
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var walk = Files.walk(dir)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  /** How long the simulator has been asked to keep jobs running by default (for reports). */
  public Duration standardRunTime() {
    return standard.runTime();
  }

  @Override
  public void close() {
    server.stop(0);
    handlers.shutdownNow();
  }
}
