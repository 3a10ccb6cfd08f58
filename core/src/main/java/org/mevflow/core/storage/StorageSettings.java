package org.mevflow.core.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Which object storage to use ({@code backend}: local, s3 or gcs) and how to reach it; bound from
 * {@code mevflow.storage.*}.
 */
@ConfigurationProperties("mevflow.storage")
public record StorageSettings(String backend, Local local, S3 s3, Gcs gcs) {
  /** A local directory. */
  public record Local(String root) {}

  /** S3 or an S3-compatible endpoint. */
  public record S3(
      String region, String endpoint, Boolean pathStyle, String accessKey, String secretKey) {}

  /** Google Cloud Storage (credentials from the environment, as Google's libraries find them). */
  public record Gcs(String projectId) {}

  /** Opens the configured backend. */
  public ObjectStorage open() {
    String kind = backend == null || backend.isBlank() ? "local" : backend;
    switch (kind) {
      case "local" -> {
        String root = local == null || local.root() == null ? ".mevflow/storage" : local.root();
        try {
          return new LocalObjectStorage(Path.of(root));
        } catch (IOException e) {
          throw new UncheckedIOException("cannot use " + root + " for local storage", e);
        }
      }
      case "s3" -> {
        S3 c = s3 == null ? new S3(null, null, null, null, null) : s3;
        return new S3ObjectStorage(
            new S3ObjectStorage.Settings(
                c.region(),
                c.endpoint() == null || c.endpoint().isBlank() ? null : URI.create(c.endpoint()),
                c.pathStyle() != null && c.pathStyle(),
                c.accessKey(),
                c.secretKey(),
                Duration.ofMinutes(10)));
      }
      case "gcs" -> {
        var options = com.google.cloud.storage.StorageOptions.newBuilder();
        if (gcs != null && gcs.projectId() != null && !gcs.projectId().isBlank()) {
          options.setProjectId(gcs.projectId());
        }
        return new GcsObjectStorage(options.build().getService());
      }
      default ->
          throw new IllegalArgumentException(
              "mevflow.storage.backend must be local, s3 or gcs (got '" + kind + "')");
    }
  }
}
