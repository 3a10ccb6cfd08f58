package org.mevflow.core.operations;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.mevflow.core.storage.Content;
import org.mevflow.core.storage.ObjectRef;
import org.mevflow.core.storage.ObjectStorage;
import org.mevflow.db.OperationRepository;
import org.mevflow.db.jooq.tables.records.OperationsRecord;
import org.mevflow.db.type.Runner;

/**
 * Ingests operations as WebMEV does: a folder (or a git repository at a commit) holding {@code
 * operation_spec.json} and its runner's files. For {@code cromwell}: {@code main.wdl}, the other
 * WDL files beside it and {@code inputs.json}; the images the WDL names are pinned to the commit as
 * WebMEV pins them ({@link ContainerImages}). For {@code local_docker}: {@code entrypoint.txt} (the
 * command template) and {@code docker/Dockerfile}; the operation runs the image WebMEV tags with
 * the repository's commit. For mevflow's own {@code local} runner: {@code run.sh}. WebMEV's other
 * modes are refused, naming them. The folder is copied whole into storage (the WDL as pinned); the
 * row names the source, its commit (or a hash of the content for a folder outside git) and the
 * image, so ingesting the same thing again returns the operation already there.
 */
public final class OperationCatalog {
  static final String SPEC = "operation_spec.json";

  /** Where operation bundles are kept unless configured otherwise. */
  public static final String BUCKET = "mevflow-operations";

  static final long MAX_BUNDLE_BYTES = 50L << 20;

  /** An operation spec is a few kilobytes (WebMEV's largest is under 20 KB); 1 MiB is not one. */
  static final long MAX_SPEC_BYTES = 1L << 20;

  /** The modes this mevflow runs: WebMEV's cromwell and local_docker, and its own local. */
  static final List<String> MODES = List.of("cromwell", "local_docker", "local");

  private final OperationRepository operations;
  private final ObjectStorage storage;
  private final String bucket;
  private final ContainerImages.Registry registry;

  public OperationCatalog(OperationRepository operations, ObjectStorage storage, String bucket) {
    this(operations, storage, bucket, ContainerImages.Registry.webMev());
  }

  public OperationCatalog(
      OperationRepository operations,
      ObjectStorage storage,
      String bucket,
      ContainerImages.Registry registry) {
    this.operations = operations;
    this.storage = storage;
    this.bucket = bucket;
    this.registry = registry;
  }

  /** What ingestion did. */
  public record Ingested(OperationsRecord operation, boolean created) {}

  /**
   * Ingests {@code dir}; {@code source} and {@code commit} describe where it came from (a git URL
   * and commit). Without them, a folder inside a git work tree (shallow clones too) is recorded by
   * its remote (or path) and checked-out commit, any other folder by its path and content hash.
   */
  public Ingested ingest(Path dir, String source, String commit)
      throws IOException, OperationSpec.Invalid {
    Path specFile = dir.resolve(SPEC);
    if (!Files.isRegularFile(specFile)) {
      throw new OperationSpec.Invalid(
          source == null
              ? "no " + SPEC + " in " + dir
              : "no " + SPEC + " at the root of " + source + " at commit " + commit);
    }
    if (Files.size(specFile) > MAX_SPEC_BYTES) {
      throw new OperationSpec.Invalid(
          SPEC
              + " has "
              + Files.size(specFile)
              + " bytes; an operation spec is limited to "
              + MAX_SPEC_BYTES);
    }
    String text = Files.readString(specFile, StandardCharsets.UTF_8);
    // the mode first: a spec of a mode that does not run here is refused for that, whatever else
    // it holds (an ecs spec names ECS converters)
    checkMode(text);
    OperationSpec spec = OperationSpec.parse(text);
    Runner runner = runner(spec, dir);
    List<Path> files = files(dir);
    String hash = contentHash(dir, files);
    if (source == null) {
      Optional<GitCheckout.WorkTree> tree = GitCheckout.workTree(dir);
      if (tree.isPresent()) {
        source = tree.get().remote().orElse(null);
        commit = tree.get().commit();
      }
    }
    String repository =
        source == null ? dir.toAbsolutePath().normalize().toUri().toString() : source;
    String repoName =
        ContainerImages.repositoryName(
            source == null ? dir.toAbsolutePath().normalize().toString() : source);
    String version = commit == null ? "sha256:" + hash : commit;
    var existing = operations.findIngested(repository, version, spec.name());
    if (existing.isPresent()) {
      return new Ingested(existing.get(), false);
    }
    String image = null;
    Map<String, String> pins = Map.of();
    if (runner == Runner.LOCAL_DOCKER) {
      if (commit == null) {
        throw new OperationSpec.Invalid(
            "a local_docker operation runs the image built for its commit"
                + " (ghcr.io/<org>/<repo>:sha-<commit>): ingest it from a git repository");
      }
      image = ContainerImages.forCommit(registry, repoName, commit);
    } else if (runner == Runner.CROMWELL) {
      Set<String> images = new LinkedHashSet<>();
      for (Path f : wdlFiles(dir)) {
        images.addAll(
            ContainerImages.inWdl(
                f.getFileName().toString(), Files.readString(f, StandardCharsets.UTF_8)));
      }
      pins = ContainerImages.pins(registry, images, repoName, commit == null ? "" : commit);
      if (commit == null
          && pins.entrySet().stream().anyMatch(e -> !e.getKey().equals(e.getValue()))) {
        throw new OperationSpec.Invalid(
            "the WDL names this repository's image without a tag, which is pinned to the"
                + " commit: ingest it from a git repository, or tag the image");
      }
    }
    UUID id = UUID.randomUUID();
    for (Path f : files) {
      String rel = dir.relativize(f).toString().replace('\\', '/');
      ObjectRef ref = new ObjectRef(bucket, "operations/" + id + "/" + rel);
      if (!pins.isEmpty() && !rel.contains("/") && rel.endsWith(".wdl")) {
        byte[] pinned =
            ContainerImages.pin(Files.readString(f, StandardCharsets.UTF_8), pins)
                .getBytes(StandardCharsets.UTF_8);
        storage.put(ref, new java.io.ByteArrayInputStream(pinned), Content.OCTET_STREAM);
      } else {
        storage.put(ref, f, Content.OCTET_STREAM);
      }
    }
    String bundle = storage.uri(new ObjectRef(bucket, "operations/" + id + "/" + SPEC)).toString();
    bundle = bundle.substring(0, bundle.length() - SPEC.length());
    OperationsRecord row =
        operations.insert(
            id,
            spec.name(),
            spec.description(),
            spec.raw().toString(),
            runner,
            spec.workspaceOperation(),
            repository,
            version,
            bundle,
            image,
            spec.categories());
    return new Ingested(row, true);
  }

