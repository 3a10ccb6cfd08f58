package org.mevflow.core.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on loopback in front of a server, that can cut connections mid-request: the next
 * {@code times} connections whose client has sent more than {@code afterBytes} bytes are reset
 * right there (the server has read part of the request body, the client gets a connection reset). A
 * network fault, not a patched client: the client and the server are the real ones.
 */
public final class CuttingProxy implements AutoCloseable {
  private final ServerSocket server;
  private final InetSocketAddress target;
  private final AtomicInteger cutsLeft = new AtomicInteger();
  private final AtomicInteger cuts = new AtomicInteger();
  private volatile long afterBytes = Long.MAX_VALUE;

  public CuttingProxy(URI target) throws IOException {
    this.target = new InetSocketAddress(target.getHost(), target.getPort());
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread accept = new Thread(this::accept, "cutting-proxy");
    accept.setDaemon(true);
    accept.start();
  }

  /** The proxy's address, to give the client in place of the server's. */
  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getLocalPort());
  }

  /** Cuts the next {@code times} connections that carry more than {@code afterBytes} bytes up. */
  public void cut(int times, long afterBytes) {
    this.afterBytes = afterBytes;
    cutsLeft.set(times);
  }

  /** How many connections were cut so far. */
  public int cuts() {
    return cuts.get();
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        Socket upstream = new Socket();
        upstream.connect(target, 5_000);
        Thread up = new Thread(() -> pumpUp(client, upstream), "cutting-proxy-up");
        Thread down = new Thread(() -> pump(upstream, client), "cutting-proxy-down");
        up.setDaemon(true);
        down.setDaemon(true);
        up.start();
        down.start();
      } catch (IOException e) {
        // closed, or the target refused: the client sees its connection fail
      }
    }
  }

  private void pumpUp(Socket client, Socket upstream) {
    byte[] buffer = new byte[8192];
    long sent = 0;
    try (InputStream in = client.getInputStream();
        OutputStream out = upstream.getOutputStream()) {
      int n;
      while ((n = in.read(buffer)) >= 0) {
        long limit = afterBytes;
        if (sent + n > limit && cutsLeft.getAndUpdate(c -> Math.max(0, c - 1)) > 0) {
          out.write(buffer, 0, (int) Math.max(0, limit - sent));
          out.flush();
          cuts.incrementAndGet();
          reset(client);
          reset(upstream);
          return;
        }
        out.write(buffer, 0, n);
        out.flush();
        sent += n;
      }
    } catch (IOException e) {
      // either side went away
    } finally {
      closeQuietly(client);
      closeQuietly(upstream);
    }
  }

  private static void pump(Socket from, Socket to) {
    try (InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream()) {
      in.transferTo(out);
    } catch (IOException e) {
      // either side went away
    } finally {
      closeQuietly(from);
      closeQuietly(to);
    }
  }

  private static void reset(Socket socket) {
    try {
      socket.setSoLinger(true, 0);
    } catch (IOException e) {
      // already closed
    }
    closeQuietly(socket);
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // nothing more to do
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
