package org.mevflow.api.signatures;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;
import org.mevflow.api.problem.ApiException;
import org.mevflow.api.problem.Ids;
import org.mevflow.api.security.MevflowUser;
import org.mevflow.core.signatures.SignatureSettings;
import org.mevflow.core.sketch.SubmissionRules;
import org.mevflow.core.storage.Content;
import org.mevflow.core.storage.ObjectRef;
import org.mevflow.core.storage.ObjectStorage;
import org.mevflow.db.DatasetRepository;
import org.mevflow.db.SubmissionRepository;
import org.mevflow.db.jooq.tables.records.DatasetsRecord;
import org.mevflow.db.jooq.tables.records.SubmissionsRecord;
import org.mevflow.db.type.DatasetStatus;
import org.mevflow.db.type.PublicDb;
import org.mevflow.db.type.SubmissionStatus;
import org.mevflow.db.type.VerificationStatus;
import org.mevflow.workflows.signatures.VerifyRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * Signature submissions, checked before anything is stored, then verified by recomputation; and
 * on-demand re-verification of served signatures (admin).
 */
@RestController
@Tag(name = "wort submissions")
public class SubmissionsController {
  private final ObjectStorage storage;
  private final DatasetRepository datasets;
  private final SubmissionRepository submissions;
  private final SignatureSettings settings;
  private final Signatures signatures;
  private final org.mevflow.core.signatures.VerifyJobs verifyJobs;

  public SubmissionsController(
      ObjectStorage storage,
      DatasetRepository datasets,
      SubmissionRepository submissions,
      SignatureSettings settings,
      Signatures signatures,
      org.mevflow.core.signatures.VerifyJobs verifyJobs) {
    this.verifyJobs = verifyJobs;
    this.storage = storage;
    this.datasets = datasets;
    this.submissions = submissions;
    this.settings = settings;
    this.signatures = signatures;
  }

