package org.mevflow.core.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.Writer;
import java.net.URI;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Objects as files under one root directory: {@code root/<bucket>/<key>}. A put writes a temporary
 * file under the same root and renames it into place (atomic on one file system); content type and
 * encoding live in a small properties file beside the tree ({@code root/.meta/...}).
 */
public final class LocalObjectStorage implements ObjectStorage {
  private final Path root;
  private final Path tmp;
  private final Path meta;

  public LocalObjectStorage(Path root) throws IOException {
    this.root = root.toAbsolutePath().normalize();
    this.tmp = this.root.resolve(".tmp");
    this.meta = this.root.resolve(".meta");
    Files.createDirectories(tmp);
    Files.createDirectories(meta);
  }

  @Override
  public String scheme() {
    return "file";
  }

  @Override
  public boolean keepsLocalFiles() {
    return true;
  }

  @Override
  public Optional<Path> localFile(ObjectRef ref) {
    return Optional.of(data(ref));
  }

  private Path data(ObjectRef ref) {
    return inside(root.resolve(ref.bucket()).resolve(ref.key()));
  }

  private Path metadata(ObjectRef ref) {
    return inside(meta.resolve(ref.bucket()).resolve(ref.key() + ".properties"));
  }

  /** Belt and braces: ObjectRef already refuses keys that could leave the root. */
  private Path inside(Path p) {
    Path n = p.normalize();
    if (!n.startsWith(root)) {
      throw new IllegalArgumentException("path escapes the storage root");
    }
    return n;
  }

  @Override
  public StoredObject put(ObjectRef ref, Path source, Content content) throws IOException {
    Path target = data(ref);
    Files.createDirectories(target.getParent());
    Path part = tmp.resolve(UUID.randomUUID() + ".part");
    try {
      Files.copy(source, part, StandardCopyOption.REPLACE_EXISTING);
      writeMeta(ref, content);
      move(part, target);
    } finally {
      Files.deleteIfExists(part);
    }
    return head(ref).orElseThrow();
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      throw new IOException("storage root must be on one file system (atomic rename)", e);
    }
  }

  private void writeMeta(ObjectRef ref, Content content) throws IOException {
    Path file = metadata(ref);
    Files.createDirectories(file.getParent());
    Properties p = new Properties();
    p.setProperty("type", content.type());
    if (content.encoding() != null) {
      p.setProperty("encoding", content.encoding());
    }
    Path part = tmp.resolve(UUID.randomUUID() + ".meta");
    try (Writer w = Files.newBufferedWriter(part)) {
      p.store(w, null);
    }
    move(part, file);
  }

  private Content readMeta(ObjectRef ref) throws IOException {
    Path file = metadata(ref);
    if (!Files.exists(file)) {
      return Content.OCTET_STREAM;
    }
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file)) {
      p.load(r);
    }
    return new Content(p.getProperty("type"), p.getProperty("encoding"));
  }

  @Override
  public InputStream get(ObjectRef ref) throws IOException {
    try {
      return Files.newInputStream(data(ref));
    } catch (NoSuchFileException e) {
      throw new NoSuchObjectException(ref);
    }
  }

  @Override
  public Optional<StoredObject> head(ObjectRef ref) throws IOException {
    Path file = data(ref);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    Content c = readMeta(ref);
    return Optional.of(
        new StoredObject(
            ref,
            Files.size(file),
            c.type(),
            c.encoding(),
            Files.getLastModifiedTime(file).toInstant()));
  }

  @Override
  public boolean delete(ObjectRef ref) throws IOException {
    boolean existed = Files.deleteIfExists(data(ref));
    Files.deleteIfExists(metadata(ref));
    return existed;
  }

  @Override
  public StoredObject copy(ObjectRef from, ObjectRef to) throws IOException {
    Content content = readMeta(from);
    if (!Files.isRegularFile(data(from))) {
      throw new NoSuchObjectException(from);
    }
    return put(to, data(from), content);
  }

  @Override
  public List<StoredObject> list(String bucket, String prefix) throws IOException {
    Path dir = root.resolve(new ObjectRef(bucket, "x").bucket());
    List<StoredObject> out = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
        String key = dir.relativize(f).toString().replace(java.io.File.separatorChar, '/');
        if (key.startsWith(prefix)) {
          head(new ObjectRef(bucket, key)).ifPresent(out::add);
        }
      }
    }
    out.sort(java.util.Comparator.comparing(o -> o.ref().key()));
    return out;
  }

  @Override
  public Optional<URI> presignedGetUrl(ObjectRef ref, Duration validFor) {
    return Optional.empty();
  }
}
