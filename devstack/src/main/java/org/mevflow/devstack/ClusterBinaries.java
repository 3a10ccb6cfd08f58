package org.mevflow.devstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The servers' programs: Temporal's server, sql tool and UI server and SeaweedFS, built by {@code
 * scripts/install-cluster} into mevflow's cache; PostgreSQL and nginx from Debian's packages. A
 * missing one fails the start with one line naming it and the command that installs it.
 */
record ClusterBinaries(
    Path temporalServer,
    Path temporalSqlTool,
    Path temporalUiServer,
    Path seaweed,
    Path postgresBin,
    Path nginx) {
  static final String INSTALL = "scripts/install-cluster installs it (./mevflow cluster runs it)";

  static ClusterBinaries find() {
    Path bin = TemporalChoice.cache().resolve("bin");
    List<String> missing = new ArrayList<>();
    Path server = cached(bin, "temporal-server", missing);
    Path sql = cached(bin, "temporal-sql-tool", missing);
    Path ui = cached(bin, "temporal-ui-server", missing);
    Path weed = cached(bin, "weed", missing);
    Optional<Path> postgres = installedPostgres();
    if (postgres.isEmpty()) {
      missing.add("PostgreSQL's server (Debian's postgresql)");
    }
    Optional<Path> nginx =
        Stream.of("/usr/sbin/nginx", "/usr/bin/nginx")
            .map(Path::of)
            .filter(Files::isExecutable)
            .findFirst();
    if (nginx.isEmpty()) {
      missing.add("nginx (Debian's nginx)");
    }
    if (!missing.isEmpty()) {
      throw new IllegalStateException(
          "not installed: " + String.join(", ", missing) + "; " + INSTALL);
    }
    return new ClusterBinaries(server, sql, ui, weed, postgres.get(), nginx.get());
  }

  private static Path cached(Path bin, String name, List<String> missing) {
    Path p = bin.resolve(name);
    if (!Files.isExecutable(p)) {
      missing.add(name + " (" + p + ")");
    }
    return p;
  }

  /** The newest installed PostgreSQL's bin folder, as Debian lays them out. */
  static Optional<Path> installedPostgres() {
    Path root = Path.of("/usr/lib/postgresql");
    if (!Files.isDirectory(root)) {
      return Optional.empty();
    }
    try (Stream<Path> versions = Files.list(root)) {
      return versions
          .map(v -> v.resolve("bin"))
          .filter(
              b ->
                  Files.isExecutable(b.resolve("postgres"))
                      && Files.isExecutable(b.resolve("initdb")))
          .max(Comparator.comparingInt(b -> version(b.getParent().getFileName().toString())));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static int version(String name) {
    try {
      return Integer.parseInt(name);
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
