package org.mevflow.workflows.signatures;

/**
 * Compute the signature of one dataset. {@code database} is "sra" or "genomes", as in wort's paths;
 * {@code recompute} replaces a stored signature (only once the new one is complete).
 */
public record SketchRequest(String database, String accession, boolean recompute) {
  public static final String SRA = "sra";
  public static final String GENOMES = "genomes";

  /** The workflow id: one per dataset, so a second request joins the running one. */
  public String workflowId() {
    return "sketch-" + database + "-" + accession;
  }
}
