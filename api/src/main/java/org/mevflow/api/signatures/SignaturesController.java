package org.mevflow.api.signatures;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mevflow.api.problem.ApiException;
import org.mevflow.core.signatures.SketchJobs;
import org.mevflow.core.storage.NoSuchObjectException;
import org.mevflow.core.storage.ObjectRef;
import org.mevflow.core.storage.ObjectStorage;
import org.mevflow.db.DatasetRepository;
import org.mevflow.db.SubmissionRepository;
import org.mevflow.db.jooq.tables.records.DatasetsRecord;
import org.mevflow.db.type.DatasetStatus;
import org.mevflow.db.type.PublicDb;
import org.mevflow.workflows.signatures.SketchRequest;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** wort's v1 signature routes, and the status route wort never had. */
@RestController
@Tag(name = "wort signatures")
public class SignaturesController {
  static final Duration LINK_LIFETIME = Duration.ofHours(1);

  private final Signatures signatures;
  private final DatasetRepository datasets;
  private final ObjectStorage storage;
  private final SubmissionRepository submissions;

  public SignaturesController(
      Signatures signatures,
      DatasetRepository datasets,
      ObjectStorage storage,
      SubmissionRepository submissions) {
    this.signatures = signatures;
    this.datasets = datasets;
    this.storage = storage;
    this.submissions = submissions;
  }

  @PostMapping("/v1/compute/sra/{sra_id}")
  @Operation(summary = "Compute the signature of an SRA run (202; joins a running computation)")
  public ResponseEntity<Map<String, Object>> computeSra(
      @PathVariable("sra_id") String accession,
      @RequestParam(defaultValue = "false") boolean recompute) {
    return compute(PublicDb.SRA, accession, recompute);
  }

  @PostMapping("/v1/compute/genomes/{assembly_accession}")
  @Operation(summary = "Compute the signature of an assembly (202; joins a running computation)")
  public ResponseEntity<Map<String, Object>> computeGenome(
      @PathVariable("assembly_accession") String accession,
      @RequestParam(defaultValue = "false") boolean recompute) {
    return compute(PublicDb.GENOMES, accession, recompute);
  }

  private ResponseEntity<Map<String, Object>> compute(
      PublicDb db, String accession, boolean recompute) {
    Signatures.validate(db, accession);
    Map<String, Object> body = new LinkedHashMap<>();
    DatasetsRecord row = datasets.find(db, accession).orElse(null);
    if (!recompute && row != null && row.getStatus() == DatasetStatus.COMPUTED) {
      body.put("status", "Signature already calculated");
      body.put("view", viewPath(db, accession));
      return ResponseEntity.accepted().body(body);
    }
    SketchJobs.Started started = signatures.compute(db, accession, recompute);
    body.put("status", "Submitted");
    body.put("task_id", started.workflowId());
    body.put("joined", started.joined());
    body.put("status_url", "/v1/status/" + Signatures.name(db) + "/" + accession);
    return ResponseEntity.accepted().body(body);
  }

  @GetMapping("/v1/view/{public_db}/{dataset_id}")
  @Operation(summary = "Redirect (302) to the signature when it is computed; 404 otherwise")
  public ResponseEntity<Void> view(
      @PathVariable("public_db") String database, @PathVariable("dataset_id") String accession) {
    PublicDb db = Signatures.database(database);
    ObjectRef ref = signatureOf(db, accession);
    URI target =
        storage
            .presignedGetUrl(ref, LINK_LIFETIME)
            .orElse(URI.create("/v1/download/" + database + "/" + accession));
    return ResponseEntity.status(HttpStatus.FOUND).location(target).build();
  }

