package org.mevflow.activities.signatures;

import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.mevflow.activities.discovery.DiscoveryActivitiesImpl;
import org.mevflow.activities.discovery.GenomeListActivitiesImpl;
import org.mevflow.activities.testing.Histories;
import org.mevflow.core.ncbi.Ncbi;
import org.mevflow.core.ncbi.NcbiStandIn;
import org.mevflow.core.sketch.MinHash;
import org.mevflow.core.sketch.ParamString;
import org.mevflow.core.sketch.Signature;
import org.mevflow.core.sketch.SignatureJson;
import org.mevflow.core.sketch.Sketcher;
import org.mevflow.core.sketch.SourmashCli;
import org.mevflow.core.storage.LocalObjectStorage;
import org.mevflow.core.storage.ObjectRef;
import org.mevflow.core.storage.ObjectStorage;
import org.mevflow.db.DatasetRepository;
import org.mevflow.db.DiscoveryRepository;
import org.mevflow.db.GenomeRepository;
import org.mevflow.db.SubmissionRepository;
import org.mevflow.db.UserRepository;
import org.mevflow.db.jooq.tables.records.DatasetsRecord;
import org.mevflow.db.type.PublicDb;
import org.mevflow.testing.TestPostgres;
import org.mevflow.workflows.TaskQueues;
import org.mevflow.workflows.discovery.DiscoveryWorkflowImpl;
import org.mevflow.workflows.signatures.SketchOutcome;
import org.mevflow.workflows.signatures.SketchRequest;
import org.mevflow.workflows.signatures.SketchWorkflow;
import org.mevflow.workflows.signatures.SketchWorkflowImpl;
import org.mevflow.workflows.signatures.VerifyWorkflowImpl;

/**
 * The signature workflows' fixture (sketch, verify, discovery): Temporal's time-skipping test
 * environment running the real workflows and activities, a real PostgreSQL, local object storage,
 * scripted fastq-dump stand-ins on disk, and NCBI plus a file server over loopback HTTP.
 */
@Tag("component")
abstract class SignatureWorkflowFixture {
  @TempDir Path dir;
  TestWorkflowEnvironment env;
  NcbiStandIn ncbi;
  ObjectStorage storage;
  DatasetRepository datasets;
  SubmissionRepository submissions;
  UserRepository users;
  DiscoveryRepository discoveries;
  GenomeRepository genomes;

  /** Where the daily discovery re-reads NCBI's assembly summary (null: it does not). */
  String assemblySummaryUrl;

  Path golden;
  Path calls;

  /** The real sourmash scripts/setup installs, for the verifier's second opinion. */
  Optional<SourmashCli> sourmash =
      SourmashCli.installed().map(p -> new SourmashCli(p, Duration.ofMinutes(2)));

  @BeforeEach
  void setUp() throws IOException {
    Path shared = Path.of(System.getProperty("mevflow.shared", "../../shared"));
    golden = shared.resolve("testdata/sourmash");
    ncbi = new NcbiStandIn(shared.resolve("testdata/ncbi/runinfo-sample.csv"));
    storage = storage();
    DSLContext db = DSL.using(TestPostgres.newDatabase().dataSource(), SQLDialect.POSTGRES);
    datasets = new DatasetRepository(db);
    submissions = new SubmissionRepository(db);
    users = new UserRepository(db);
    discoveries = new DiscoveryRepository(db);
    genomes = new GenomeRepository(db);
    calls = dir.resolve("calls.log");
    env = TestWorkflowEnvironment.newInstance();
    org.mevflow.workflows.operators.Search.registrations().forEach(env::registerSearchAttribute);
  }

  /** Where signatures are stored: a local directory unless a test says otherwise. */
  ObjectStorage storage() throws IOException {
    return new LocalObjectStorage(dir.resolve("storage"));
  }

  @AfterEach
  void tearDown() {
    env.close();
    ncbi.close();
  }

