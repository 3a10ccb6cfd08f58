package org.mevflow.devstack;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;

/**
 * The cluster's object store: SeaweedFS ({@code weed server}: master, volume server, filer and S3
 * gateway in one process, its data in {@code objects/data}), a real, persistent store that speaks
 * S3, built from the Go module proxy. One identity, {@code mevflow}, with a generated secret key;
 * mevflow's processes reach it as they reach S3 ({@code MEVFLOW_STORAGE=s3}, path-style).
 */
final class ClusterObjects {
  static final String ACCESS_KEY = "mevflow";
  static final String REGION = "us-east-1";
  static final String CROMWELL_BUCKET = "cromwell-executions";
  static final Duration START_LIMIT = Duration.ofSeconds(60);

  private final ClusterBinaries binaries;
  private final Path dir;
  private final ClusterPorts ports;
  private final ClusterSecrets secrets;

  ClusterObjects(ClusterBinaries binaries, Path home, ClusterPorts ports, ClusterSecrets secrets) {
    this.binaries = binaries;
    this.dir = home.resolve("objects");
    this.ports = ports;
    this.secrets = secrets;
  }

  String endpoint() {
    return "http://127.0.0.1:" + ports.s3();
  }

  Supervised start() throws IOException {
    Path data = dir.resolve("data");
    Files.createDirectories(data);
    Path identities = dir.resolve("s3-identities.json");
    Files.writeString(
        identities,
        """
        {"identities": [{"name": "mevflow",
          "credentials": [{"accessKey": "%s", "secretKey": "%s"}],
          "actions": ["Admin", "Read", "Write", "List", "Tagging"]}]}
        """
            .formatted(ACCESS_KEY, secrets.objectStoreSecret()));
    Files.setPosixFilePermissions(identities, PosixFilePermissions.fromString("rw-------"));
    List<String> command =
        List.of(
            binaries.seaweed().toString(),
            "server",
            "-dir=" + data,
            "-ip=127.0.0.1",
            "-ip.bind=127.0.0.1",
            "-master.port=" + ports.objectsMaster(),
            "-master.port.grpc=" + (ports.objectsMaster() + 1),
            "-master.volumeSizeLimitMB=256",
            "-volume.port=" + ports.objectsVolume(),
            "-volume.port.grpc=" + (ports.objectsVolume() + 1),
            "-volume.max=64",
            "-filer",
            "-filer.port=" + ports.objectsFiler(),
            "-filer.port.grpc=" + (ports.objectsFiler() + 1),
            "-s3",
            "-s3.port=" + ports.s3(),
            "-s3.port.grpc=" + (ports.s3() + 1),
            // the Iceberg and Lance catalogs would take fixed ports (8181, 9101): not used here
            "-s3.port.iceberg=0",
            "-s3.port.lance=0",
            "-s3.config=" + identities);
    Supervised weed =
        Supervised.start(
            "objects", command, Map.of(), dir, data.toString(), "TERM", Duration.ofSeconds(30));
    weed.await(this::answers, START_LIMIT, "answer S3 requests");
    return weed;
  }

  private S3Client client() throws IOException {
    return S3Client.builder()
        .endpointOverride(URI.create(endpoint()))
        .region(Region.of(REGION))
        .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
        .credentialsProvider(
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create(ACCESS_KEY, secrets.objectStoreSecret())))
        .overrideConfiguration(o -> o.apiCallTimeout(Duration.ofSeconds(10)))
        .build();
  }

  /** S3 answers (a listing of the buckets) with our credentials. */
  private boolean answers() {
    try (S3Client s3 = client()) {
      s3.listBuckets();
      return true;
    } catch (Exception notYet) {
      return false;
    }
  }

  /** Creates each bucket that is not there yet. */
  void createBuckets(List<String> buckets) throws IOException {
    try (S3Client s3 = client()) {
      for (String bucket : buckets) {
        try {
          s3.headBucket(b -> b.bucket(bucket));
        } catch (NoSuchBucketException missing) {
          try {
            s3.createBucket(b -> b.bucket(bucket));
          } catch (BucketAlreadyOwnedByYouException raced) {
            // made meanwhile: what was wanted
          }
        }
      }
    }
  }

  /** mevflow's own client of the store. */
  org.mevflow.core.storage.ObjectStorage storage() throws IOException {
    return new org.mevflow.core.storage.StorageSettings(
            "s3",
            null,
            new org.mevflow.core.storage.StorageSettings.S3(
                REGION, endpoint(), true, ACCESS_KEY, secrets.objectStoreSecret()),
            null)
        .open();
  }

  /** What mevflow's processes need to reach the store. */
  Map<String, String> clientEnvironment() throws IOException {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("MEVFLOW_STORAGE", "s3");
    env.put("MEVFLOW_S3_ENDPOINT", endpoint());
    env.put("MEVFLOW_S3_PATH_STYLE", "true");
    env.put("MEVFLOW_S3_REGION", REGION);
    env.put("MEVFLOW_S3_ACCESS_KEY", ACCESS_KEY);
    env.put("MEVFLOW_S3_SECRET_KEY", secrets.objectStoreSecret());
    return env;
  }
}
