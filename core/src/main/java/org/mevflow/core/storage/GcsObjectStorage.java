package org.mevflow.core.storage;

import com.google.cloud.storage.Blob;
import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.BlobInfo;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.mevflow.core.text.Errors;

/**
 * Objects in Google Cloud Storage. An object appears only when its upload is finalized, so readers
 * never see part of one; the client library's retries apply to every call.
 */
public final class GcsObjectStorage implements ObjectStorage {
  private final Storage gcs;

  public GcsObjectStorage(Storage gcs) {
    this.gcs = gcs;
  }

  @Override
  public String scheme() {
    return "gs";
  }

  private static BlobId id(ObjectRef ref) {
    return BlobId.of(ref.bucket(), ref.key());
  }

  @Override
  public StoredObject put(ObjectRef ref, Path source, Content content) throws IOException {
    BlobInfo info =
        BlobInfo.newBuilder(id(ref))
            .setContentType(content.type())
            .setContentEncoding(content.encoding())
            .build();
    try {
      return describe(ref, gcs.createFrom(info, source));
    } catch (StorageException e) {
      throw new IOException("GCS put of " + ref + " failed: " + Errors.describe(e), e);
    }
  }

  @Override
  public InputStream get(ObjectRef ref) throws IOException {
    if (head(ref).isEmpty()) {
      throw new NoSuchObjectException(ref);
    }
    try {
      return Channels.newInputStream(gcs.reader(id(ref)));
    } catch (StorageException e) {
      throw new IOException("GCS get of " + ref + " failed: " + Errors.describe(e), e);
    }
  }

  @Override
  public Optional<StoredObject> head(ObjectRef ref) throws IOException {
    try {
      Blob blob = gcs.get(id(ref));
      return blob == null ? Optional.empty() : Optional.of(describe(ref, blob));
    } catch (StorageException e) {
      throw new IOException("GCS head of " + ref + " failed: " + Errors.describe(e), e);
    }
  }

  private static StoredObject describe(ObjectRef ref, Blob blob) {
    Instant updated =
        blob.getUpdateTimeOffsetDateTime() == null
            ? null
            : blob.getUpdateTimeOffsetDateTime().toInstant();
    return new StoredObject(
        ref,
        blob.getSize() == null ? 0 : blob.getSize(),
        blob.getContentType(),
        blob.getContentEncoding(),
        updated);
  }

  @Override
  public boolean delete(ObjectRef ref) throws IOException {
    try {
      return gcs.delete(id(ref));
    } catch (StorageException e) {
      throw new IOException("GCS delete of " + ref + " failed: " + Errors.describe(e), e);
    }
  }

  @Override
  public StoredObject copy(ObjectRef from, ObjectRef to) throws IOException {
    StoredObject source = head(from).orElseThrow(() -> new NoSuchObjectException(from));
    // the target's type and encoding are named explicitly rather than left to the service
    BlobInfo target =
        BlobInfo.newBuilder(id(to))
            .setContentType(source.contentType())
            .setContentEncoding(source.contentEncoding())
            .build();
    try {
      Blob copied =
          gcs.copy(Storage.CopyRequest.newBuilder().setSource(id(from)).setTarget(target).build())
              .getResult();
      return describe(to, copied);
    } catch (StorageException e) {
      throw new IOException(
          "GCS copy of " + from + " to " + to + " failed: " + Errors.describe(e), e);
    }
  }

  @Override
  public List<StoredObject> list(String bucket, String prefix) throws IOException {
    List<StoredObject> out = new ArrayList<>();
    try {
      for (Blob b : gcs.list(bucket, Storage.BlobListOption.prefix(prefix)).iterateAll()) {
        out.add(describe(new ObjectRef(bucket, b.getName()), b));
      }
    } catch (StorageException e) {
      throw new IOException(
          "GCS list of " + bucket + "/" + prefix + " failed: " + Errors.describe(e), e);
    }
    out.sort(java.util.Comparator.comparing(o -> o.ref().key()));
    return out;
  }

  @Override
  public Optional<URI> presignedGetUrl(ObjectRef ref, Duration validFor) {
    try {
      var url =
          gcs.signUrl(
              BlobInfo.newBuilder(id(ref)).build(),
              validFor.toSeconds(),
              TimeUnit.SECONDS,
              Storage.SignUrlOption.withV4Signature());
      return Optional.of(url.toURI());
    } catch (IllegalStateException | UnsupportedOperationException | StorageException e) {
      // no signing key (e.g. user credentials, or the in-process fake): the API serves the bytes
      return Optional.empty();
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException("GCS signed an invalid URL", e);
    }
  }
}
