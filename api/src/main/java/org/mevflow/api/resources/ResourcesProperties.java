package org.mevflow.api.resources;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Uploads ({@code mevflow.resources.*}): the largest file accepted ({@code max-upload-bytes}, 256
 * MiB) and the bucket resources are stored in.
 */
@ConfigurationProperties("mevflow.resources")
public record ResourcesProperties(Long maxUploadBytes, String bucket) {
  public ResourcesProperties {
    maxUploadBytes = maxUploadBytes == null ? 256L << 20 : maxUploadBytes;
    bucket = bucket == null || bucket.isBlank() ? "mevflow-resources" : bucket;
  }
}
