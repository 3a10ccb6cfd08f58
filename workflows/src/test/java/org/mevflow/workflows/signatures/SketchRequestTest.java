package org.mevflow.workflows.signatures;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SketchRequestTest {
  @Test
  void aSketchsWorkflowIdIsReadBackAsItsDataset() {
    for (SketchRequest r :
        new SketchRequest[] {
          new SketchRequest("sra", "SRR0000001", false),
          new SketchRequest("genomes", "GCA_000000001.1", true),
          new SketchRequest("sra", "SRR-with-dash", false)
        }) {
      SketchRequest back = SketchRequest.ofWorkflowId(r.workflowId()).orElseThrow();
      assertThat(back.database()).isEqualTo(r.database());
      assertThat(back.accession()).isEqualTo(r.accession());
    }
  }

  @Test
  void otherIdsNameNoDataset() {
    for (String id :
        new String[] {
          "analysis-1b4e28ba-2fa1-11d2-883f-0016d3cca427",
          "sketch-",
          "sketch-sra",
          "sketch-sra-",
          "sketch-img-IMG1",
          "sketch-nope-SRR1",
          "verify-sra-SRR0000001",
          "discovery-2026-01-01"
        }) {
      assertThat(SketchRequest.ofWorkflowId(id)).as(id).isEmpty();
    }
  }
}
