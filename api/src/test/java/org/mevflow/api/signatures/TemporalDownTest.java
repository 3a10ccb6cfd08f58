package org.mevflow.api.signatures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mevflow.api.testing.Http.bearer;

import java.net.ServerSocket;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.mevflow.api.ApiApplication;
import org.mevflow.api.security.WortTokens;
import org.mevflow.api.testing.Http;
import org.mevflow.db.DatasetRepository;
import org.mevflow.db.UserRepository;
import org.mevflow.db.type.PublicDb;
import org.mevflow.testing.TestDatabaseInitializer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * With no Temporal server behind it (down, or restarting), a request that would start a job is
 * refused with a 503 problem that says so and when to try again, not a 500; nothing is started.
 */
@Tag("component")
@SpringBootTest(
    classes = ApiApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.jooq.sql-dialect=postgres",
      "spring.main.banner-mode=off",
      "mevflow.temporal.register-search-attributes=false",
      "mevflow.security.secret=test-secret-of-at-least-thirty-two-bytes",
      "mevflow.storage.local.root=target/test-storage"
    })
@ContextConfiguration(initializers = TestDatabaseInitializer.class)
class TemporalDownTest {
  @LocalServerPort int port;
  @Autowired UserRepository users;
  @Autowired WortTokens tokens;
  @Autowired DatasetRepository datasets;

  @DynamicPropertySource
  static void nobodyListening(DynamicPropertyRegistry registry) throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    registry.add("spring.temporal.connection.target", () -> "127.0.0.1:" + closed);
  }

  @org.springframework.beans.factory.annotation.Autowired org.mevflow.db.GenomeRepository genomes;

  @Test
  void startingAJobAnswers503WithRetryAfter() {
    String token = tokens.issue(users.create("down", "down@example.org", "x", false).getId());
    // the assembly's metadata is known (wort answers 404 before anything else otherwise)
    genomes.upsert(
        java.util.List.of(
            new org.mevflow.db.GenomeRepository.Assembly(
                "GCA_000000002.1",
                "Some organism",
                "",
                "ASM2v1",
                "https://ftp.ncbi.nlm.nih.gov/genomes/all/GCA/000/000/002/GCA_000000002.1_ASM2v1",
                "SUMMARY")));
    Http.Response r = Http.local(port).post("/v1/compute/genomes/GCA_000000002.1", bearer(token));
    assertThat(r.status()).as(r.toString()).isEqualTo(503);
    assertThat(r.contentType()).startsWith("application/problem+json");
    assertThat(r.json().get("detail").asText())
        .isEqualTo("the workflow service is not reachable; try again shortly");
    assertThat(r.header("Retry-After")).contains("10");
    assertThat(r.body()).doesNotContain("Exception").doesNotContain("\tat ");
    // the dataset row may exist (QUEUED, as wort's does before its task runs); no workflow does
    datasets
        .find(PublicDb.GENOMES, "GCA_000000002.1")
        .ifPresent(d -> assertThat(d.getWorkflowId()).isNull());
  }
}
