package org.mevflow.workflows.discovery;

/** What a refresh of the genome list read: from where, its rows, and the assemblies now known. */
public record GenomeListRefresh(String url, long rows, long known) {
  public String describe() {
    return "read " + rows + " assemblies from " + url + " (" + known + " known)";
  }
}
