package org.mevflow.api.signatures;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.IOException;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mevflow.api.security.MevflowUser;
import org.mevflow.api.security.WortTokens;
import org.mevflow.api.testing.ApiSlice;
import org.mevflow.core.signatures.GenomeMetadata;
import org.mevflow.core.signatures.SketchJobs;
import org.mevflow.core.storage.ObjectStorage;
import org.mevflow.db.DatasetRepository;
import org.mevflow.db.SubmissionRepository;
import org.mevflow.db.jooq.tables.records.DatasetsRecord;
import org.mevflow.db.type.DatasetStatus;
import org.mevflow.db.type.PublicDb;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/**
 * wort's compute, view and status routes as the controller answers them, with the services and
 * repositories behind it mocked: the HTTP contract (codes, problem bodies, wort's answers) without
 * a database or Temporal. {@link SignaturesApiTest} runs the same routes on the whole stack.
 */
@ApiSlice(SignaturesController.class)
class SignaturesControllerTest {
  static final String TOKEN = "selector.mac";

  @Autowired MockMvc mvc;
  @Autowired WortTokens tokens;
  @MockitoBean Signatures signatures;
  @MockitoBean DatasetRepository datasets;
  @MockitoBean ObjectStorage storage;
  @MockitoBean SubmissionRepository submissions;
  @MockitoBean GenomeMetadata genomes;

  @BeforeEach
  void aUserWithAToken() {
    when(tokens.authenticate(TOKEN))
        .thenReturn(
            new MevflowUser(7, "w", "w@example.org", false, MevflowUser.Credential.WORT_TOKEN, 1L));
  }

  @Test
  void computeStartsTheSketchAndAnswersAsWortDoes() throws Exception {
    when(datasets.find(PublicDb.SRA, "SRR1234567")).thenReturn(Optional.empty());
    when(signatures.compute(PublicDb.SRA, "SRR1234567", false))
        .thenReturn(new SketchJobs.Started("sketch-sra-SRR1234567", false));

    mvc.perform(post("/v1/compute/sra/SRR1234567").header("Authorization", "Bearer " + TOKEN))
        .andExpect(status().isAccepted())
        .andExpect(jsonPath("$.status").value("Submitted"))
        .andExpect(jsonPath("$.task_id").value("sketch-sra-SRR1234567"))
        .andExpect(jsonPath("$.joined").value(false))
        .andExpect(jsonPath("$.status_url").value("/v1/status/sra/SRR1234567"));
  }

  @Test
  void aComputedSignatureIsNotComputedAgainUnlessAskedTo() throws Exception {
    when(datasets.find(PublicDb.SRA, "SRR1234567")).thenReturn(Optional.of(computed()));
    when(signatures.compute(PublicDb.SRA, "SRR1234567", true))
        .thenReturn(new SketchJobs.Started("sketch-sra-SRR1234567", false));

    mvc.perform(post("/v1/compute/sra/SRR1234567").header("Authorization", "Bearer " + TOKEN))
        .andExpect(status().isAccepted())
        .andExpect(jsonPath("$.status").value("Signature already calculated"))
        .andExpect(jsonPath("$.view").value("/v1/view/sra/SRR1234567"));
    verify(signatures, never()).compute(any(), any(), anyBoolean());

    mvc.perform(
            post("/v1/compute/sra/SRR1234567?recompute=true")
                .header("Authorization", "Bearer " + TOKEN))
        .andExpect(status().isAccepted())
        .andExpect(jsonPath("$.status").value("Submitted"));
    verify(signatures).compute(PublicDb.SRA, "SRR1234567", true);
  }

