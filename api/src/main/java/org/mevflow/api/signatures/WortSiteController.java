package org.mevflow.api.signatures;

import static org.springframework.web.util.HtmlUtils.htmlEscape;

import java.util.Locale;
import org.mevflow.db.DatasetRepository;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * wort's site: the front page (how many datasets have a signature, from how much data), the about
 * page, the {@code /view/} index, and the no-slash form of a dataset's page, which redirects to the
 * slash form as Flask does (308, Werkzeug 2.2's strict-slashes redirect).
 */
@RestController
public class WortSiteController {
  private final DatasetRepository datasets;

  public WortSiteController(DatasetRepository datasets) {
    this.datasets = datasets;
  }

  static String page(String title, String body) {
    return """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><title>%1$s</title></head>
        <body>
        <header><a href="/">wort</a> | <a href="/view/">view</a> | <a href="/about/">about</a>\
         | <a href="/v1/ui/">API</a></header>
        %2$s
        </body></html>
        """
        .formatted(htmlEscape(title), body);
  }

  @GetMapping(path = "/", produces = MediaType.TEXT_HTML_VALUE)
  public String index() {
    DatasetRepository.Served served = datasets.served();
    return page(
        "wort",
        """
        <div>Welcome to wort! It's a database for sourmash signatures, currently focused on
        indexing datasets from the <a href="https://www.ncbi.nlm.nih.gov/sra">NCBI Sequence Read
        Archive</a>, the <a href="https://img.jgi.doe.gov/">JGI Integrated Microbial Genomes and
        Microbiomes</a> portal, and <a href="https://www.ncbi.nlm.nih.gov/assembly/">NCBI
        Assembly</a> resources (GenBank and RefSeq).</div>
        <div>There are currently %s datasets, calculated from %s TB of original data.</div>
        <div><p>Here are some example pages for these datasets:</p>
        <ul>
          <li>SRA: <a href="/view/sra/SRR15461028/">SRR15461028</a></li>
          <li>IMG: <a href="/view/img/2522125045/">2522125045</a></li>
          <li>NCBI Assemblies: <a href="/view/genomes/GCA_016787465.1/">GCA_016787465.1</a></li>
        </ul></div>
        """
            .formatted(
                String.format(Locale.ROOT, "%,d", served.datasets()),
                String.format(Locale.ROOT, "%,.2f", served.sizeMb() / 1e6)));
  }

  @GetMapping(path = "/about/", produces = MediaType.TEXT_HTML_VALUE)
  public String about() {
    return page(
        "About wort",
        """
        <p>wort computes a sourmash signature (DNA, k=21, 31 and 51, scaled=1000, abundances) for
        public sequencing datasets and serves them by accession. Signatures are computed on
        request or as NCBI publishes new runs, can be submitted by users, and submitted ones are
        verified by recomputing them.</p>
        <p>The API is described at <a href="/v1/openapi.json">/v1/openapi.json</a> and can be tried
        at <a href="/v1/ui/">/v1/ui/</a>.</p>
        """);
  }

  @GetMapping(path = "/view/", produces = MediaType.TEXT_HTML_VALUE)
  public String viewIndex() {
    return page(
        "wort: view",
        """
        <p>Query signatures directly at the address bar. The URL format is</p>
        <p><code>/view/{db}/{dataset_id}</code></p>
        <ul>
          <li>{db}: <code>sra</code>, <code>genomes</code> or <code>img</code></li>
          <li>{dataset_id}: depends on the database. For SRA it's the run accession, for
          genomes the assembly accession, and for IMG/M the taxon OID.</li>
        </ul>
        """);
  }

  /** The page's address without its slash: redirected to the slash form, as Flask does. */
  @io.swagger.v3.oas.annotations.responses.ApiResponse(
      responseCode = "308",
      description = "to the page, with its slash")
  @GetMapping("/view/{public_db}/{dataset_id}")
  public ResponseEntity<Void> viewWithoutSlash(
      @PathVariable("public_db") String database, @PathVariable("dataset_id") String accession) {
    return ResponseEntity.status(HttpStatus.PERMANENT_REDIRECT)
        .location(
            org.springframework.web.util.UriComponentsBuilder.fromPath("/view/{db}/{id}/")
                .buildAndExpand(database, accession)
                .encode()
                .toUri())
        .build();
  }
}
