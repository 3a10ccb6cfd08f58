package org.mevflow.api.signatures;

import static org.springframework.web.util.HtmlUtils.htmlEscape;

import java.util.stream.Collectors;
import org.mevflow.db.DatasetRepository;
import org.mevflow.db.SubmissionRepository;
import org.mevflow.db.jooq.tables.records.DatasetsRecord;
import org.mevflow.db.type.DatasetStatus;
import org.mevflow.db.type.PublicDb;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** wort's HTML page for a dataset: name, status, parameters, hash counts, download link. */
@RestController
public class SignaturePageController {
  private final DatasetRepository datasets;
  private final SubmissionRepository submissions;

  public SignaturePageController(DatasetRepository datasets, SubmissionRepository submissions) {
    this.datasets = datasets;
    this.submissions = submissions;
  }

  @GetMapping(path = "/view/{public_db}/{dataset_id}/", produces = MediaType.TEXT_HTML_VALUE)
  public String page(
      @PathVariable("public_db") String database, @PathVariable("dataset_id") String accession) {
    PublicDb db = Signatures.database(database);
    DatasetsRecord row = datasets.find(db, accession).orElse(null);
    if (row == null) {
      // as wort: a page saying so, not an error
      return WortSiteController.page(accession + " - wort", "<p>Dataset not calculated yet</p>");
    }
    String sketches =
        datasets.sketches(row.getId()).stream()
            .map(
                s ->
                    "<tr><td>"
                        + s.getKsize()
                        + "</td><td>"
                        + s.getHashCount()
                        + "</td><td><code>"
                        + htmlEscape(s.getMd5sum())
                        + "</code></td></tr>")
            .collect(Collectors.joining());
    String metadata =
        db == PublicDb.SRA
            ? "https://www.ncbi.nlm.nih.gov/sra/" + accession
            : "https://www.ncbi.nlm.nih.gov/assembly/" + accession;
    boolean computed = row.getStatus() == DatasetStatus.COMPUTED;
    return """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><title>%1$s - mevflow signatures</title></head>
        <body>
        <h1>%1$s</h1>
        <p>Database: %2$s. Status: <strong>%3$s</strong>. <a href="%4$s">Metadata at NCBI</a>.</p>
        %5$s
        <p>Parameters: k=21,31,51, scaled=1000, abundances tracked, seed 42 (MurmurHash3).</p>
        <table><thead><tr><th>k</th><th>hashes</th><th>md5sum</th></tr></thead><tbody>%6$s</tbody></table>
        %7$s
        %8$s
        <p><a href="/v1/status/%2$s/%1$s">Status as JSON</a></p>
        </body></html>
        """
        .formatted(
            htmlEscape(accession),
            htmlEscape(database),
            row.getStatus().name(),
            metadata,
            row.getLastError() == null
                ? ""
                : "<p>Last error: " + htmlEscape(row.getLastError()) + "</p>",
            sketches,
            computed
                ? "<p><a href=\""
                    + SignaturesController.viewPath(db, accession)
                    + "\">Download the signature</a></p>"
                : "",
            submitted(row.getId()));
  }

  private String submitted(long datasetId) {
    var rows = submissions.forDataset(datasetId);
    if (rows.isEmpty()) {
      return "";
    }
    return "<h2>Submissions</h2><ul>"
        + rows.stream()
            .map(
                s ->
                    "<li>"
                        + s.getCreatedAt().toLocalDate()
                        + ": <strong>"
                        + s.getStatus().name()
                        + "</strong>"
                        + (s.getReason() == null ? "" : " - " + htmlEscape(s.getReason()))
                        + "</li>")
            .collect(Collectors.joining())
        + "</ul>";
  }
}
