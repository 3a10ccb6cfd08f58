package org.mevflow.core.storage;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Object storage as mevflow uses it: local directory, S3 (any endpoint) or GCS, chosen by
 * configuration. Writes are whole-object: a reader sees the old object or the complete new one,
 * never part of an upload.
 */
public interface ObjectStorage {

  /** The URI scheme of this backend's object URIs ({@code file}, {@code s3}, {@code gs}). */
  String scheme();

  /** Stores the file's bytes under {@code ref}, replacing what was there, all at once. */
  StoredObject put(ObjectRef ref, Path source, Content content) throws IOException;

  /** Stores a stream of unknown length: spooled to a temporary file first, then put whole. */
  default StoredObject put(ObjectRef ref, InputStream data, Content content) throws IOException {
    Path spool = Files.createTempFile("mevflow-upload-", ".part");
    try {
      Files.copy(data, spool, StandardCopyOption.REPLACE_EXISTING);
      return put(ref, spool, content);
    } finally {
      Files.deleteIfExists(spool);
    }
  }

  /** The object's bytes, as stored (not decoded); {@link NoSuchObjectException} if absent. */
  InputStream get(ObjectRef ref) throws IOException;

  Optional<StoredObject> head(ObjectRef ref) throws IOException;

  /** Deletes the object; false if there was none. */
  boolean delete(ObjectRef ref) throws IOException;

  /** Copies an object (with its content type and encoding) to another place. */
  StoredObject copy(ObjectRef from, ObjectRef to) throws IOException;

  /** Objects whose keys start with {@code prefix}, in key order. */
  List<StoredObject> list(String bucket, String prefix) throws IOException;

  /**
   * A URL that lets anyone holding it download the object until it expires; empty where the backend
   * cannot sign one (local storage), in which case the API serves the bytes itself.
   */
  Optional<URI> presignedGetUrl(ObjectRef ref, Duration validFor);

  default URI uri(ObjectRef ref) {
    return ref.toUri(scheme());
  }

  /**
   * The object's file on this machine where the backend keeps objects as files (local storage):
   * what a tool on the same machine, such as a Cromwell with its local backend, reads. Empty for
   * object stores.
   */
  default Optional<Path> localFile(ObjectRef ref) {
    return Optional.empty();
  }

  /** Whether this backend keeps objects as files on this machine ({@link #localFile}). */
  default boolean keepsLocalFiles() {
    return false;
  }
}
