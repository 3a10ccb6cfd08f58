package org.mevflow.api.signatures;

import io.temporal.client.WorkflowClient;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.mevflow.api.problem.ApiException;
import org.mevflow.api.temporal.LiveWorkflows;
import org.mevflow.core.signatures.SketchJobs;
import org.mevflow.db.type.PublicDb;
import org.mevflow.workflows.signatures.SketchHeartbeat;
import org.mevflow.workflows.signatures.SketchProgress;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/** Starting (or joining) sketch workflows, and reading their live progress. */
@Service
public class Signatures {
  /** wort's accession patterns. */
  static final Pattern SRA_ID = Pattern.compile("^\\w{3}\\d{6,8}$");

  static final Pattern ASSEMBLY_ID = Pattern.compile("^\\w{3}_\\d{9}\\.\\d{1,2}$");

  /**
   * IMG's genome ids (taxon OIDs, such as 2506381016) are numbers; wort's document gives no
   * pattern, and ours keeps ids safe as object keys.
   */
  static final Pattern IMG_ID = Pattern.compile("^\\d{1,20}$");

  private final WorkflowClient client;
  private final SketchJobs sketches;
  private final LiveWorkflows live;

  public Signatures(WorkflowClient client, SketchJobs sketches, LiveWorkflows live) {
    this.client = client;
    this.sketches = sketches;
    this.live = live;
  }

  /** The database named in a path ("sra", "genomes" or "img"), or 404 as wort answers. */
  static PublicDb database(String name) {
    PublicDb db = known(name);
    if (db == null) {
      throw ApiException.notFound("database '" + name + "' is not supported (sra, genomes, img)");
    }
    return db;
  }

  /** The database a path names, or null if wort has no such database. */
  static PublicDb known(String name) {
    return switch (name) {
      case "sra" -> PublicDb.SRA;
      case "genomes" -> PublicDb.GENOMES;
      case "img" -> PublicDb.IMG;
      default -> null;
    };
  }

  /** Whether the accession has wort's pattern for its database. */
  static boolean valid(PublicDb db, String accession) {
    Pattern p =
        switch (db) {
          case SRA -> SRA_ID;
          case GENOMES -> ASSEMBLY_ID;
          case IMG -> IMG_ID;
        };
    return p.matcher(accession).matches();
  }

  static String name(PublicDb db) {
    return db.name().toLowerCase(Locale.ROOT);
  }

  /** Checks an accession against wort's pattern for its database; 400 otherwise. */
  static void validate(PublicDb db, String accession) {
    if (!valid(db, accession)) {
      throw new ApiException(
          HttpStatus.BAD_REQUEST,
          "'"
              + accession
              + "' is not a valid "
              + switch (db) {
                case SRA -> "SRA run accession (e.g. SRR1234567)";
                case GENOMES -> "assembly accession (e.g. GCA_000001405.29)";
                case IMG -> "IMG genome id (a number, e.g. 2506381016)";
              });
    }
  }

  /** Starts the dataset's sketch workflow, or joins the one already running. */
  public SketchJobs.Started compute(PublicDb db, String accession, boolean recompute) {
    return sketches.compute(db, accession, recompute);
  }

  /**
   * Live progress of a running sketch or verify workflow: its step (a query) and the sketch
   * activity's heartbeat (records, bases, attempt). Each look-up is bounded; what does not answer
   * in time is left out.
   */
  public Optional<SignatureBodies.Progress> progress(String workflowId) {
    Optional<LiveWorkflows.Pending<SketchHeartbeat>> pending =
        live.pending(workflowId, SketchHeartbeat.class);
    if (pending.isEmpty()) {
      return Optional.empty();
    }
    SketchHeartbeat beat = pending.get().heartbeat();
    // sketch and verify workflows both answer "progress" with a SketchProgress
    SketchProgress step =
        live.query(
                () ->
                    client
                        .newUntypedWorkflowStub(workflowId)
                        .query("progress", SketchProgress.class))
            .orElse(null);
    return Optional.of(
        new SignatureBodies.Progress(
            pending.get().activity(),
            beat == null ? null : beat.records(),
            beat == null ? null : beat.bases(),
            step == null ? null : step.step(),
            step == null ? null : step.taskQueue()));
  }
}
