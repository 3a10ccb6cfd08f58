package org.mevflow.api.operators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mevflow.db.jooq.Tables.DATASETS;
import static org.mevflow.db.jooq.Tables.EXECUTIONS;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.mevflow.api.testing.ApiTest;
import org.mevflow.api.testing.Http;
import org.mevflow.db.DatasetRepository;
import org.mevflow.db.type.DatasetStatus;
import org.mevflow.db.type.ExecutionStatus;
import org.mevflow.db.type.PublicDb;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Jobs by state on the Prometheus endpoint, as PostgreSQL counts them. */
@ApiTest
@AutoConfigureObservability // tests leave metrics export off unless asked
class StateGaugesApiTest {
  @LocalServerPort int port;
  @Autowired DSLContext db;
  @Autowired DatasetRepository datasets;
  @Autowired StateGauges gauges;
  @Autowired org.mevflow.db.UserRepository users;
  @Autowired org.mevflow.api.security.WortTokens tokens;

  static double value(String scrape, String series) {
    Matcher m =
        Pattern.compile("^" + Pattern.quote(series) + " (\\S+)$", Pattern.MULTILINE)
            .matcher(scrape);
    assertThat(m.find()).as(series + " in\n" + scrape).isTrue();
    return Double.parseDouble(m.group(1));
  }

  @Test
  void datasetsAndExecutionsByStateAreGauges() {
    String acc = "SRR" + (2_000_000 + (int) (Math.random() * 7_999_999));
    datasets.markComputing(PublicDb.SRA, acc, "sketch-small", 5, "sketch-sra-" + acc, "r-" + acc);
    datasets.markFailed(PublicDb.SRA, acc, "fastq-dump exited with 1");
    datasets.ensure(PublicDb.SRA, acc + "1");

    gauges.refresh();
    String name = "m" + java.util.UUID.randomUUID().toString().substring(0, 8);
    var admin = users.create(name, name + "@example.org", "x", true);
    var user = users.create(name + "u", name + "u@example.org", "x", false);
    Http http = Http.local(port);
    // metrics are for operators
    assertThat(http.get("/actuator/prometheus", null).status()).isEqualTo(401);
    assertThat(http.get("/actuator/prometheus", Http.bearer(tokens.issue(user.getId()))).status())
        .isEqualTo(403);
    String scrape =
        http.get("/actuator/prometheus", Http.bearer(tokens.issue(admin.getId()))).body();

    assertThat(value(scrape, "mevflow_datasets{status=\"FAILED\"}"))
        .isEqualTo(db.fetchCount(DATASETS, DATASETS.STATUS.eq(DatasetStatus.FAILED)));
    assertThat(value(scrape, "mevflow_datasets{status=\"QUEUED\"}"))
        .isEqualTo(db.fetchCount(DATASETS, DATASETS.STATUS.eq(DatasetStatus.QUEUED)));
    assertThat(value(scrape, "mevflow_datasets{status=\"FAILED\"}")).isGreaterThanOrEqualTo(1);
    for (ExecutionStatus s : ExecutionStatus.values()) {
      assertThat(value(scrape, "mevflow_executions{status=\"" + s + "\"}"))
          .isEqualTo(db.fetchCount(EXECUTIONS, EXECUTIONS.STATUS.eq(s)));
    }
  }

  /** wort's reads take their own fast look-up; operators still see each timed under its route. */
  @Test
  void wortReadsAreTimedUnderTheirRoutePatterns() {
    String name = "m" + java.util.UUID.randomUUID().toString().substring(0, 8);
    var admin = users.create(name, name + "@example.org", "x", true);
    Http http = Http.local(port);
    assertThat(http.get("/v1/view/sra/SRR1000001", null).status()).isEqualTo(404);
    // and a computed one, answered before the security filters (ViewFastPath)
    String acc = "SRR" + (2_000_000 + (int) (Math.random() * 7_999_999));
    datasets.ensure(PublicDb.SRA, acc);
    datasets.markComputed(PublicDb.SRA, acc, "file://wort-sra/sigs/" + acc + ".sig", 1, List.of());
    assertThat(http.get("/v1/view/sra/" + acc, null).status()).isEqualTo(302);
    assertThat(http.get("/v1/status/genomes/GCA_000000001.1", null).status()).isEqualTo(404);
    assertThat(http.get("/v1/download/sra/SRR1000001", null).status()).isEqualTo(404);
    String scrape =
        http.get("/actuator/prometheus", Http.bearer(tokens.issue(admin.getId()))).body();
    assertThat(scrape)
        .containsPattern(
            "http_server_requests_seconds_count\\{[^}]*method=\"GET\"[^}]*status=\"302\"[^}]*uri=\""
                + Pattern.quote("/v1/view/{public_db}/{dataset_id}")
                + "\"");
    for (String route :
        List.of(
            "/v1/view/{public_db}/{dataset_id}",
            "/v1/status/{public_db}/{dataset_id}",
            "/v1/download/{public_db}/{dataset_id}")) {
      assertThat(scrape)
          .as(route)
          .containsPattern(
              "http_server_requests_seconds_count\\{[^}]*method=\"GET\"[^}]*status=\"404\"[^}]*uri=\""
                  + Pattern.quote(route)
                  + "\"");
    }
  }
}
