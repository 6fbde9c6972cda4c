package io.turnfleet.operator;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A relay admin port that serves {@code GET /load} as the contract describes it, with the numbers a
 * test sets; for operator tests that need load reports but no relay.
 */
public final class LoadEndpoint implements AutoCloseable {
  private final HttpServer server;
  private volatile long allocations;
  private volatile boolean draining;
  private volatile int status = 200;
  private volatile Duration delay = Duration.ZERO;
  private volatile String body;

  public LoadEndpoint(String host) throws IOException {
    this(host, 0);
  }

  /** An endpoint on {@code host:port}; port 0 picks a free one. */
  public LoadEndpoint(String host, int port) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(host), port), 0);
    server.createContext("/load", exchange -> {
      try (exchange) {
        sleep(delay);
        byte[] bytes = (body != null ? body : document()).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(bytes);
        }
      }
    });
    server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "load-endpoint");
      t.setDaemon(true);
      return t;
    }));
    server.start();
  }

  private String document() {
    return "{\"allocations\":" + allocations + ",\"permissions\":0,\"channels\":0,\"capacity\":0,"
        + "\"bytesPerSecond\":{\"clientToPeer\":100.0,\"peerToClient\":50.0},"
        + "\"packetsPerSecond\":{\"clientToPeer\":1.0,\"peerToClient\":1.0},"
        + "\"connections\":{\"udp\":" + allocations + ",\"tcp\":0,\"tls\":0},"
        + "\"draining\":" + draining + ",\"ready\":" + !draining + ",\"uptimeSeconds\":10}";
  }

  private static void sleep(Duration d) {
    if (!d.isZero()) {
      try {
        Thread.sleep(d.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  public int port() {
    return server.getAddress().getPort();
  }

  public LoadEndpoint allocations(long value) {
    allocations = value;
    return this;
  }

  public LoadEndpoint draining(boolean value) {
    draining = value;
    return this;
  }

  public LoadEndpoint answer(int httpStatus, String document) {
    status = httpStatus;
    body = document;
    return this;
  }

  public LoadEndpoint delay(Duration value) {
    delay = value;
    return this;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