  /** Starts workers whose fastq-dump is the given script body, and the genome URL template. */
  void workers(String fastqDumpBody, String genomeTemplate) throws IOException {
    Path script = dir.resolve("fastq-dump");
    String expected = String.join(" ", SketchActivitiesImpl.FASTQ_DUMP_ARGS);
    Files.writeString(
        script,
        "#!/bin/bash\n"
            + "echo \"$*\" >> '"
            + calls
            + "'\n"
            + "acc=\"${@: -1}\"\n"
            + "if [ \"$*\" != \""
            + expected
            + " $acc\" ]; then echo \"unexpected arguments: $*\" >&2; exit 99; fi\n"
            + fastqDumpBody
            + "\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    Worker main = env.newWorker(TaskQueues.SIGNATURES);
    main.registerWorkflowImplementationTypes(
        SketchWorkflowImpl.class, VerifyWorkflowImpl.class, DiscoveryWorkflowImpl.class);
    Ncbi eutils = new Ncbi(http, ncbi.eutils(), null, Duration.ofSeconds(10));
    main.registerActivitiesImplementations(
        new DatasetActivitiesImpl(datasets),
        new VerificationActivitiesImpl(storage, datasets, submissions),
        new SourceActivitiesImpl(eutils, genomeTemplate),
        new DiscoveryActivitiesImpl(eutils, discoveries),
        new GenomeListActivitiesImpl(http, genomes, assemblySummaryUrl));
    var sketch =
        new SketchActivitiesImpl(
            new SketchActivitiesImpl.Settings(
                script.toString(),
                "wort-sra",
                "wort-genomes",
                2,
                Duration.ofSeconds(1),
                Duration.ofMinutes(5)),
            storage,
            http,
            accession -> accession,
            sourmash);
    for (String queue :
        List.of(
            TaskQueues.SKETCH_SMALL,
            TaskQueues.SKETCH_MEDIUM,
            TaskQueues.SKETCH_LARGE,
            TaskQueues.SKETCH_GENOMES)) {
      env.newWorker(queue).registerActivitiesImplementations(sketch);
    }
    env.start();
  }

  /** Started as the API starts it. */
  SketchOutcome run(String db, String accession, boolean recompute) {
    SketchRequest request = new SketchRequest(db, accession, recompute);
    try {
      return env.getWorkflowClient()
          .newWorkflowStub(SketchWorkflow.class, request.startOptions())
          .compute(request);
    } finally {
      Histories.record(
          env.getWorkflowClient(),
          request.workflowId(),
          request.workflowId() + (recompute ? "-recompute" : ""));
    }
  }

  String fasta(String name) {
    return "zcat '" + golden.resolve(name) + "'";
  }

  Signature stored(String bucket, String accession) throws IOException {
    try (InputStream in =
        new GZIPInputStream(storage.get(new ObjectRef(bucket, "sigs/" + accession + ".sig")))) {
      return SignatureJson.read(in).get(0);
    }
  }

  List<MinHash> expectedSketches(String input) throws IOException {
    try (InputStream in = Files.newInputStream(golden.resolve(input))) {
      return new Sketcher(ParamString.parse(SketchActivitiesImpl.WORT_PARAMS), 1)
          .sketch(in, Sketcher.Progress.NONE)
          .sketches();
    }
  }

  DatasetsRecord row(PublicDb db, String accession) {
    return datasets.find(db, accession).orElseThrow();
  }

  /** The summaries the workflow's activities were scheduled with, as the Web UI shows them. */
  List<String> activitySummaries(String workflowId) {
    return env.getWorkflowClient().fetchHistory(workflowId).getEvents().stream()
        .filter(
            e ->
                e.getEventType()
                        == io.temporal.api.enums.v1.EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED
                    && e.hasUserMetadata())
        .map(
            e ->
                io.temporal.common.converter.DefaultDataConverter.STANDARD_INSTANCE.fromPayload(
                    e.getUserMetadata().getSummary(), String.class, String.class))
        .toList();
  }

  long fastqDumpCalls() throws IOException {
    return Files.exists(calls) ? Files.readAllLines(calls).size() : 0;
  }
}
