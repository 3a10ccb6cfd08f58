package org.mevflow.core.storage;

import java.io.IOException;
import java.time.Duration;

/**
 * What the storage-fault tests stand on: a real S3-protocol server ({@link S3MockServer}) reached
 * through a {@link CuttingProxy}, so that a test can cut uploads on the way.
 */
public final class FaultyS3 implements AutoCloseable {
  private final S3MockServer server;

  /** The network between the clients and the server. */
  public final CuttingProxy network;

  private FaultyS3(S3MockServer server, CuttingProxy network) {
    this.server = server;
    this.network = network;
  }

  /** Starts the server with these buckets, and the proxy in front of it. */
  public static FaultyS3 start(String... buckets) throws IOException, InterruptedException {
    S3MockServer server = S3MockServer.start(buckets);
    try {
      return new FaultyS3(server, new CuttingProxy(server.endpoint()));
    } catch (IOException e) {
      server.close();
      throw e;
    }
  }

  /** A new client that reaches the server through the proxy (close it after use). */
  public S3ObjectStorage client() {
    return S3MockServer.client(network.endpoint(), Duration.ofSeconds(30));
  }

  @Override
  public void close() throws IOException, InterruptedException {
    try {
      network.close();
    } finally {
      server.close();
    }
  }
}