  @io.swagger.v3.oas.annotations.responses.ApiResponse(
      responseCode = "202",
      description = "accepted; its verification runs")
  @PostMapping(
      path = "/v1/submit/{public_db}/{dataset_id}",
      consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  @Operation(summary = "Submit a signature (.sig or gzipped) for verification; 202 when accepted")
  public ResponseEntity<SignatureBodies.Accepted> submit(
      @PathVariable("public_db") String database,
      @PathVariable("dataset_id") String accession,
      @RequestPart(name = "file", required = false) MultipartFile file,
      @AuthenticationPrincipal MevflowUser user)
      throws IOException {
    PublicDb db = Signatures.database(database);
    Signatures.validate(db, accession);
    if (file == null || file.isEmpty()) {
      throw ApiException.badRequest("send the signature as the multipart field 'file'");
    }
    if (file.getSize() > settings.maxSubmissionBytes()) {
      throw ApiException.badRequest(
          "the file has "
              + file.getSize()
              + " bytes; submissions are limited to "
              + settings.maxSubmissionBytes());
    }
    try (InputStream in = file.getInputStream()) {
      SubmissionRules.check(in, accession, settings.submissionLimits());
    } catch (SubmissionRules.Rejected e) {
      throw ApiException.badRequest(e.getMessage());
    }

    UUID id = UUID.randomUUID();
    String bucket = settings.bucket(db);
    ObjectRef ref =
        new ObjectRef(bucket, "submitted/" + user.id() + "/" + accession + "/" + id + ".sig");
    Path gz = Files.createTempFile("submission-", ".sig.gz");
    try {
      String sha256 = gzipped(file, gz);
      storage.put(ref, gz, Content.GZIPPED_JSON);
      long datasetId = datasets.ensure(db, accession, DatasetStatus.SUBMITTED).getId();
      VerifyRequest request =
          new VerifyRequest(
              VerifyRequest.Subject.SUBMISSION,
              id.toString(),
              Signatures.name(db),
              accession,
              storage.uri(ref).toString(),
              user.admin(),
              settings.recomputeWith());
      submissions.create(
          id,
          datasetId,
          user.id(),
          request.signatureUri(),
          Files.size(gz),
          sha256,
          request.workflowId());
      start(
          request,
          user,
          () ->
              submissions.decide(
                  id,
                  org.mevflow.db.type.SubmissionStatus.UNVERIFIABLE,
                  "verification could not be started",
                  null));
      return ResponseEntity.accepted()
          .body(
              new SignatureBodies.Accepted(
                  "Signature accepted", id.toString(), request.workflowId()));
    } finally {
      Files.deleteIfExists(gz);
    }
  }

  /** Stores the upload gzipped (as wort stores signatures), whatever form it came in. */
  private static String gzipped(MultipartFile file, Path target) throws IOException {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    try (InputStream raw =
        new DigestInputStream(new BufferedInputStream(file.getInputStream()), sha)) {
      raw.mark(2);
      boolean gz = raw.read() == 0x1f && raw.read() == 0x8b;
      raw.reset();
      if (gz) {
        Files.copy(raw, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      } else {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(target))) {
          raw.transferTo(out);
        }
      }
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  private void start(VerifyRequest request, MevflowUser user, Runnable onFailure) {
    try {
      verifyJobs.start(request, user.username());
    } catch (RuntimeException e) {
      onFailure.run();
      throw new ApiException(
          HttpStatus.SERVICE_UNAVAILABLE, "verification could not be started; try again later");
    }
  }

  @GetMapping("/v1/submissions/{id}")
  @Operation(
      summary =
          "A submission's status and reason (its owner, or an admin); while it is verified, the"
              + " recomputation's live progress")
  public SignatureBodies.Submission submission(
      @PathVariable("id") String id, @AuthenticationPrincipal MevflowUser user) {
    SubmissionsRecord s =
        Ids.parse(id)
            .flatMap(submissions::find)
            .filter(r -> user.admin() || r.getUserId() == user.id())
            .orElseThrow(() -> ApiException.notFound("no submission " + id));
    boolean open =
        s.getStatus() == SubmissionStatus.PENDING || s.getStatus() == SubmissionStatus.VERIFYING;
    return SignatureBodies.Submission.of(
        s, open ? signatures.progress(s.getWorkflowId()).orElse(null) : null);
  }

  @io.swagger.v3.oas.annotations.responses.ApiResponse(
      responseCode = "202",
      description = "the verification runs")
  @PostMapping("/v1/verify/{public_db}/{dataset_id}")
  @Operation(summary = "Re-verify a served signature by recomputing it (admin); drift is recorded")
  public ResponseEntity<SignatureBodies.VerificationStarted> reverify(
      @PathVariable("public_db") String database,
      @PathVariable("dataset_id") String accession,
      @AuthenticationPrincipal MevflowUser user) {
    PublicDb db = Signatures.database(database);
    DatasetsRecord row =
        datasets
            .find(db, accession)
            .filter(r -> r.getStatus() == DatasetStatus.COMPUTED && r.getSignatureUri() != null)
            .orElseThrow(
                () ->
                    ApiException.notFound("no served signature for " + database + "/" + accession));
    UUID id = UUID.randomUUID();
    VerifyRequest request =
        new VerifyRequest(
            VerifyRequest.Subject.SERVED,
            id.toString(),
            Signatures.name(db),
            accession,
            row.getSignatureUri(),
            user.admin(),
            settings.recomputeWith());
    submissions.createVerification(id, row.getId(), user.id(), request.workflowId());
    start(request, user, () -> submissions.decideVerification(id, VerificationStatus.FAILED, null));
    return ResponseEntity.accepted()
        .body(new SignatureBodies.VerificationStarted(id.toString(), request.workflowId()));
  }

  @GetMapping("/v1/verifications/{id}")
  @Operation(
      summary =
          "A re-verification's outcome: MATCH, DRIFT or UNVERIFIABLE (admin); while running, its"
              + " live progress")
  public SignatureBodies.Verification verification(@PathVariable("id") String id) {
    var v =
        Ids.parse(id)
            .flatMap(submissions::findVerification)
            .orElseThrow(() -> ApiException.notFound("no verification " + id));
    return new SignatureBodies.Verification(
        v.getId().toString(),
        v.getStatus().name(),
        v.getReport() == null ? null : v.getReport().data(),
        v.getWorkflowId(),
        v.getCreatedAt(),
        v.getFinishedAt(),
        v.getStatus() == VerificationStatus.RUNNING
            ? signatures.progress(v.getWorkflowId()).orElse(null)
            : null);
  }
}
