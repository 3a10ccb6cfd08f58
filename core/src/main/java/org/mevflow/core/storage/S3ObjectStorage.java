package org.mevflow.core.storage;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.mevflow.core.text.Errors;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Objects in S3 or anything that speaks its protocol (MinIO, Ceph, ...). A single PUT is atomic for
 * readers; the SDK's standard retry policy and explicit timeouts bound every call.
 */
public final class S3ObjectStorage implements ObjectStorage, AutoCloseable {

  /**
   * Attempts per call (the SDK's standard strategy: exponential backoff with jitter, retrying
   * connection failures, throttling and 5xx); set here so it does not depend on the environment's
   * {@code AWS_RETRY_MODE}. Activities retry on top of it with their own policy.
   */
  public static final int ATTEMPTS = 3;

  /** Connection settings; {@code endpoint} empty for AWS itself. */
  public record Settings(
      String region,
      URI endpoint,
      boolean pathStyle,
      String accessKey,
      String secretKey,
      Duration callTimeout) {}

  private final S3Client s3;
  private final S3Presigner presigner;

  public S3ObjectStorage(Settings settings) {
    AwsCredentialsProvider credentials =
        settings.accessKey() == null || settings.accessKey().isBlank()
            ? DefaultCredentialsProvider.builder().build()
            : StaticCredentialsProvider.create(
                AwsBasicCredentials.create(settings.accessKey(), settings.secretKey()));
    Region region = Region.of(settings.region() == null ? "us-east-1" : settings.region());
    S3Configuration config =
        S3Configuration.builder().pathStyleAccessEnabled(settings.pathStyle()).build();
    var builder =
        S3Client.builder()
            .region(region)
            .credentialsProvider(credentials)
            .serviceConfiguration(config)
            .overrideConfiguration(
                o ->
                    o.apiCallTimeout(settings.callTimeout())
                        .apiCallAttemptTimeout(settings.callTimeout())
                        .retryStrategy(
                            AwsRetryStrategy.standardRetryStrategy().toBuilder()
                                .maxAttempts(ATTEMPTS)
                                .build()));
    var presign =
        S3Presigner.builder()
            .region(region)
            .credentialsProvider(credentials)
            .serviceConfiguration(config);
    if (settings.endpoint() != null) {
      builder.endpointOverride(settings.endpoint());
      presign.endpointOverride(settings.endpoint());
    }
    this.s3 = builder.build();
    this.presigner = presign.build();
  }

  @Override
  public String scheme() {
    return "s3";
  }

  @Override
  public StoredObject put(ObjectRef ref, Path source, Content content) throws IOException {
    try {
      s3.putObject(
          b ->
              b.bucket(ref.bucket())
                  .key(ref.key())
                  .contentType(content.type())
                  .contentEncoding(content.encoding()),
          RequestBody.fromFile(source));
    } catch (SdkException e) {
      throw new IOException("S3 put of " + ref + " failed: " + Errors.describe(e), e);
    }
    return head(ref).orElseThrow(() -> new IOException("S3 lost " + ref + " right after a put"));
  }

  @Override
  public InputStream get(ObjectRef ref) throws IOException {
    try {
      return s3.getObject(b -> b.bucket(ref.bucket()).key(ref.key()));
    } catch (NoSuchKeyException e) {
      throw new NoSuchObjectException(ref);
    } catch (SdkException e) {
      throw new IOException("S3 get of " + ref + " failed: " + Errors.describe(e), e);
    }
  }

  @Override
  public Optional<StoredObject> head(ObjectRef ref) throws IOException {
    try {
      HeadObjectResponse h = s3.headObject(b -> b.bucket(ref.bucket()).key(ref.key()));
      return Optional.of(
          new StoredObject(
              ref, h.contentLength(), h.contentType(), h.contentEncoding(), h.lastModified()));
    } catch (NoSuchKeyException e) {
      return Optional.empty();
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        return Optional.empty();
      }
      throw new IOException("S3 head of " + ref + " failed: " + Errors.describe(e), e);
    } catch (SdkException e) {
      throw new IOException("S3 head of " + ref + " failed: " + Errors.describe(e), e);
    }
  }

  @Override
  public boolean delete(ObjectRef ref) throws IOException {
    boolean existed = head(ref).isPresent();
    try {
      s3.deleteObject(b -> b.bucket(ref.bucket()).key(ref.key()));
    } catch (SdkException e) {
      throw new IOException("S3 delete of " + ref + " failed: " + Errors.describe(e), e);
    }
    return existed;
  }

  @Override
  public StoredObject copy(ObjectRef from, ObjectRef to) throws IOException {
    if (head(from).isEmpty()) {
      throw new NoSuchObjectException(from);
    }
    try {
      s3.copyObject(
          b ->
              b.sourceBucket(from.bucket())
                  .sourceKey(from.key())
                  .destinationBucket(to.bucket())
                  .destinationKey(to.key()));
    } catch (SdkException e) {
      throw new IOException(
          "S3 copy of " + from + " to " + to + " failed: " + Errors.describe(e), e);
    }
    return head(to).orElseThrow();
  }

  @Override
  public List<StoredObject> list(String bucket, String prefix) throws IOException {
    List<StoredObject> out = new ArrayList<>();
    try {
      for (S3Object o :
          s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents()) {
        out.add(head(new ObjectRef(bucket, o.key())).orElseThrow());
      }
    } catch (SdkException e) {
      throw new IOException(
          "S3 list of " + bucket + "/" + prefix + " failed: " + Errors.describe(e), e);
    }
    return out;
  }

  @Override
  public Optional<URI> presignedGetUrl(ObjectRef ref, Duration validFor) {
    var request =
        presigner.presignGetObject(
            p ->
                p.signatureDuration(validFor)
                    .getObjectRequest(g -> g.bucket(ref.bucket()).key(ref.key())));
    try {
      return Optional.of(request.url().toURI());
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException("the SDK signed an invalid URL", e);
    }
  }

  @Override
  public void close() {
    s3.close();
    presigner.close();
  }
}
