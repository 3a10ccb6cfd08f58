package org.mevflow.devstack;

import java.util.Properties;
import java.util.stream.Collectors;

/** What {@code ./mevflow cluster} prints once everything answers. */
final class ClusterBanner {
  private ClusterBanner() {}

  static void print(Properties p, ClusterTopology topology, boolean cromwellSim) {
    StringBuilder b = new StringBuilder();
    b.append("mevflow cluster is up (").append(p.getProperty("home")).append(")\n");
    b.append("  API          ")
        .append(p.getProperty("api.url"))
        .append("   (nginx before ")
        .append(topology.api().replicas())
        .append(" API processes)\n");
    b.append("  Temporal     ")
        .append(p.getProperty("temporal.target"))
        .append("   (Temporal's server on PostgreSQL; namespace ")
        .append(ClusterTemporal.NAMESPACE)
        .append(")\n");
    b.append("  Web UI       ").append(p.getProperty("temporal.ui")).append('\n');
    b.append("  PostgreSQL   ")
        .append(p.getProperty("db.url"))
        .append("   (user mevflow, password in ")
        .append(p.getProperty("db.password.file"))
        .append("; also temporal, temporal_visibility)\n");
    b.append("  objects      ")
        .append(p.getProperty("s3.endpoint"))
        .append("   (SeaweedFS, S3; buckets ")
        .append(String.join(", ", topology.buckets()))
        .append(")\n");
    for (ClusterTopology.Worker w : topology.workers()) {
      b.append("  ")
          .append(String.format("%-13s", w.name() + " "))
          .append("polls ")
          .append(String.join(", ", w.queues()))
          .append("; drains ")
          .append(w.drain().toSeconds())
          .append(" s\n");
    }
    if (cromwellSim) {
      b.append("  Cromwell     ").append(p.getProperty("cromwell.url")).append("   (simulator)\n");
    }
    b.append("  processes    ")
        .append(
            p.stringPropertyNames().stream()
                .filter(k -> k.startsWith("pid."))
                .sorted()
                .map(k -> k.substring(4) + " " + p.getProperty(k))
                .collect(Collectors.joining(", ")))
        .append('\n');
    b.append("  logs         ").append(p.getProperty("home")).append("/*/*.log\n");
    b.append("Ctrl-C stops everything.");
    System.out.println(b);
    System.out.flush();
  }
}