  @GetMapping("/v1/download/{public_db}/{dataset_id}")
  @Operation(summary = "The signature's bytes (gzipped JSON) when storage cannot sign links")
  public ResponseEntity<InputStreamResource> download(
      @PathVariable("public_db") String database, @PathVariable("dataset_id") String accession)
      throws IOException {
    PublicDb db = Signatures.database(database);
    ObjectRef ref = signatureOf(db, accession);
    var head = storage.head(ref).orElseThrow(() -> lost(ref));
    InputStream in;
    try {
      in = storage.get(ref);
    } catch (NoSuchObjectException e) {
      throw lost(ref);
    }
    return ResponseEntity.ok()
        .contentType(MediaType.APPLICATION_JSON)
        .header(HttpHeaders.CONTENT_ENCODING, "gzip")
        .header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"" + accession + ".sig\"")
        .contentLength(head.size())
        .body(new InputStreamResource(in));
  }

  private static ApiException lost(ObjectRef ref) {
    return new ApiException(
        HttpStatus.INTERNAL_SERVER_ERROR, "signature object " + ref + " is missing from storage");
  }

  private ObjectRef signatureOf(PublicDb db, String accession) {
    DatasetsRecord row =
        datasets
            .find(db, accession)
            .filter(r -> r.getStatus() == DatasetStatus.COMPUTED && r.getSignatureUri() != null)
            .orElseThrow(
                () ->
                    ApiException.notFound(
                        "no computed signature for " + Signatures.name(db) + "/" + accession));
    return ObjectRef.fromUri(URI.create(row.getSignatureUri()));
  }

  static String viewPath(PublicDb db, String accession) {
    return "/v1/view/" + Signatures.name(db) + "/" + accession;
  }

  @GetMapping("/v1/status/{public_db}/{dataset_id}")
  @Operation(summary = "What happened to a dataset: status, attempts, last error, hashes, progress")
  public Map<String, Object> status(
      @PathVariable("public_db") String database, @PathVariable("dataset_id") String accession) {
    PublicDb db = Signatures.database(database);
    DatasetsRecord row =
        datasets
            .find(db, accession)
            .orElseThrow(
                () ->
                    ApiException.notFound(
                        "no dataset " + database + "/" + accession + " (never requested)"));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("database", database);
    body.put("accession", accession);
    body.put("status", row.getStatus().name());
    body.put("attempts", row.getAttempts());
    body.put("last_error", row.getLastError());
    body.put("size_mb", row.getSizeMb());
    body.put("task_queue", row.getTaskQueue());
    body.put("requested_at", row.getRequestedAt());
    body.put("started_at", row.getStartedAt());
    body.put("computed_at", row.getComputedAt());
    body.put("updated_at", row.getUpdatedAt());
    String workflowId = new SketchRequest(database, accession, false).workflowId();
    body.put("workflow_id", workflowId);
    body.put("previous_workflow_id", row.getPreviousWorkflowId());
    body.put("run_id", row.getWorkflowRunId());
    if (row.getPreviousRunId() != null) {
      // the run this one replaced (a replay or a recompute), and how it ended
      Map<String, Object> previous = new LinkedHashMap<>();
      previous.put("run_id", row.getPreviousRunId());
      previous.put("error", row.getPreviousError());
      body.put("previous_run", previous);
    }
    if (row.getSignatureUri() != null) {
      Map<String, Object> sig = new LinkedHashMap<>();
      sig.put("url", viewPath(db, accession));
      sig.put("bytes", row.getSignatureBytes());
      sig.put("source", row.getSignatureSource() == null ? null : row.getSignatureSource().name());
      body.put("signature", sig);
    }
    List<Map<String, Object>> sketches =
        datasets.sketches(row.getId()).stream()
            .map(
                s ->
                    Map.<String, Object>of(
                        "ksize", s.getKsize(), "hashes", s.getHashCount(), "md5sum", s.getMd5sum()))
            .toList();
    body.put("sketches", sketches);
    body.put(
        "submissions",
        submissions.forDataset(row.getId()).stream().map(SubmissionsController::describe).toList());
    signatures.progress(workflowId).ifPresent(p -> body.put("progress", p));
    return body;
  }
}
