package org.mevflow.api.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mevflow.api.testing.Http.bearer;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mevflow.api.security.WortTokens;
import org.mevflow.api.testing.ApiTest;
import org.mevflow.api.testing.Http;
import org.mevflow.core.resources.ResourceElements;
import org.mevflow.core.resources.ResourceType;
import org.mevflow.db.ElementRepository;
import org.mevflow.db.ResourceRepository;
import org.mevflow.db.UserRepository;
import org.mevflow.db.WorkspaceRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The Metadata tab's routes on a workspace with two count matrices and an annotation table, the
 * elements extracted as a validation extracts them; and the set operations it builds groups with.
 */
@ApiTest
class MetadataApiTest {
  @LocalServerPort int port;
  @Autowired UserRepository users;
  @Autowired WortTokens tokens;
  @Autowired ResourceRepository resources;
  @Autowired WorkspaceRepository workspaces;
  @Autowired ElementRepository elements;

  Http http;
  String auth;
  long owner;
  UUID ws;
  UUID first;
  UUID annotations;

  private UUID table(ResourceType type, String tsv) throws Exception {
    UUID id = UUID.randomUUID();
    resources.createUploaded(id, owner, type + ".tsv", "file:///x/" + id, tsv.length(), "sha256:x");
    resources.validated(id, type.key(), "tsv", null, null, "ok");
    Path file = Files.writeString(Files.createTempFile("t", ".tsv"), tsv);
    elements.replace(id, ResourceElements.extract(file, type));
    workspaces.add(ws, id);
    return id;
  }

  @BeforeEach
  void workspace() throws Exception {
    http = Http.local(port);
    String name = "m" + UUID.randomUUID().toString().substring(0, 8);
    owner = users.create(name, name + "@example.org", "x", false).getId();
    auth = bearer(tokens.issue(owner));
    ws = workspaces.create(owner, "metadata").getId();
    first =
        table(ResourceType.RNASEQ_COUNT_MTX, "gene\tS1\tS2\tS3\nTP53\t1\t2\t3\nEGFR\t4\t5\t6\n");
    table(ResourceType.RNASEQ_COUNT_MTX, "gene\tS3\tS4\nTP53\t7\t8\nMYC\t9\t1\n");
    annotations =
        table(
            ResourceType.ANN, "sample\tgroup\tage\nS1\tcase\t40\nS2\tcase\t51\nS4\tcontrol\t38\n");
  }

  @Test
  void theWorkspacesObservationsAndFeaturesAreTheUnionOfItsResources() {
    JsonNode page = http.get("/api/workspaces/" + ws + "/metadata/observations/", auth).json();
    assertThat(page.get("count").asInt()).isEqualTo(4);
    assertThat(page.get("results"))
        .extracting(o -> o.get("id").asText())
        .containsExactly("S1", "S2", "S3", "S4");
    JsonNode s4 = page.get("results").get(3);
    assertThat(s4.at("/attributes/group/value").asText()).isEqualTo("control");
    assertThat(s4.at("/attributes/age/attribute_type").asText()).isEqualTo("Integer");
    assertThat(page.get("results").get(2).get("attributes")).isEmpty();

    JsonNode second =
        http.get("/api/workspaces/" + ws + "/metadata/observations/?page_size=3&page=2", auth)
            .json();
    assertThat(second.get("results")).extracting(o -> o.get("id").asText()).containsExactly("S4");
    assertThat(second.get("previous").asText()).contains("page=1");
    assertThat(second.get("next").isNull()).isTrue();

    JsonNode genes = http.get("/api/workspaces/" + ws + "/metadata/features/", auth).json();
    assertThat(genes.get("results"))
        .extracting(o -> o.get("id").asText())
        .containsExactly("EGFR", "MYC", "TP53");
  }

