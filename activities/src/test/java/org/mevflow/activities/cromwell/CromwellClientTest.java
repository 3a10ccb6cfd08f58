package org.mevflow.activities.cromwell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client over real HTTP against a Cromwell stand-in. */
class CromwellClientTest {
  CromwellStandIn cromwell;
  CromwellClient client;

  static final String WDL = "workflow W { File matrix }";

  @BeforeEach
  void start() throws Exception {
    cromwell = new CromwellStandIn();
    client =
        new CromwellClient(
            new CromwellClient.Settings(cromwell.base(), null, Duration.ofSeconds(5)),
            HttpClient.newHttpClient());
  }

  @AfterEach
  void stop() {
    cromwell.close();
  }

  private CromwellClient.Submission submission(UUID id, String source, String inputs) {
    return new CromwellClient.Submission(id, source, inputs, new byte[] {1, 2}, "draft-2", null);
  }

  @Test
  void submitTrackAndReadMetadata() {
    UUID id = UUID.randomUUID();
    CromwellClient.IdAndStatus submitted =
        client.submit(submission(id, WDL, "{\"W.matrix\":\"gs://b/m.tsv\"}"));
    assertThat(submitted.id()).isEqualTo(id.toString());
    assertThat(submitted.status()).isEqualTo("Submitted");
    assertThat(client.status(id.toString())).isEqualTo("Running");
    assertThat(client.status(id.toString())).isEqualTo("Succeeded");
    assertThat(client.metadata(id.toString()).get("status").asText()).isEqualTo("Succeeded");
  }

  @Test
  void theConfiguredAuthorizationHeaderGoesWithEveryCall() {
    UUID id = UUID.randomUUID();
    client.submit(submission(id, WDL, "{}"));
    assertThat(cromwell.lastAuthorization).isNull();
    CromwellClient withAuth =
        new CromwellClient(
            new CromwellClient.Settings(cromwell.base(), "Bearer s3cret", Duration.ofSeconds(5)),
            java.net.http.HttpClient.newHttpClient());
    withAuth.status(id.toString());
    assertThat(cromwell.lastAuthorization).isEqualTo("Bearer s3cret");
  }

  @Test
  void aRetriedSubmitFindsTheJobItAlreadyMadeInsteadOfMakingASecond() {
    UUID id = UUID.randomUUID();
    client.submit(submission(id, WDL, "{}"));
    CromwellClient.IdAndStatus again = client.submit(submission(id, WDL, "{}"));
    assertThat(again.id()).isEqualTo(id.toString());
    assertThat(cromwell.submits.get()).isEqualTo(1);
  }

  @Test
  void refusalsAreFinalAndServerErrorsAreRetryable() {
    assertThatThrownBy(() -> client.submit(submission(UUID.randomUUID(), "", "{}")))
        .isInstanceOfSatisfying(
            CromwellException.class,
            e -> {
              assertThat(e.retryable()).isFalse();
              assertThat(e.getMessage()).contains("Workflow source is required");
            });
    assertThatThrownBy(() -> client.submit(submission(UUID.randomUUID(), WDL, "[1, 2")))
        .isInstanceOfSatisfying(
            CromwellException.class,
            e -> assertThat(e.getMessage()).contains("not a valid yaml or json"));
    assertThatThrownBy(() -> client.status(UUID.randomUUID().toString()))
        .isInstanceOfSatisfying(
            CromwellException.class,
            e -> {
              assertThat(e.notFound()).isTrue();
              assertThat(e.retryable()).isFalse();
            });
    cromwell.failNext.set(1);
    assertThatThrownBy(() -> client.status(UUID.randomUUID().toString()))
        .isInstanceOfSatisfying(
            CromwellException.class,
            e -> {
              assertThat(e.status()).isEqualTo(500);
              assertThat(e.retryable()).isTrue();
            });
  }

  @Test
  void abortAndAnUnreachableServer() {
    UUID id = UUID.randomUUID();
    client.submit(submission(id, WDL, "{}"));
    assertThat(client.abort(id.toString())).isEqualTo("Aborted");
    assertThat(client.status(id.toString())).isEqualTo("Aborted");

    CromwellClient nowhere =
        new CromwellClient(
            new CromwellClient.Settings(
                URI.create("http://127.0.0.1:1"), null, Duration.ofSeconds(2)),
            HttpClient.newHttpClient());
    assertThatThrownBy(() -> nowhere.status("x"))
        .isInstanceOfSatisfying(
            CromwellException.class,
            e -> {
              assertThat(e.status()).isZero();
              assertThat(e.retryable()).isTrue();
            });
  }
}
