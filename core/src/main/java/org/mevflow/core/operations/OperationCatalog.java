package org.mevflow.core.operations;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Stream;
import org.mevflow.core.storage.Content;
import org.mevflow.core.storage.ObjectRef;
import org.mevflow.core.storage.ObjectStorage;
import org.mevflow.db.OperationRepository;
import org.mevflow.db.jooq.tables.records.OperationsRecord;
import org.mevflow.db.type.Runner;

/**
 * Ingests operations: a folder holding {@code operation_spec.json} and its runner's files ({@code
 * main.wdl} and the other WDL files for Cromwell, {@code run.sh} for the local runner). The folder
 * is copied whole into storage; the row names the source and a hash of the content, so ingesting
 * the same folder again returns the operation already there.
 */
public final class OperationCatalog {
  static final String SPEC = "operation_spec.json";

  /** Where operation bundles are kept unless configured otherwise. */
  public static final String BUCKET = "mevflow-operations";

  static final long MAX_BUNDLE_BYTES = 50L << 20;

  private final OperationRepository operations;
  private final ObjectStorage storage;
  private final String bucket;

  public OperationCatalog(OperationRepository operations, ObjectStorage storage, String bucket) {
    this.operations = operations;
    this.storage = storage;
    this.bucket = bucket;
  }

  /** What ingestion did. */
  public record Ingested(OperationsRecord operation, boolean created) {}

  /**
   * Ingests {@code dir}; {@code source} and {@code commit} describe where it came from (a git URL
   * and commit), or null to record the folder and its content hash.
   */
  public Ingested ingest(Path dir, String source, String commit)
      throws IOException, OperationSpec.Invalid {
    Path specFile = dir.resolve(SPEC);
    if (!Files.isRegularFile(specFile)) {
      throw new OperationSpec.Invalid("no " + SPEC + " in " + dir);
    }
    OperationSpec spec = OperationSpec.parse(Files.readString(specFile, StandardCharsets.UTF_8));
    List<Path> files = files(dir);
    Runner runner = runner(spec, dir);
    String hash = contentHash(dir, files);
    String repository =
        source == null ? dir.toAbsolutePath().normalize().toUri().toString() : source;
    String version = commit == null ? "sha256:" + hash : commit;
    var existing = operations.findIngested(repository, version, spec.name());
    if (existing.isPresent()) {
      return new Ingested(existing.get(), false);
    }
    UUID id = UUID.randomUUID();
    for (Path f : files) {
      String rel = dir.relativize(f).toString().replace('\\', '/');
      storage.put(new ObjectRef(bucket, "operations/" + id + "/" + rel), f, Content.OCTET_STREAM);
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

  /** The modes this mevflow runs (WebMEV's others are refused at ingestion, naming them). */
  static final List<String> MODES = List.of("cromwell", "local");

  /**
   * The runner of the spec's mode: Cromwell needs main.wdl, the local runner run.sh. WebMEV's other
   * modes ({@code local_docker}, {@code ecs}, {@code nf_batch}, {@code nf_local}) are refused with
   * the mode's name and the ones that run here.
   */
  static Runner runner(OperationSpec spec, Path dir) throws OperationSpec.Invalid {
    String mode = spec.mode().toLowerCase(Locale.ROOT);
    if (!MODES.contains(mode)) {
      throw new OperationSpec.Invalid(
          "mode '"
              + spec.mode()
              + "' is not run here; this mevflow runs operations of mode "
              + String.join(" or ", MODES));
    }
    if (mode.equals("cromwell") || Files.isRegularFile(dir.resolve("main.wdl"))) {
      if (!Files.isRegularFile(dir.resolve("main.wdl"))) {
        throw new OperationSpec.Invalid("a Cromwell operation needs main.wdl");
      }
      return Runner.CROMWELL;
    }
    if (!Files.isRegularFile(dir.resolve("run.sh"))) {
      throw new OperationSpec.Invalid(
          "a local operation needs run.sh (mode '" + spec.mode() + "')");
    }
    return Runner.LOCAL;
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
