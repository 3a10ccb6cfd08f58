package org.mevflow.core.signatures;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import java.util.Locale;
import java.util.Optional;
import org.mevflow.db.DatasetRepository;
import org.mevflow.db.SubmissionRepository;
import org.mevflow.db.UserRepository;
import org.mevflow.db.jooq.tables.records.DatasetsRecord;
import org.mevflow.db.jooq.tables.records.SubmissionsRecord;
import org.mevflow.db.jooq.tables.records.VerificationsRecord;
import org.mevflow.workflows.signatures.VerifyRequest;
import org.mevflow.workflows.signatures.VerifyWorkflow;

/**
 * The one place a verification workflow is started: a submission's, an admin's re-verification, and
 * the stranded-job healer's restart of one whose workflow was lost (its request rebuilt from the
 * rows, so it runs as it first would have). The id is the submission's or verification's, so a
 * second start of the same one changes nothing.
 */
public final class VerifyJobs {
  private final WorkflowClient client;
  private final SignatureSettings settings;
  private final DatasetRepository datasets;
  private final SubmissionRepository submissions;
  private final UserRepository users;

  public VerifyJobs(
      WorkflowClient client,
      SignatureSettings settings,
      DatasetRepository datasets,
      SubmissionRepository submissions,
      UserRepository users) {
    this.client = client;
    this.settings = settings;
    this.datasets = datasets;
    this.submissions = submissions;
    this.users = users;
  }

  /** Starts it; false when it had been started already. */
  public boolean start(VerifyRequest request, String owner) {
    VerifyWorkflow workflow =
        client.newWorkflowStub(VerifyWorkflow.class, request.startOptions(owner));
    try {
      WorkflowClient.start(workflow::verify, request);
      return true;
    } catch (WorkflowExecutionAlreadyStarted started) {
      return false;
    }
  }

  /** The request a submission was verified with. */
  public Optional<VerifyRequest> requestFor(SubmissionsRecord s) {
    Optional<DatasetsRecord> dataset = datasets.byId(s.getDatasetId());
    boolean operator = users.findById(s.getUserId()).map(u -> u.getIsAdmin()).orElse(false);
    return dataset.map(
        d ->
            new VerifyRequest(
                VerifyRequest.Subject.SUBMISSION,
                s.getId().toString(),
                d.getDb().name().toLowerCase(Locale.ROOT),
                d.getAccession(),
                s.getStorageUri(),
                operator,
                settings.recomputeWith()));
  }

  /** The request a re-verification of a served signature was started with. */
  public Optional<VerifyRequest> requestFor(VerificationsRecord v) {
    return datasets
        .byId(v.getDatasetId())
        .filter(d -> d.getSignatureUri() != null)
        .map(
            d ->
                new VerifyRequest(
                    VerifyRequest.Subject.SERVED,
                    v.getId().toString(),
                    d.getDb().name().toLowerCase(Locale.ROOT),
                    d.getAccession(),
                    d.getSignatureUri(),
                    true,
                    settings.recomputeWith()));
  }
}
