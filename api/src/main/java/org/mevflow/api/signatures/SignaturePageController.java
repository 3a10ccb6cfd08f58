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
        switch (db) {
          case SRA -> "https://www.ncbi.nlm.nih.gov/sra/" + accession;
          case GENOMES -> "https://www.ncbi.nlm.nih.gov/assembly/" + accession;
          case IMG ->
              "https://img.jgi.doe.gov/cgi-bin/m/main.cgi?section=TaxonDetail&amp;page=taxonDetail"
                  + "&amp;taxon_oid="
                  + accession;
        };
    boolean computed = row.getStatus() == DatasetStatus.COMPUTED;
    return """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><title>%1$s - mevflow signatures</title></head>
        <body>
        <h1>%1$s</h1>
        <p>Database: %2$s. Status: <strong>%3$s</strong>. <a href="%4$s">Metadata at %9$s</a>.</p>
        %5$s
        %10$s
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
            submitted(row.getId()),
            db == PublicDb.IMG ? "JGI IMG" : "NCBI",
            provenance(row));
  }

  /** Who computed the served signature, or which submission it is and who verified it. */
  private String provenance(DatasetsRecord row) {
    if (row.getSignatureSource() == null || row.getSignatureUri() == null) {
      return "";
    }
    if (row.getSignatureSource() == org.mevflow.db.type.SignatureSource.COMPUTED) {
      return "<p>Signature computed by mevflow's sketcher.</p>";
    }
    return submissions.forDataset(row.getId()).stream()
        .filter(s -> row.getSignatureUri().equals(s.getStorageUri()))
        .findFirst()
        .map(
            s ->
                "<p>Signature submitted on "
                    + s.getCreatedAt().toLocalDate()
                    + " and served: <strong>"
                    + s.getStatus().name()
                    + "</strong>"
                    + (s.getReason() == null ? "" : " - " + htmlEscape(s.getReason()))
                    + "</p>")
        .orElse("<p>Signature submitted.</p>");
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