  @Test
  void computeRefusesWithoutATokenAndForAnAccessionOfTheWrongShape() throws Exception {
    mvc.perform(post("/v1/compute/sra/SRR1234567"))
        .andExpect(status().isUnauthorized())
        .andExpect(content().contentTypeCompatibleWith("application/problem+json"));
    for (String bad : List.of("SRR12", "SRR123456789", "SR-1234567", "SRR12345x7")) {
      mvc.perform(post("/v1/compute/sra/" + bad).header("Authorization", "Bearer " + TOKEN))
          .andExpect(status().isBadRequest())
          .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
          .andExpect(
              jsonPath("$.detail")
                  .value(org.hamcrest.Matchers.containsString("not a valid SRA run accession")));
    }
    mvc.perform(post("/v1/compute/genomes/GCA_12345.1").header("Authorization", "Bearer " + TOKEN))
        .andExpect(status().isBadRequest())
        .andExpect(
            jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("assembly accession")));
    verify(signatures, never()).compute(any(), any(), anyBoolean());
  }

  @Test
  void anAssemblyNcbiDoesNotKnowIsWortsNotFoundAndNcbiDownIsA503() throws Exception {
    when(genomes.find("GCA_000000001.1")).thenReturn(Optional.empty());
    mvc.perform(
            post("/v1/compute/genomes/GCA_000000001.1").header("Authorization", "Bearer " + TOKEN))
        .andExpect(status().isNotFound())
        .andExpect(
            jsonPath("$.detail")
                .value(org.hamcrest.Matchers.containsString(GenomeMetadata.NOT_AVAILABLE)));

    when(genomes.find("GCA_000000002.1")).thenThrow(new IOException("connection refused"));
    mvc.perform(
            post("/v1/compute/genomes/GCA_000000002.1").header("Authorization", "Bearer " + TOKEN))
        .andExpect(status().isServiceUnavailable())
        .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
        .andExpect(
            jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("connection refused")));
    verify(signatures, never()).compute(any(), any(), anyBoolean());
  }

  @Test
  void viewRedirectsToTheStoredSignatureForAnyoneAndIsA404Otherwise() throws Exception {
    when(datasets.find(PublicDb.SRA, "SRR1234567")).thenReturn(Optional.of(computed()));
    when(storage.presignedGetUrl(any(), any()))
        .thenReturn(Optional.of(URI.create("https://bucket.example/sigs/SRR1234567.sig")));
    mvc.perform(get("/v1/view/sra/SRR1234567"))
        .andExpect(status().isFound())
        .andExpect(header().string("Location", "https://bucket.example/sigs/SRR1234567.sig"));

    // storage that cannot sign links: the API serves the bytes itself
    when(storage.presignedGetUrl(any(), any())).thenReturn(Optional.empty());
    mvc.perform(get("/v1/view/sra/SRR1234567"))
        .andExpect(status().isFound())
        .andExpect(header().string("Location", "/v1/download/sra/SRR1234567"));

    when(datasets.find(PublicDb.SRA, "SRR7654321")).thenReturn(Optional.empty());
    mvc.perform(get("/v1/view/sra/SRR7654321"))
        .andExpect(status().isNotFound())
        .andExpect(content().contentTypeCompatibleWith("application/problem+json"));
    mvc.perform(get("/v1/view/ena/SRR1234567")).andExpect(status().isNotFound());
  }

  @Test
  void statusTellsWhatHappenedToADataset() throws Exception {
    DatasetsRecord row = computed();
    when(datasets.find(PublicDb.SRA, "SRR1234567")).thenReturn(Optional.of(row));
    when(datasets.sketches(row.getId())).thenReturn(List.of());
    when(submissions.forDataset(row.getId())).thenReturn(List.of());
    when(signatures.progress("sketch-sra-SRR1234567")).thenReturn(Optional.empty());

    mvc.perform(get("/v1/status/sra/SRR1234567"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.status").value("COMPUTED"))
        .andExpect(jsonPath("$.attempts").value(1))
        .andExpect(jsonPath("$.workflow_id").value("sketch-sra-SRR1234567"))
        .andExpect(jsonPath("$.signature.url").value("/v1/view/sra/SRR1234567"))
        .andExpect(jsonPath("$.signature.bytes").value(1234));

    when(datasets.find(PublicDb.SRA, "SRR7654321")).thenReturn(Optional.empty());
    mvc.perform(get("/v1/status/sra/SRR7654321"))
        .andExpect(status().isNotFound())
        .andExpect(
            jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("never requested")));
  }

  private static DatasetsRecord computed() {
    DatasetsRecord row = new DatasetsRecord();
    row.setId(42L);
    row.setDb(PublicDb.SRA);
    row.setAccession("SRR1234567");
    row.setStatus(DatasetStatus.COMPUTED);
    row.setAttempts(1);
    row.setWorkflowId("sketch-sra-SRR1234567");
    row.setSignatureUri("file://sigs/sigs/SRR1234567.sig");
    row.setSignatureBytes(1234L);
    row.setComputedAt(OffsetDateTime.parse("2026-12-01T10:00:00Z"));
    return row;
  }
}
