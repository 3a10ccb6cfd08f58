package org.mevflow.api.signatures;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import org.mevflow.api.problem.ApiException;
import org.mevflow.core.signatures.SketchJobs;
import org.mevflow.core.storage.NoSuchObjectException;
import org.mevflow.core.storage.ObjectRef;
import org.mevflow.core.storage.ObjectStorage;
import org.mevflow.core.text.Errors;
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
  /** wort's read routes; {@link HotRoutes} serves these three first. */
  static final String VIEW = "/v1/view/{public_db}/{dataset_id}";

  static final String DOWNLOAD = "/v1/download/{public_db}/{dataset_id}";
  static final String STATUS = "/v1/status/{public_db}/{dataset_id}";

  static final Duration LINK_LIFETIME = Duration.ofHours(1);

  private final Signatures signatures;
  private final DatasetRepository datasets;
  private final ObjectStorage storage;
  private final SubmissionRepository submissions;

  private final org.mevflow.core.signatures.GenomeMetadata genomes;

  public SignaturesController(
      Signatures signatures,
      DatasetRepository datasets,
      ObjectStorage storage,
      SubmissionRepository submissions,
      org.mevflow.core.signatures.GenomeMetadata genomes) {
    this.genomes = genomes;
    this.signatures = signatures;
    this.datasets = datasets;
    this.storage = storage;
    this.submissions = submissions;
  }

  @io.swagger.v3.oas.annotations.responses.ApiResponse(
      responseCode = "202",
      description = "submitted, or calculated already (wort's status says which)")
  @PostMapping("/v1/compute/sra/{sra_id}")
  @Operation(summary = "Compute the signature of an SRA run (202; joins a running computation)")
  public ResponseEntity<SignatureBodies.Computing> computeSra(
      @PathVariable("sra_id") String accession,
      @RequestParam(name = "recompute", required = false) Boolean recomputeParam) {
    return compute(PublicDb.SRA, accession, Boolean.TRUE.equals(recomputeParam));
  }

  @io.swagger.v3.oas.annotations.responses.ApiResponse(
      responseCode = "202",
      description = "submitted, or calculated already (wort's status says which)")
  @PostMapping("/v1/compute/genomes/{assembly_accession}")
  @Operation(
      summary =
          "Compute the signature of an assembly (202; joins a running computation); 404"
              + " 'Metadata not available' for an assembly NCBI's summary does not have")
  public ResponseEntity<SignatureBodies.Computing> computeGenome(
      @PathVariable("assembly_accession") String accession,
      @RequestParam(name = "recompute", required = false) Boolean recomputeParam) {
    Signatures.validate(PublicDb.GENOMES, accession);
    // as wort: no metadata, no workflow
    boolean known;
    try {
      known = genomes.find(accession).isPresent();
    } catch (java.io.IOException e) {
      throw new ApiException(
          org.springframework.http.HttpStatus.SERVICE_UNAVAILABLE,
          "NCBI could not be asked for the assembly's metadata ("
              + Errors.describe(e)
              + "); try again");
    }
    if (!known) {
      throw ApiException.notFound(org.mevflow.core.signatures.GenomeMetadata.NOT_AVAILABLE);
    }
    return compute(PublicDb.GENOMES, accession, Boolean.TRUE.equals(recomputeParam));
  }

  /** IMG's sequences are not public: wort has no compute route for them, and neither do we. */
  static final String NO_IMG_COMPUTE =
      "IMG signatures are not computed (IMG's genome sequences are not public); an IMG signature"
          + " is served once it is submitted with POST /v1/submit/img/";

  @PostMapping("/v1/compute/img/{dataset_id}")
  @Operation(
      summary =
          "There is no compute for IMG (wort has no such route): 404 saying so; submit the"
              + " signature instead")
  public ResponseEntity<Void> computeImg(@PathVariable("dataset_id") String id) {
    throw ApiException.notFound(NO_IMG_COMPUTE + id);
  }

  private ResponseEntity<SignatureBodies.Computing> compute(
      PublicDb db, String accession, boolean recompute) {
    Signatures.validate(db, accession);
    DatasetsRecord row = datasets.find(db, accession).orElse(null);
    if (!recompute && row != null && row.getStatus() == DatasetStatus.COMPUTED) {
      return ResponseEntity.accepted()
          .body(SignatureBodies.Computing.alreadyCalculated(viewPath(db, accession)));
    }
    SketchJobs.Started started = signatures.compute(db, accession, recompute);
    return ResponseEntity.accepted()
        .body(
            SignatureBodies.Computing.submitted(
                started.workflowId(),
                started.joined(),
                "/v1/status/" + Signatures.name(db) + "/" + accession));
  }

  @io.swagger.v3.oas.annotations.responses.ApiResponse(
      responseCode = "302",
      description = "to the signature (Location)")
  @GetMapping(VIEW)
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

  @GetMapping(DOWNLOAD)
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

  @GetMapping(STATUS)
  @Operation(summary = "What happened to a dataset: status, attempts, last error, hashes, progress")
  public SignatureBodies.DatasetStatus status(
      @PathVariable("public_db") String database, @PathVariable("dataset_id") String accession) {
    PublicDb db = Signatures.database(database);
    DatasetsRecord row =
        datasets
            .find(db, accession)
            .orElseThrow(
                () ->
                    ApiException.notFound(
                        "no dataset " + database + "/" + accession + " (never requested)"));
    // the workflow that computed or computes it (a queued one is about to); none when nothing
    // ever asked for a computation (a dataset known from a submission)
    String workflowId =
        row.getWorkflowId() != null
            ? row.getWorkflowId()
            : row.getStatus() == DatasetStatus.QUEUED
                ? new SketchRequest(database, accession, false).workflowId()
                : null;
    return new SignatureBodies.DatasetStatus(
        database,
        accession,
        row.getStatus().name(),
        row.getAttempts(),
        row.getLastError(),
        row.getSizeMb(),
        row.getTaskQueue(),
        row.getRequestedAt(),
        row.getStartedAt(),
        row.getComputedAt(),
        row.getUpdatedAt(),
        workflowId,
        row.getPreviousWorkflowId(),
        row.getWorkflowRunId(),
        row.getPreviousRunId() == null
            ? null
            : new SignatureBodies.PreviousRun(row.getPreviousRunId(), row.getPreviousError()),
        row.getSignatureUri() == null
            ? null
            : new SignatureBodies.ServedSignature(
                viewPath(db, accession),
                row.getSignatureBytes(),
                row.getSignatureSource() == null ? null : row.getSignatureSource().name()),
        datasets.sketches(row.getId()).stream()
            .map(s -> new SignatureBodies.Sketch(s.getKsize(), s.getHashCount(), s.getMd5sum()))
            .toList(),
        submissions.forDataset(row.getId()).stream()
            .map(s -> SignatureBodies.Submission.of(s, null))
            .toList(),
        signatures.progress(workflowId).orElse(null));
  }
}
