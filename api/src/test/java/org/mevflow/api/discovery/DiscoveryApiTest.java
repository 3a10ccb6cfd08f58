package org.mevflow.api.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.UUID;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.mevflow.api.security.WortTokens;
import org.mevflow.api.testing.ApiTest;
import org.mevflow.api.testing.Http;
import org.mevflow.api.testing.TestUsers;
import org.mevflow.db.DiscoveryRepository;
import org.mevflow.db.UserRepository;
import org.mevflow.db.type.DiscoveryStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Discovery runs for admins: the counts and the reason a run failed; bad limits refused. */
@ApiTest
class DiscoveryApiTest {
  @LocalServerPort int port;
  @Autowired UserRepository users;
  @Autowired WortTokens tokens;
  @Autowired DSLContext db;

  private String user(boolean admin) {
    return TestUsers.bearerFor(users, tokens, admin);
  }

  @Test
  void adminsSeeEachRunsCountsAndWhyOneFailed() {
    DiscoveryRepository discoveries = new DiscoveryRepository(db);
    LocalDate day = LocalDate.of(2026, 1, 1).plusDays((long) (Math.random() * 3000));
    long row = discoveries.begin(day, "discovery-" + day, UUID.randomUUID().toString());
    discoveries.insertRuns(day, java.util.List.of("SRR" + (10_000_000 + day.toEpochDay())));
    discoveries.finish(
        row,
        DiscoveryStatus.FAILED,
        new DiscoveryRepository.Counts(12, 3, 1, 0, 0, 0, 0),
        "NCBI answered 503 for esearch");
    Http http = Http.local(port);

    Http.Response listed = http.get("/api/admin/discoveries/?limit=500", user(true));

    assertThat(listed.status()).isEqualTo(200);
    JsonNode run = null;
    for (JsonNode r : listed.json().get("runs")) {
      if (r.get("workflow_id").asText().equals("discovery-" + day)) {
        run = r;
      }
    }
    assertThat(run).as(listed.json().toString()).isNotNull();
    assertThat(run.get("status").asText()).isEqualTo("FAILED");
    assertThat(run.get("found").asInt()).isEqualTo(12);
    assertThat(run.get("pages").asInt()).isEqualTo(3);
    assertThat(run.get("new").asInt()).isEqualTo(1);
    assertThat(run.get("last_error").asText()).contains("503");
    assertThat(run.has("progress")).isFalse();

    assertThat(http.get("/api/admin/discoveries/", user(false)).status()).isEqualTo(403);
    Http.Response bad = http.get("/api/admin/discoveries/?limit=0", user(true));
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.contentType()).startsWith("application/problem+json");
    assertThat(bad.json().get("detail").asText()).contains("between 1 and 500");
  }
}
