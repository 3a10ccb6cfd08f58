import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

/**
 * The peer of bench/http: the same answer as /v1/view (a 302 to the signature) from the JDK's own
 * HTTP server and a map in memory, no database, no framework: what one Java process on this machine
 * answers at most. Run as `java bench/http/Peer.java PORT ACCESSION LOCATION`.
 */
public class Peer {
  public static void main(String[] args) throws Exception {
    Map<String, String> served = new ConcurrentHashMap<>();
    served.put("/v1/view/img/" + args[1], args[2]);
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0])), 512);
    server.setExecutor(Executors.newFixedThreadPool(8));
    server.createContext(
        "/",
        exchange -> {
          String location = served.get(exchange.getRequestURI().getPath());
          if (location == null) {
            exchange.sendResponseHeaders(404, -1);
          } else {
            exchange.getResponseHeaders().set("Location", location);
            exchange.sendResponseHeaders(302, -1);
          }
          exchange.close();
        });
    server.start();
  }
}
