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

  /** Cuts the next {@code times} PUTs whose body goes past {@code afterBytes} bytes. */
  public void cut(int times, long afterBytes) {
    this.afterBytes = afterBytes;
    cutsLeft.set(times);
  }

  /** How many uploads were cut so far. */
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

  /**
   * Client to server, reading each request's head (method, Content-Length) so that only the body of
   * an upload (PUT) is cut, whatever else the pooled connection carried before it.
   */
  private void pumpUp(Socket client, Socket upstream) {
    byte[] buffer = new byte[8192];
    java.io.ByteArrayOutputStream head = new java.io.ByteArrayOutputStream();
    long bodyLeft = 0;
    long bodySent = 0;
    boolean upload = false;
    boolean opaque = false; // a body without a length: passed through to the end
    try (InputStream in = client.getInputStream();
        OutputStream out = upstream.getOutputStream()) {
      int n;
      while ((n = in.read(buffer)) >= 0) {
        int i = 0;
        while (i < n) {
          if (opaque) {
            out.write(buffer, i, n - i);
            i = n;
          } else if (bodyLeft == 0) {
            head.write(buffer[i]);
            out.write(buffer[i]);
            i++;
            byte[] h = head.toByteArray();
            int l = h.length;
            if (l >= 4
                && h[l - 4] == '\r'
                && h[l - 3] == '\n'
                && h[l - 2] == '\r'
                && h[l - 1] == '\n') {
              String text = new String(h, java.nio.charset.StandardCharsets.ISO_8859_1);
              head.reset();
              upload = text.startsWith("PUT ");
              bodySent = 0;
              bodyLeft = contentLength(text);
              opaque = bodyLeft < 0;
            }
          } else {
            int k = (int) Math.min(n - i, bodyLeft);
            long limit = afterBytes;
            if (upload
                && bodySent + k > limit
                && cutsLeft.getAndUpdate(c -> Math.max(0, c - 1)) > 0) {
              out.write(buffer, i, (int) Math.max(0, limit - bodySent));
              out.flush();
              cuts.incrementAndGet();
              reset(client);
              reset(upstream);
              return;
            }
            out.write(buffer, i, k);
            i += k;
            bodySent += k;
            bodyLeft -= k;
          }
        }
        out.flush();
      }
    } catch (IOException e) {
      // either side went away
    } finally {
      closeQuietly(client);
      closeQuietly(upstream);
    }
  }

  /** The request's Content-Length, 0 without a body, -1 for a chunked one. */
  private static long contentLength(String head) {
    long length = 0;
    for (String line : head.split("\r\n")) {
      int colon = line.indexOf(':');
      if (colon < 0) {
        continue;
      }
      String name = line.substring(0, colon).trim();
      String value = line.substring(colon + 1).trim();
      if (name.equalsIgnoreCase("Content-Length")) {
        length = Long.parseLong(value);
      } else if (name.equalsIgnoreCase("Transfer-Encoding") && value.contains("chunked")) {
        return -1;
      }
    }
    return length;
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
