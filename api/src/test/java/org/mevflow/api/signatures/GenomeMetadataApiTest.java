package org.mevflow.api.signatures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mevflow.api.testing.Http.bearer;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.mevflow.api.security.WortTokens;
import org.mevflow.api.testing.ApiTest;
import org.mevflow.api.testing.Http;
import org.mevflow.core.ncbi.NcbiStandIn;
import org.mevflow.db.DatasetRepository;
import org.mevflow.db.GenomeRepository;
import org.mevflow.db.UserRepository;
import org.mevflow.db.type.PublicDb;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * /v1/compute/genomes as wort answers it: an assembly without metadata is 404 {"status": "Metadata
 * not available"} at once, with no dataset and no workflow; one in the loaded summary or found in
 * E-utilities (NCBI over loopback, its answer shapes) is accepted, looked up once.
 */
@ApiTest
class GenomeMetadataApiTest {
  static final NcbiStandIn ncbi = start();

  static NcbiStandIn start() {
    try {
      return new NcbiStandIn(
          Path.of(System.getProperty("mevflow.shared", "../../shared"))
              .resolve("testdata/ncbi/runinfo-sample.csv"));
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @DynamicPropertySource
  static void eutils(DynamicPropertyRegistry registry) {
    registry.add("mevflow.signatures.eutils-url", ncbi::eutils);
  }

  @AfterAll
  static void stop() {
    ncbi.close();
  }

  @LocalServerPort int port;
  @Autowired UserRepository users;
  @Autowired WortTokens tokens;
  @Autowired DatasetRepository datasets;
  @Autowired GenomeRepository genomes;

  private String token() {
    String name = "g" + UUID.randomUUID().toString().substring(0, 8);
    return tokens.issue(users.create(name, name + "@example.org", "x", false).getId());
  }

  @Test
  void anAssemblyWithoutMetadataIs404AtOnceAsOnWort() {
    Http.Response r = Http.local(port).post("/v1/compute/genomes/GCA_999999991.1", bearer(token()));
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.json().get("status").asText()).isEqualTo("Metadata not available");
    assertThat(datasets.find(PublicDb.GENOMES, "GCA_999999991.1")).isEmpty();

    // suppressed at NCBI: no files, so no metadata either
    ncbi.assemblyPaths.put(
        "GCA_999999992.1",
        "ftp://ftp.ncbi.nlm.nih.gov/genomes/all/GCA/999/999/992/GCA_999999992.1_ASM9v1");
    ncbi.suppressed.add("GCA_999999992.1");
    assertThat(
            Http.local(port)
                .post("/v1/compute/genomes/GCA_999999992.1", bearer(token()))
                .json()
                .get("status")
                .asText())
        .isEqualTo("Metadata not available");
  }

  @Test
  void anAssemblyInTheSummaryOrAtNcbiIsAcceptedAndLookedUpOnce() {
    genomes.upsert(
        List.of(
            new GenomeRepository.Assembly(
                "GCA_000000005.1",
                "Some organism",
                "strain=X",
                "ASM5v1",
                "https://ftp.ncbi.nlm.nih.gov/genomes/all/GCA/000/000/005/GCA_000000005.1_ASM5v1",
                "SUMMARY")));
    int before = ncbi.requests.size();
    Http.Response loaded =
        Http.local(port).post("/v1/compute/genomes/GCA_000000005.1", bearer(token()));
    assertThat(loaded.status()).as(loaded.toString()).isEqualTo(202);
    assertThat(ncbi.requests.size()).isEqualTo(before); // the table had it

    ncbi.assemblyPaths.put(
        "GCA_000000006.1",
        "ftp://ftp.ncbi.nlm.nih.gov/genomes/all/GCA/000/000/006/GCA_000000006.1_ASM6v1");
    ncbi.assemblyStrains.put("GCA_000000006.1", "K-12");
    Http.Response found =
        Http.local(port).post("/v1/compute/genomes/GCA_000000006.1", bearer(token()));
    assertThat(found.status()).as(found.toString()).isEqualTo(202);
    var stored = genomes.find("GCA_000000006.1").orElseThrow();
    assertThat(stored.getInfraspecificName()).isEqualTo("strain=K-12");
    assertThat(stored.getSource()).isEqualTo("EUTILS");
    int after = ncbi.requests.size();
    Http.local(port).post("/v1/compute/genomes/GCA_000000006.1", bearer(token()));
    assertThat(ncbi.requests.size()).isEqualTo(after);
  }
}
