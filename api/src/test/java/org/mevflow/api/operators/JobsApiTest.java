package org.mevflow.api.operators;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.mevflow.api.security.WortTokens;
import org.mevflow.api.testing.ApiTest;
import org.mevflow.api.testing.Http;
import org.mevflow.api.testing.TestUsers;
import org.mevflow.db.DatasetRepository;
import org.mevflow.db.UserRepository;
import org.mevflow.db.type.PublicDb;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The operators' job list: admins only, filtered, bad filters refused with the reason. */
@ApiTest
class JobsApiTest {
  @LocalServerPort int port;
  @Autowired UserRepository users;
  @Autowired WortTokens tokens;
  @Autowired DatasetRepository datasets;

  private String user(boolean admin) {
    return TestUsers.bearerFor(users, tokens, admin);
  }

  @Test
  void adminsFindAFailedSketchByItsWorkflowIdAndReason() {
    Http http = Http.local(port);
    String acc = "SRR" + (1_000_000 + (int) (Math.random() * 8_999_999));
    datasets.markComputing(PublicDb.SRA, acc, "sketch-small", 5, "sketch-sra-" + acc, "run-1");
    datasets.markFailed(PublicDb.SRA, acc, "fastq-dump exited with 1: connection reset");

    Http.Response listed =
        http.get("/api/admin/jobs/?failed=true&kind=sketch&since=PT1H", user(true));
    assertThat(listed.status()).isEqualTo(200);
    assertThat(listed.json().toString())
        .contains("\"workflow_id\":\"sketch-sra-" + acc + "\"")
        .contains("connection reset");
    assertThat(listed.json()).allSatisfy(j -> assertThat(j.get("failed").asBoolean()).isTrue());

    assertThat(http.get("/api/admin/jobs/", user(false)).status()).isEqualTo(403);
    Http.Response bad = http.get("/api/admin/jobs/?kind=everything", user(true));
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.contentType()).startsWith("application/problem+json");
    assertThat(bad.json().get("detail").asText()).contains("unknown kind 'everything'");
    assertThat(
            http.get("/api/admin/jobs/?since=yesterday", user(true)).json().get("detail").asText())
        .contains("ISO-8601");
  }
}