  @Test
  void aResourcesOwnMetadata() {
    JsonNode all = http.get("/api/resources/" + annotations + "/metadata/", auth).json();
    assertThat(all.get("resource").asText()).isEqualTo(annotations.toString());
    assertThat(all.get("parent_operation").isNull()).isTrue();
    assertThat(all.at("/observation_set/elements")).hasSize(3);
    assertThat(all.get("feature_set").isNull()).isTrue();
    JsonNode obs = http.get("/api/resources/" + first + "/metadata/observations/", auth).json();
    assertThat(obs.at("/observation_set/elements"))
        .extracting(o -> o.get("id").asText())
        .containsExactly("S1", "S2", "S3");
    JsonNode feats = http.get("/api/resources/" + first + "/metadata/features/", auth).json();
    assertThat(feats.at("/feature_set/elements")).hasSize(2);
    assertThat(
            http.get("/api/resources/" + first + "/metadata/parent/", auth)
                .json()
                .has("parent_operation"))
        .isTrue();

    String other = "n" + UUID.randomUUID().toString().substring(0, 8);
    String stranger =
        bearer(tokens.issue(users.create(other, other + "@example.org", "x", false).getId()));
    assertThat(http.get("/api/resources/" + first + "/metadata/", stranger).status())
        .isEqualTo(404);
    assertThat(http.get("/api/workspaces/" + ws + "/metadata/observations/", stranger).status())
        .isEqualTo(404);
  }

  private static final String CASES =
      "{\"elements\":[{\"id\":\"S1\",\"attributes\":{\"group\":{\"attribute_type\":\"String\","
          + "\"value\":\"case\"}}},{\"id\":\"S2\"}],\"name\":\"cases\",\"color\":\"#f00\"}";
  private static final String SOME = "{\"elements\":[{\"id\":\"S2\"},{\"id\":\"S3\"}]}";

  private JsonNode op(String which, String sets, boolean ignore) {
    Http.Response r =
        http.postJson(
            "/api/metadata/" + which + "/",
            auth,
            "{\"set_type\":\"observation_set\",\"ignore_attributes\":"
                + ignore
                + ",\"sets\":["
                + sets
                + "]}");
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    return r.json().get("elements");
  }

  @Test
  void setOperationsAsTheMetadataTabUsesThem() {
    assertThat(op("union", CASES + "," + SOME, false))
        .extracting(e -> e.get("id").asText())
        .containsExactly("S1", "S2", "S3");
    assertThat(op("intersect", CASES + "," + SOME, false))
        .extracting(e -> e.get("id").asText())
        .containsExactly("S2");
    JsonNode diff = op("set-difference", CASES + "," + SOME, false);
    assertThat(diff).extracting(e -> e.get("id").asText()).containsExactly("S1");
    assertThat(diff.get(0).at("/attributes/group/value").asText()).isEqualTo("case");

    String conflicting =
        "{\"elements\":[{\"id\":\"S1\",\"attributes\":{\"group\":{\"attribute_type\":\"String\","
            + "\"value\":\"control\"}}}]}";
    Http.Response clash =
        http.postJson(
            "/api/metadata/intersect/",
            auth,
            "{\"set_type\":\"observation_set\",\"sets\":[" + CASES + "," + conflicting + "]}");
    assertThat(clash.status()).isEqualTo(400);
    assertThat(clash.json().get("error").asText()).contains("conflict in the attributes for S1");
    // unless the attributes are ignored
    assertThat(op("intersect", CASES + "," + conflicting, true))
        .extracting(e -> e.get("id").asText())
        .containsExactly("S1");

    assertThat(
            http.postJson(
                    "/api/metadata/union/",
                    auth,
                    "{\"set_type\":\"observation_set\",\"sets\":[" + CASES + "]}")
                .json()
                .get("error")
                .asText())
        .contains("fewer than two sets");
    assertThat(
            http.postJson("/api/metadata/union/", auth, "{\"sets\":[]}")
                .json()
                .get("error")
                .asText())
        .contains("requires the following keys");
    Http.Response badType =
        http.postJson(
            "/api/metadata/union/",
            auth,
            "{\"set_type\":\"samples\",\"sets\":[" + CASES + "," + SOME + "]}");
    assertThat(badType.status()).isEqualTo(400);
    assertThat(badType.json().get("set_type").asText()).contains("observation_set,feature_set");
    assertThat(
            http.postJson(
                    "/api/metadata/set-difference/",
                    auth,
                    "{\"set_type\":\"observation_set\",\"sets\":["
                        + CASES
                        + ","
                        + SOME
                        + ","
                        + SOME
                        + "]}")
                .json()
                .get("error")
                .asText())
        .contains("more than two sets");
  }
}