  /** Ingests the operation at the root of a git repository, at a commit (default: HEAD). */
  public Ingested ingestGit(String url, String commit) throws IOException, OperationSpec.Invalid {
    Path dir = Files.createTempDirectory("operation-");
    try {
      String sha = GitCheckout.checkout(url, commit, dir.resolve("repo"));
      return ingest(dir.resolve("repo"), url, sha);
    } finally {
      try (Stream<Path> walk = Files.walk(dir)) {
        walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /**
   * The runner of the spec's mode, once the files that mode needs are there (WebMEV's required
   * files: {@code main.wdl} and {@code inputs.json} for Cromwell; {@code entrypoint.txt} and {@code
   * docker/Dockerfile} for local_docker; {@code run.sh} for mevflow's local runner). WebMEV's other
   * modes ({@code ecs}, {@code nf_batch}, {@code nf_local}) and unknown ones are refused with the
   * mode's name and the ones that run here.
   */
  static Runner runner(OperationSpec spec, Path dir) throws OperationSpec.Invalid {
    String mode = spec.mode().toLowerCase(Locale.ROOT);
    List<String> needed;
    Runner runner;
    switch (mode) {
      case "cromwell" -> {
        needed = List.of("main.wdl", "inputs.json");
        runner = Runner.CROMWELL;
      }
      case "local_docker" -> {
        needed = List.of("entrypoint.txt", "docker/Dockerfile");
        runner = Runner.LOCAL_DOCKER;
      }
      case "local" -> {
        needed = List.of("run.sh");
        runner = Runner.LOCAL;
      }
      default ->
          throw new OperationSpec.Invalid(
              "mode '"
                  + spec.mode()
                  + "' is not run here; this mevflow runs operations of mode "
                  + String.join(", ", MODES));
    }
    for (String f : needed) {
      if (!Files.isRegularFile(dir.resolve(f))) {
        throw new OperationSpec.Invalid(
            "an operation of mode '"
                + mode
                + "' needs "
                + String.join(" and ", needed)
                + "; "
                + f
                + " is missing");
      }
    }
    return runner;
  }

  private static void checkMode(String specText) throws OperationSpec.Invalid {
    com.fasterxml.jackson.databind.JsonNode root;
    try {
      root = new com.fasterxml.jackson.databind.ObjectMapper().readTree(specText);
    } catch (IOException e) {
      return; // the spec's own parse says what is wrong with it
    }
    String mode = root == null ? null : root.path("mode").asText(null);
    if (mode != null && !MODES.contains(mode.toLowerCase(Locale.ROOT))) {
      throw new OperationSpec.Invalid(
          "mode '"
              + mode
              + "' is not run here; this mevflow runs operations of mode "
              + String.join(", ", MODES));
    }
  }

  /** The WDL files at the repository's root, as WebMEV reads them. */
  private static List<Path> wdlFiles(Path dir) throws IOException {
    try (Stream<Path> list = Files.list(dir)) {
      return list.filter(p -> p.getFileName().toString().endsWith(".wdl"))
          .filter(Files::isRegularFile)
          .sorted()
          .toList();
    }
  }

  private static List<Path> files(Path dir) throws IOException, OperationSpec.Invalid {
    List<Path> out;
    try (Stream<Path> walk = Files.walk(dir)) {
      out =
          walk.filter(p -> !dir.relativize(p).toString().startsWith(".git"))
              .filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
              .sorted()
              .toList();
    }
    long total = 0;
    for (Path p : out) {
      total += Files.size(p);
    }
    if (total > MAX_BUNDLE_BYTES) {
      throw new OperationSpec.Invalid(
          "the operation's files exceed " + MAX_BUNDLE_BYTES + " bytes");
    }
    return out;
  }

  private static String contentHash(Path dir, List<Path> files) throws IOException {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    for (Path f : files) {
      sha.update(dir.relativize(f).toString().replace('\\', '/').getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      sha.update(Files.readAllBytes(f));
    }
    return HexFormat.of().formatHex(sha.digest());
  }
}
