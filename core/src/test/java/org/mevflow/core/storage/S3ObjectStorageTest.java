package org.mevflow.core.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * S3 against a real S3-protocol server (Adobe's S3Mock), run as its own process over HTTP, reached
 * through a proxy that can cut connections mid-upload.
 */
@Tag("component")
class S3ObjectStorageTest extends ObjectStorageContract {
  private static FaultyS3 server;
  private static CuttingProxy proxy;
  private static S3ObjectStorage s3;

  @BeforeAll
  static void startS3Mock() throws Exception {
    server = FaultyS3.start(BUCKET, "wort-genomes");
    proxy = server.network;
    s3 = server.client();
  }

  @AfterAll
  static void stop() throws Exception {
    if (s3 != null) {
      s3.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Override
  ObjectStorage storage() {
    return s3;
  }

  @Test
  void aPresignedUrlDownloadsTheObjectOverPlainHttp() throws Exception {
    storage.put(ref("sigs/p.sig"), file("presigned"), Content.GZIPPED_JSON);
    URI url = storage.presignedGetUrl(ref("sigs/p.sig"), Duration.ofMinutes(5)).orElseThrow();
    assertThat(url.getQuery()).contains("X-Amz-Signature=").contains("X-Amz-Expires=300");
    HttpResponse<byte[]> r =
        HttpClient.newHttpClient()
            .send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(new String(r.body())).isEqualTo("presigned");
  }

  @Test
  void aConnectionCutMidUploadStoresNoPartAndKeepsTheOldObject() throws Exception {
    ObjectRef r = ref("sigs/cut.sig");
    storage.put(r, file("old"), Content.GZIPPED_JSON);
    byte[] big = new byte[1 << 20];
    new java.util.Random(7).nextBytes(big);
    Path source = Files.write(Files.createTempFile(dir, "big", ".bin"), big);
    int before = proxy.cuts();
    proxy.cut(100, 256 << 10);
    try {
      assertThatThrownBy(() -> storage.put(r, source, Content.GZIPPED_JSON))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("S3 put of " + BUCKET + "/" + prefix + "sigs/cut.sig failed");
      assertThatThrownBy(() -> storage.put(ref("sigs/new.sig"), source, Content.GZIPPED_JSON))
          .isInstanceOf(IOException.class);
    } finally {
      proxy.cut(0, Long.MAX_VALUE);
    }
    assertThat(proxy.cuts() - before)
        .as("every attempt of both puts was cut")
        .isEqualTo(2 * S3ObjectStorage.ATTEMPTS);
    assertThat(read(storage.get(r))).isEqualTo("old");
    assertThat(storage.head(ref("sigs/new.sig"))).isEmpty();
    assertThat(storage.list(BUCKET, prefix + "sigs/"))
        .extracting(o -> o.ref().key())
        .containsExactly(prefix + "sigs/cut.sig");
  }

  @Test
  void oneCutIsRetriedByTheClientAndTheWholeObjectLands() throws Exception {
    byte[] big = new byte[1 << 20];
    new java.util.Random(8).nextBytes(big);
    Path source = Files.write(Files.createTempFile(dir, "big", ".bin"), big);
    int before = proxy.cuts();
    proxy.cut(1, 256 << 10);
    try {
      storage.put(ref("sigs/retried.sig"), source, Content.GZIPPED_JSON);
    } finally {
      proxy.cut(0, Long.MAX_VALUE);
    }
    assertThat(proxy.cuts() - before).isEqualTo(1);
    try (var in = storage.get(ref("sigs/retried.sig"))) {
      assertThat(in.readAllBytes()).isEqualTo(big);
    }
  }
}
